import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createTempWorkspace, type TempWorkspace } from './workspace';

/** The example schedules must work as written, on AWS and locally. */
describe('the example schedules', () => {
  describe('through the real nx CLI', () => {
    let ws: TempWorkspace;
    let scratch: string;
    const env = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

    beforeAll(() => {
      ws = createTempWorkspace();
      scratch = mkdtempSync(join(tmpdir(), 'compute-mirror-'));
    });
    afterAll(() => {
      ws?.cleanup();
      rmSync(scratch, { recursive: true, force: true });
    });

    /** A git on PATH that records where it cloned to, creates the mirror there, and exits with `status`. */
    function fakeGit(status: number): { bin: string; tmp: string } {
      const bin = mkdtempSync(join(scratch, 'bin-'));
      const tmp = mkdtempSync(join(scratch, 'tmp-'));
      writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor last; do :; done\nmkdir -p "$last" && echo "$last" > "${bin}/cloned-to"\nexit ${status}\n`);
      chmodSync(join(bin, 'git'), 0o755);
      return { bin, tmp };
    }

    it('never hand their command to an image entrypoint, which AWS Batch cannot override', () => {
      const result = ws.nx(['run', 'compute:test', '--skip-nx-cache'], { env });
      expect(result.status).toBe(0);
      expect(result.output).toContain('3 schedules checked: 0 errors');
      expect(result.output).not.toContain('entrypoint');
    });

    it.each([
      ['succeeds', 0],
      ['fails', 128],
    ])('partner_repos_mirror leaves no temporary folder behind when the clone %s', (_, status) => {
      const { bin, tmp } = fakeGit(status);
      const result = ws.nx(['run', 'compute:schedule_partner_repos_mirror'], {
        env: { ...env, PATH: `${bin}${delimiter}${process.env.PATH}`, TMPDIR: tmp, GIT_CLONE_TOKEN: 'not-a-real-token' },
      });
      expect(result.status).toBe(status === 0 ? 0 : 1);
      if (status === 0) expect(result.output).toContain('mirrored');
      // The clone went into TMPDIR, and the folder is gone afterwards.
      expect(readFileSync(join(bin, 'cloned-to'), 'utf8').startsWith(tmp)).toBe(true);
      expect(readdirSync(tmp)).toEqual([]);
      mkdirSync(tmp, { recursive: true });
    });
  });
});
