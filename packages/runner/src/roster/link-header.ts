/**
 * The targets of an RFC 8288 Link header by relation, as GitHub paginates:
 * `<https://api.github.com/...&page=2>; rel="next", <...>; rel="last"`.
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  // A target, then its parameters; quoted values may contain "," and ";".
  const entry = /<([^>]*)>((?:\s*;\s*[\w*-]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  const param = /;\s*([\w*-]+)\s*(?:=\s*(?:"([^"]*)"|([^;,]*)))?/g;
  for (const match of header.matchAll(entry)) {
    for (const p of match[2].matchAll(param)) {
      if (p[1].toLowerCase() !== 'rel') continue;
      // rel may list several relations separated by spaces.
      for (const name of (p[2] ?? p[3] ?? '').trim().split(/\s+/)) {
        const key = name.toLowerCase();
        if (key && !(key in links)) links[key] = match[1];
      }
    }
  }
  return links;
}
