import type { Schedule } from '../catalog/catalog';
import type { Problem } from '../problems';

/**
 * Images whose ENTRYPOINT is one program, so a command given to them becomes that
 * program's arguments. AWS Batch job definitions cannot override an entrypoint
 * (ContainerProperties has `command` only), so `["sh", "-c", ...]` on alpine/git
 * runs `git sh -c ...`. Compute cannot pull images to look (no registry access in
 * CI); these are the common ones, by repository name, matched on the last one or
 * two path segments so any registry mirror counts.
 */
const ENTRYPOINT_IMAGES: Record<string, string> = {
  'alpine/git': 'git',
  'amazon/aws-cli': 'aws',
  'aws-cli/aws-cli': 'aws',
  'hashicorp/terraform': 'terraform',
  'curlimages/curl': 'curl',
  'bitnami/kubectl': 'kubectl',
  'mikefarah/yq': 'yq',
};

/** The repository of an image reference, without registry, tag or digest. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
}

/** A first word that names a program (a path, a shell, the entrypoint itself), not the entrypoint's first argument. */
function looksLikeAProgram(word: string | undefined, entrypoint: string): boolean {
  if (word === undefined) return false;
  return word === entrypoint || word.includes('/') || /^(sh|bash|ash|dash|zsh|env|node|python3?|perl|ruby)$/.test(word);
}

/** Warns when a schedule's command would be handed to a known image entrypoint as arguments. */
export function checkImageEntrypoints(schedules: readonly Schedule[], defaultImage: string): Problem[] {
  const problems: Problem[] = [];
  for (const s of schedules) {
    const image = s.definition.image ?? defaultImage;
    const parts = repositoryOf(image).split('/');
    const entrypoint = ENTRYPOINT_IMAGES[parts.slice(-2).join('/')];
    if (!entrypoint || !looksLikeAProgram(s.definition.command[0], entrypoint)) continue;
    problems.push({
      file: s.file,
      schedule: s.name,
      path: s.definition.image ? '/image' : '/command',
      severity: 'warning',
      message:
        `image ${image} has the entrypoint "${entrypoint}", which AWS Batch cannot override: it would run "${entrypoint} ${s.definition.command.join(' ')}". ` +
        `Use an image without an entrypoint (for git, buildpack-deps:bookworm-scm), or give only ${entrypoint}'s arguments as the command`,
    });
  }
  return problems;
}
