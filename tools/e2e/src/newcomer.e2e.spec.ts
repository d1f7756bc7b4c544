import { createTempWorkspace, type TempWorkspace } from './workspace';

/**
 * The path a new user takes, in order, through the real nx CLI: create a schedule,
 * see its target, run it, list it, test it, break it, let CI select it, deploy it.
 * Each step builds on the one before, as in a user's session.
 */
describe("a newcomer's path through Compute", () => {
  let ws: TempWorkspace;
  // Nobody is the current maintainer, whatever this machine's git or shell says.
  const env = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const file = 'schedules/nightly_export.schedule.json';

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  it('1. nx g schedule creates a schedule whose target shows at once', () => {
    const created = ws.nx(
      [
        'g', 'schedule', 'nightly_export',
        '--command', 'node -e "console.log(`exported for ${process.env.EXPORT_TARGET} with a token of ${process.env.EXPORT_TOKEN.length} characters`)"',
        '--scheduleExpression', 'cron(30 2 * * ? *)',
        '--timezone', 'Europe/Berlin',
        '--environment', 'EXPORT_TARGET=warehouse',
        '--secrets', 'EXPORT_TOKEN',
        '--maintainers', 'ana',
        '--description', 'Exports yesterday orders to the warehouse every night for the finance reports.',
        '--no-interactive',
      ],
      { env },
    );
    expect(created.status).toBe(0);
    expect(created.output).toContain(`CREATE ${file}`);
    expect(created.output).toContain('at 02:30 every day (Europe/Berlin)');
    expect(JSON.parse(ws.read(file))).toMatchObject({ scheduleExpression: 'cron(30 2 * * ? *)', size: 'small', attempts: 1, timeout: 3600, secrets: ['EXPORT_TOKEN'] });

    const shown = ws.nx(['show', 'project', 'compute', '--json']);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout).targets.schedule_nightly_export).toMatchObject({ executor: '@compute/nx:schedule' });
  });

  it('2. runs it locally with its contract, and names a missing secret', () => {
    const run = ws.nx(['run', 'compute:schedule_nightly_export'], { env: { ...env, EXPORT_TOKEN: 's3cr3t-value' } });
    expect(run.status).toBe(0);
    expect(run.output).toContain('exported for warehouse with a token of 12 characters');
    expect(run.output).not.toContain('s3cr3t-value');

    const missing = ws.nx(['run', 'compute:schedule_nightly_export'], { env: { ...env, EXPORT_TOKEN: undefined } });
    expect(missing.status).not.toBe(0);
    expect(missing.output).toContain('EXPORT_TOKEN');
    expect(missing.output).not.toContain('exported for');
  });

  it('3. compute:list shows its next runs', () => {
    const list = ws.nx(['run', 'compute:list', '--format', 'json'], { env });
    expect(list.status).toBe(0);
    const start = list.stdout.indexOf('[');
    const end = list.stdout.lastIndexOf(']');
    const rows = JSON.parse(list.stdout.slice(start, end + 1)) as { name: string; nextRuns: string[] }[];
    const row = rows.find((r) => r.name === 'nightly_export');
    expect(row?.nextRuns.length).toBeGreaterThan(0);
    // 02:30 in Berlin is 00:30 or 01:30 UTC, depending on daylight saving time.
    for (const run of row!.nextRuns) expect(run).toMatch(/T0[01]:30:00(\.000)?Z$/);
  });

  it('4. compute:test passes; a broken file fails it by name while the graph keeps working', () => {
    expect(ws.nx(['run', 'compute:test'], { env }).status).toBe(0);

    const good = ws.read(file);
    ws.write(file, good.replace('"cron(30 2 * * ? *)"', '"cron(30 2 * * * *)"'));
    const failed = ws.nx(['run', 'compute:test', '--skip-nx-cache'], { env });
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain(file);
    expect(failed.output).toMatch(/day-of-month|day-of-week/);

    const projects = ws.nx(['show', 'projects']);
    expect(projects.status).toBe(0);
    expect(projects.stdout).toContain('compute');
    ws.write(file, good);
  });

  it('5. after a commit, changing the schedule selects compute:test and changing nothing selects nothing', () => {
    ws.git(['add', '-A']);
    ws.git(['commit', '-q', '-m', 'add nightly_export']);

    const nothing = ws.nx(['affected', '-t', 'test', '--explain'], { env });
    expect(nothing.status).toBe(0);
    expect(nothing.output).toContain('Nothing affected');

    ws.write(file, ws.read(file).replace('"timeout": 3600', '"timeout": 1800'));
    const explained = ws.nx(['affected', '-t', 'test', '--explain'], { env });
    expect(explained.status).toBe(0);
    expect(explained.output).toMatch(/schedules\/nightly_export\.schedule\.json:\n\s+- compute:test\n/);
    const run = ws.nx(['affected', '-t', 'test'], { env });
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/Successfully ran target test for project compute/);
  });

  it('6. compute:deploy writes a stack with its job definition and EventBridge schedule', () => {
    const deploy = ws.nx(['run', 'compute:deploy'], { env });
    expect(deploy.status).toBe(0);
    const stack = JSON.parse(ws.read('dist/compute/stacks/compute/cdk.tf.json'));
    expect(stack.resource.aws_batch_job_definition.nightly_export).toMatchObject({ name: 'compute-nightly_export' });
    expect(stack.resource.aws_scheduler_schedule.nightly_export).toMatchObject({
      name: 'compute-nightly_export',
      schedule_expression: 'cron(30 2 * * ? *)',
      schedule_expression_timezone: 'Europe/Berlin',
    });
  });
});
