import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_KEYS, NO_AWS } from './aws-env';
import { createTempWorkspace, type RunOptions, type TempWorkspace } from './workspace';

/**
 * A new user's mistakes, through the real nx CLI: each must end in one clear
 * message naming the file, field or option and the fix; never a stack trace,
 * never a partial deploy.
 */

/** The README's command for a clean JSON document from an nx target. */
const EXTRACT = `sed -n '/^[{[]$/,/^[]}]$/p'`;

describe('error paths through the nx CLI', () => {
  let ws: TempWorkspace;
  const nx = (args: string[], options?: RunOptions) => {
    const result = ws.nx(args, options);
    // Whatever went wrong, a person reads a message, not a stack trace or this machine's paths.
    expect(result.output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(result.output).not.toContain(ws.root);
    return result;
  };
  const original = (path: string) => ws.git(['show', `HEAD:${path}`]).stdout;

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  describe('batch submissions', () => {
    it('prints the dry run without the secrets in the environment', () => {
      const result = nx(['run', 'compute:schedule_search_reindex_shards:batch', '--dry-run'], { env: { ...NO_AWS, SEARCH_API_TOKEN: undefined } });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('"jobDefinition": "compute-search_reindex_shards"');
    });

    it('says how to sign in when there are no credentials', () => {
      const result = nx(['run', 'compute:schedule_workspace_heartbeat:batch'], { env: NO_AWS });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('compute: no AWS credentials found. Sign in');
    });

    it('names the profile when AWS_PROFILE gives no credentials', () => {
      const result = nx(['run', 'compute:schedule_workspace_heartbeat:batch'], { env: { ...NO_AWS, AWS_PROFILE: 'e2e-missing' } });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('compute: no usable AWS credentials in profile "e2e-missing" (from AWS_PROFILE)');
    });

    it("uses compute.json's region when AWS configures none, and names an unreachable endpoint", () => {
      ws.write('schedules/compute.json', original('schedules/compute.json').replace('"region": "us-east-1"', '"region": "eu-west-1"'));
      try {
        const result = nx(['run', 'compute:schedule_workspace_heartbeat:batch', '--allow-duplicates'], { env: FAKE_KEYS });
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('compute: using the AWS Batch endpoint from AWS_ENDPOINT_URL_BATCH: http://127.0.0.1:1');
        // The first call is DescribeJobDefinitions (the drift check), before any duplicate check.
        expect(result.stderr).toContain('compute: cannot reach AWS Batch in eu-west-1 (ECONNREFUSED)');
      } finally {
        ws.write('schedules/compute.json', original('schedules/compute.json'));
      }
    });

    it('passes --inherit-env (kebab-case) to a local run', () => {
      const result = nx(['run', 'compute:schedule_workspace_heartbeat', '--inherit-env']);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('host env  the whole caller environment (--inherit-env)');
    });
  });

  describe('JSON for scripts', () => {
    const shell = (command: string) => ws.run('sh', ['-c', command], { env: { COMPUTE_MAINTAINER: 'ana' } });

    it('the README command cuts a valid document out of nx output for test and list', () => {
      const test = shell(`npx nx run compute:test --format json | ${EXTRACT}`);
      expect(JSON.parse(test.stdout)).toMatchObject({ checked: 3, errors: 0 });
      const list = shell(`npx nx run compute:list --format json | ${EXTRACT}`);
      expect((JSON.parse(list.stdout) as { name: string }[]).map((s) => s.name)).toEqual(['partner_repos_mirror', 'search_reindex_shards', 'workspace_heartbeat']);
    });

    it('keeps the report of an unusable compute.json off stdout in list --format json', () => {
      ws.write('schedules/compute.json', '{ "region": "mars" }');
      try {
        const result = nx(['run', 'compute:list', '--format', 'json']);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('/region: must be an AWS region such as us-east-1');
        expect(result.stdout).not.toContain('/region');
      } finally {
        ws.write('schedules/compute.json', original('schedules/compute.json'));
      }
    });
  });

  describe('broken files', () => {
    afterEach(() => {
      ws.write('schedules/compute.json', original('schedules/compute.json'));
      rmSync(join(ws.root, 'schedules', 'half_done.schedule.json'), { force: true });
    });

    it('names the field a typo meant and every problem of a half-done schedule, and deploys nothing', () => {
      ws.write('schedules/compute.json', original('schedules/compute.json').replace('"region"', '"regoin"'));
      ws.write(
        'schedules/half_done.schedule.json',
        JSON.stringify({
          scheduleExpression: 'rate(1 hour)',
          command: ['true'],
          size: 'small',
          awsRole: '',
          attempts: 1,
          timeout: 60,
          meta: { description: 'todo', maintainers: ['nobody'], lastReview: '2026-01-01', requiredBy: ['me'] },
        }),
      );
      const test = nx(['run', 'compute:test']);
      expect(test.status).not.toBe(0);
      expect(test.stdout).toContain('/regoin: unknown field "regoin": did you mean "region"?');

      ws.write('schedules/compute.json', original('schedules/compute.json'));
      const again = nx(['run', 'compute:test']);
      expect(again.stdout).toContain('/awsRole: must not be empty: the name of the IAM role the job assumes');
      expect(again.stdout).toContain('/meta/description: must be at least 25 characters');
      // Checked although the meta block has another error: no second round of fixes.
      expect(again.stdout).toContain('/meta/maintainers: none of "nobody" is in schedules/maintainers.json');

      const deploy = nx(['run', 'compute:deploy']);
      expect(deploy.status).not.toBe(0);
      expect(deploy.stderr).toContain('Nothing was synthesized and dist/compute was left as it was');
      expect(ws.exists('dist/compute')).toBe(false);
    });

    it('refuses to deploy into a path blocked by a file, naming it', () => {
      ws.write('dist', 'not a folder');
      try {
        const result = nx(['run', 'compute:deploy']);
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('synth: will not replace dist/compute: dist is a file, not a folder.');
      } finally {
        rmSync(join(ws.root, 'dist'), { force: true });
      }
    });
  });

  describe('nx g schedule', () => {
    it('names every missing option at once with --no-interactive', () => {
      const result = nx(['g', 'schedule', '--no-interactive']);
      expect(result.status).not.toBe(0);
      for (const option of ['--name', '--command', '--scheduleExpression', '--maintainers', '--description']) {
        expect(result.output).toContain(`  ${option}: is required: `);
      }
      expect(result.output).not.toContain('Required property');
    });

    it('refuses maintainers who are not on the roster before writing anything', () => {
      const result = nx([
        'g', 'schedule', 'late_job', '--command', 'true', '--expression', 'rate(1 hour)', '--maintainers', 'nobody',
        '--description', 'A schedule whose maintainer is not on the roster.', '--no-interactive',
      ]);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('--maintainers: none of "nobody" is in schedules/maintainers.json');
      expect(ws.exists('schedules/late_job.schedule.json')).toBe(false);
    });
  });
});
