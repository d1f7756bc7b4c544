import { createTempWorkspace, type CommandResult, type TempWorkspace } from './workspace';

/** The JSON document nx printed between its own banner lines (the dry-run request). */
function printedJson(result: CommandResult): Record<string, any> {
  const lines = result.stdout.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  if (start === -1 || end === -1) throw new Error(`no JSON document in the output:\n${result.output}`);
  return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

describe('nx run compute:schedule_<name>', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  it('runs the heartbeat locally with the job environment and prints its line', () => {
    const result = ws.nx(['run', 'compute:schedule_workspace_heartbeat']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^heartbeat compute: job local-[0-9a-f]{8} attempt 1 on compute-small$/m);
    expect(result.output).toContain('compute: running schedule workspace_heartbeat locally');
    expect(result.output).not.toContain(ws.root);
  });

  it('refuses to run the reindex without its secret, naming it, and starts nothing', () => {
    const result = ws.nx(['run', 'compute:schedule_search_reindex_shards'], { env: { SEARCH_API_TOKEN: undefined } });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('missing or empty in your environment: SEARCH_API_TOKEN');
    expect(result.output).not.toContain('reindexing partition');
    expect(result.output).not.toMatch(/\n\s+at .*\(/);
  });

  it('runs one shard of the reindex with --index', () => {
    const result = ws.nx(['run', 'compute:schedule_search_reindex_shards', '--index', '3'], { env: { SEARCH_API_TOKEN: 'e2e-token' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('reindexing partition 4/8 at https://search.internal.example.com (attempt 1)');
    expect(result.output).not.toContain('e2e-token');
  });

  it('prints the SubmitJob request with :batch --dryRun and calls no AWS API', () => {
    const result = ws.nx(['run', 'compute:schedule_workspace_heartbeat:batch', '--dryRun'], {
      // Nowhere to send a request: a call would fail loudly instead of reaching AWS.
      env: { AWS_ENDPOINT_URL_BATCH: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined },
    });
    expect(result.status).toBe(0);
    const request = printedJson(result);
    expect(request).toMatchObject({
      jobName: 'workspace_heartbeat',
      jobQueue: 'compute-small',
      jobDefinition: 'compute-workspace_heartbeat',
      timeout: { attemptDurationSeconds: 300 },
      propagateTags: true,
    });
    expect(request.containerOverrides.environment).toEqual([{ name: 'HEARTBEAT_LABEL', value: 'compute' }]);
    expect(result.output).toContain('nothing was sent to AWS');
  });

  it('appends arguments after -- to the submitted command and honours --environment', () => {
    const result = ws.nx(['run', 'compute:schedule_search_reindex_shards:batch', '--', '--only', 'p1', '--environment', 'test', '--dry-run']);
    expect(result.status).toBe(0);
    const request = printedJson(result);
    expect(request.jobQueue).toBe('compute-test');
    expect(request.containerOverrides.command).toEqual(['node', 'schedules/jobs/reindex.js', '--shards', '8', '--only', 'p1']);
    expect(request.arrayProperties).toEqual({ size: 8 });
  });
});
