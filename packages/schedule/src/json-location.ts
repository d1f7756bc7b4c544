import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { type TextPosition, positionOf } from './json';
import type { Problem } from './problems';

/**
 * Where the field a JSON pointer names is written: its key for an object member,
 * the value itself for an array item. A pointer to a field that is missing (a
 * required field) lands on the nearest enclosing field that is there. Undefined for
 * the whole document ("") and for text that is not JSON.
 */
export function locateJsonPointer(text: string, pointer: string): TextPosition | undefined {
  if (pointer === '') return undefined;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) return undefined;
  let node: Node = root;
  let found: Node | undefined;
  for (const token of pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    const next = child(node, token);
    if (!next) break;
    found = next.at;
    node = next.value;
  }
  return found ? positionOf(source, found.offset) : undefined;
}

/** A member's key node (what to point at) and its value node (where to descend). */
function child(node: Node, token: string): { at: Node; value: Node } | undefined {
  if (node.type === 'object') {
    // The last one wins, as in JSON.parse.
    const members = (node.children ?? []).filter((member) => member.children?.[0]?.value === token);
    const member = members[members.length - 1];
    const value = member?.children?.[1];
    return member && value ? { at: member, value } : undefined;
  }
  if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(token)) {
    const item = node.children?.[Number(token)];
    return item ? { at: item, value: item } : undefined;
  }
  return undefined;
}

/**
 * Adds the line and column of each problem's field, for problems that point into a
 * file whose text `textOf` gives. Problems already located, or about a whole file,
 * stay as they are.
 */
export function locateProblems(problems: readonly Problem[], textOf: (file: string) => string | undefined): Problem[] {
  return problems.map((problem) => {
    if (problem.line !== undefined || problem.path === '') return problem;
    const text = textOf(problem.file);
    const position = text === undefined ? undefined : locateJsonPointer(text, problem.path);
    return position ? { ...problem, ...position } : problem;
  });
}
