import { execFileSync } from 'node:child_process';
import type { GitIdentity } from '@compute/schedule';

/** git's user.name and user.email as configured for `cwd`; missing git or settings give undefined fields. */
export function readGitIdentity(cwd: string): GitIdentity {
  return { name: gitConfig(cwd, 'user.name'), email: gitConfig(cwd, 'user.email') };
}

function gitConfig(cwd: string, key: string): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
