import { join } from 'node:path';
import { BatchClient } from '@aws-sdk/client-batch';
import { buildSubmitJobRequest, loadCatalog, toSchedulerInput, type SubmitJobRequest } from '@compute/schedule';
import { captureIO } from '../testing/capture-io';
import { catalogOf, scheduleOf } from '@compute/schedule/testing';
import { scheduleFile } from '../testing/catalog-fixture';
import { deployedJobDefinition, describeDeployed } from '../testing/deployed-job-definition';
import { awsError, ok, startFakeBatchApi, type FakeBatchApi, type Script } from '../testing/fake-batch-api';
import { runnerFailure } from '../testing/runner-failure';
import { submitToBatch, type SubmitToBatchOptions } from './submit-to-batch';
import { ISOLATED_AWS_ENV } from '../testing/isolated-aws-env';

// Clients built here bypass loadBatchSdk, which silences the SDK's Node 20 notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

const catalog = catalogOf({
  heartbeat: scheduleFile({ command: ['node', 'beat.js'], environment: { LABEL: 'x' }, tags: { team: 'platform' } }),
  shards: scheduleFile({ command: ['node', 'shard.js'], parallel: 4, size: 'large', attempts: 3, timeout: 600 }),
});
const heartbeat = scheduleOf(catalog, 'heartbeat');

const SUBMITTED = ok({ jobArn: 'arn:aws:batch:us-east-1:123456789012:job/job-1', jobName: 'heartbeat', jobId: 'job-1' });
const NO_JOBS = ok({ jobSummaryList: [] });

let api: FakeBatchApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** The Batch API with the working copy deployed, unless the script says otherwise. */
async function fake(script: Script): Promise<FakeBatchApi> {
  api = await startFakeBatchApi({ describejobdefinitions: [describeDeployed([catalog])], ...script });
  return api;
}

function clientFor(server: FakeBatchApi, extra: Partial<ConstructorParameters<typeof BatchClient>[0]> = {}): BatchClient {
  return new BatchClient({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' },
    ...extra,
  });
}

async function submit(options: Partial<SubmitToBatchOptions>) {
  const out = captureIO();
  const result = await submitToBatch({ catalog, schedule: heartbeat, io: out.io, sleep: async () => undefined, ...options });
  return { result, out };
}

/** Sets environment variables for one test and restores them after. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

describe('submitToBatch --dry-run', () => {
  it('prints the request as JSON and makes no call, without credentials', async () => {
    await withEnv(ISOLATED_AWS_ENV, async () => {
      const { result, out } = await submit({ dryRun: true, args: ['--full'] });
      const expected = buildSubmitJobRequest(heartbeat, catalog.config, { args: ['--full'] });
      expect(result).toEqual({ success: true, outcome: 'dry-run', request: expected });
      expect(out.stdout()).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      expect(JSON.parse(out.stdout()).containerOverrides.command).toEqual(['node', 'beat.js', '--full']);
      expect(out.stderr()).toContain('nothing was sent to AWS');
    });
  });

  it('targets the queue of --environment', async () => {
    const { out } = await submit({ dryRun: true, environment: 'test' });
    expect(JSON.parse(out.stdout()).jobQueue).toBe('compute-test');
  });

  it('rejects an unknown --environment, listing the known ones', async () => {
    const error = await runnerFailure(submit({ dryRun: true, environment: 'staging' }));
    expect(error.message).toBe('unknown environment "staging" for --environment: schedules/compute.json defines large, small, test, warp');
  });

  it('refuses, even as a dry run, a queue whose architecture differs from the schedule\'s', async () => {
    const mirrorCatalog = catalogOf({ mirror: scheduleFile({ size: 'warp' }) });
    const out = captureIO();
    const error = await runnerFailure(
      submitToBatch({ catalog: mirrorCatalog, schedule: scheduleOf(mirrorCatalog, 'mirror'), io: out.io, dryRun: true, environment: 'test' }),
    );
    expect(error.message).toContain('environment test is arm64, but the schedule\'s environment warp is x86_64');
    expect(out.stdout()).toBe('');
  });
});

describe('submitToBatch against the Batch API', () => {
  it('checks for duplicates, submits the request and prints id, ARN and console link', async () => {
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    const { result, out } = await submit({ client: clientFor(server) });

    expect(server.requests.map((r) => `${r.method} ${r.operation}`)).toEqual(['POST describejobdefinitions', 'POST listjobs', 'POST submitjob']);
    expect(server.bodies('describejobdefinitions')).toEqual([{ jobDefinitionName: 'compute-heartbeat', status: 'ACTIVE' }]);
    expect(server.bodies('listjobs')).toEqual([{ jobQueue: 'compute-small', filters: [{ name: 'JOB_NAME', values: ['heartbeat'] }] }]);
    expect(server.bodies('submitjob')).toEqual([
      {
        jobName: 'heartbeat',
        jobQueue: 'compute-small',
        jobDefinition: 'compute-heartbeat',
        containerOverrides: {
          command: ['node', 'beat.js'],
          environment: [{ name: 'LABEL', value: 'x' }],
          resourceRequirements: [
            { type: 'VCPU', value: '1' },
            { type: 'MEMORY', value: '7600' },
          ],
        },
        retryStrategy: {
          attempts: 1,
          evaluateOnExit: [
            { action: 'RETRY', onStatusReason: 'Host EC2*' },
            { action: 'RETRY', onExitCode: '*' },
            { action: 'EXIT', onReason: '*' },
          ],
        },
        timeout: { attemptDurationSeconds: 60 },
        tags: { 'compute:schedule': 'heartbeat', team: 'platform' },
        propagateTags: true,
      },
    ]);
    // Signed by the real SDK with the given credentials.
    expect(String(server.requests[1].headers.authorization)).toContain('Credential=AKIDFAKEFAKEFAKE/');

    expect(result).toMatchObject({ success: true, outcome: 'submitted', jobId: 'job-1', jobArn: 'arn:aws:batch:us-east-1:123456789012:job/job-1' });
    expect(out.stdout()).toBe(
      [
        'compute: submitted heartbeat to compute-small (us-east-1)',
        '  job id   job-1',
        '  job arn  arn:aws:batch:us-east-1:123456789012:job/job-1',
        '  console  https://us-east-1.console.aws.amazon.com/batch/home?region=us-east-1#jobs/detail/job-1',
        '',
      ].join('\n'),
    );
  });

  it('appends arguments and sends an array job to the --environment queue', async () => {
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    await submit({ client: clientFor(server), schedule: scheduleOf(catalog, 'shards'), args: ['--only', 'a b'], environment: 'test' });
    expect(server.bodies('listjobs')).toEqual([{ jobQueue: 'compute-test', filters: [{ name: 'JOB_NAME', values: ['shards'] }] }]);
    const body = server.bodies('submitjob')[0] as SubmitJobRequest;
    expect(body.jobQueue).toBe('compute-test');
    expect(body.containerOverrides.command).toEqual(['node', 'shard.js', '--only', 'a b']);
    expect(body.arrayProperties).toEqual({ size: 4 });
  });

  it('sends exactly what the deployed schedule sends, for every example schedule of the workspace', async () => {
    const real = loadCatalog(WORKSPACE_ROOT, 'schedules');
    expect(real.catalog?.schedules.length).toBeGreaterThan(0);
    for (const schedule of real.catalog!.schedules) {
      const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED], describejobdefinitions: [describeDeployed([real.catalog!])] });
      await submit({ client: clientFor(server), catalog: real.catalog!, schedule });
      const sent = server.bodies('submitjob')[0] as SubmitJobRequest;
      // The EventBridge Scheduler target input is the same request in PascalCase.
      expect(toSchedulerInput(sent)).toEqual(toSchedulerInput(buildSubmitJobRequest(schedule, real.catalog!.config)));
      await server.close();
      api = undefined;
    }
  });
});

describe('submitToBatch against what is deployed', () => {
  const stale = () =>
    deployedJobDefinition(catalog, heartbeat, {
      revision: 7,
      container: {
        image: 'public.ecr.aws/amazonlinux/amazonlinux:2',
        jobRoleArn: 'arn:aws:iam::123456789012:role/teams/old-role',
        secrets: [{ name: 'OLD_TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/compute/OLD_TOKEN' }],
      },
      timeout: 120,
    });

  it('refuses to submit when the image, role, secrets or timeout differ, naming each field and the way out', async () => {
    const server = await fake({ describejobdefinitions: [ok({ jobDefinitions: [stale()] })], listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    const { result, out } = await submit({ client: clientFor(server) });
    expect(result).toMatchObject({ success: false, outcome: 'drift-refused' });
    expect(server.bodies('submitjob')).toEqual([]);
    const text = out.stderr();
    expect(text).toContain('the deployed job definition arn:aws:batch:us-east-1:123456789012:job-definition/compute-heartbeat:7 differs from the working copy in image, job role, secrets, timeout:');
    expect(text).toContain('image     deployed public.ecr.aws/amazonlinux/amazonlinux:2; working copy public.ecr.aws/amazonlinux/amazonlinux:2023');
    expect(text).toContain('job role  deployed old-role; working copy compute-test-role');
    expect(text).toContain('secrets   deployed OLD_TOKEN; working copy (none)');
    expect(text).toContain('timeout   deployed 120; working copy 60');
    expect(text).toContain('Deploy first (nx run compute:deploy), or pass --allow-drift to submit anyway.');
  });

  it('names resources that differ', async () => {
    const definition = deployedJobDefinition(catalog, heartbeat, { container: { resourceRequirements: [{ type: 'VCPU', value: '2' }, { type: 'MEMORY', value: '15200' }] } });
    const server = await fake({ describejobdefinitions: [ok({ jobDefinitions: [definition] })] });
    const { out } = await submit({ client: clientFor(server) });
    expect(out.stderr()).toContain('differs from the working copy in vCPUs, memory:');
    expect(out.stderr()).toContain('memory  deployed 15200; working copy 7600');
  });

  it('submits with --allow-drift, warning with the same fields', async () => {
    const server = await fake({ describejobdefinitions: [ok({ jobDefinitions: [stale()] })], listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    const { result, out } = await submit({ client: clientFor(server), allowDrift: true });
    expect(result).toMatchObject({ success: true, outcome: 'submitted' });
    expect(server.bodies('submitjob')).toHaveLength(1);
    expect(out.stderr()).toContain('compute: warning: the deployed job definition');
    expect(out.stderr()).toContain('Submitting anyway (--allow-drift): the job runs with the deployed image, job role and secrets.');
  });

  it('compares with the latest active revision, reading every page', async () => {
    const current = deployedJobDefinition(catalog, heartbeat, { revision: 9 });
    const server = await fake({
      describejobdefinitions: [ok({ jobDefinitions: [stale()], nextToken: 'page-2' }), ok({ jobDefinitions: [current] })],
      listjobs: [NO_JOBS],
      submitjob: [SUBMITTED],
    });
    const { result, out } = await submit({ client: clientFor(server) });
    expect(result.outcome).toBe('submitted');
    expect(out.stderr()).not.toContain('differs');
    expect(server.bodies('describejobdefinitions')).toEqual([
      { jobDefinitionName: 'compute-heartbeat', status: 'ACTIVE' },
      { jobDefinitionName: 'compute-heartbeat', status: 'ACTIVE', nextToken: 'page-2' },
    ]);
  });

  it('says to deploy first when there is no active revision, and submits nothing', async () => {
    const server = await fake({ describejobdefinitions: [ok({ jobDefinitions: [] })], submitjob: [SUBMITTED] });
    const error = await runnerFailure(submit({ client: clientFor(server) }));
    expect(error.message).toContain('job definition compute-heartbeat has no active revision in us-east-1: deploy the stack first (nx run compute:deploy)');
    expect(server.bodies('submitjob')).toEqual([]);
  });
});

describe('submitToBatch duplicate guard', () => {
  it('reads every page and skips when a job with exactly that name is unfinished', async () => {
    const server = await fake({
      listjobs: [
        ok({
          jobSummaryList: [
            { jobId: 'other-case', jobName: 'HEARTBEAT', status: 'RUNNING' },
            { jobId: 'done', jobName: 'heartbeat', status: 'SUCCEEDED' },
          ],
          nextToken: 'page-2',
        }),
        ok({ jobSummaryList: [{ jobId: 'queued', jobName: 'heartbeat', status: 'RUNNABLE' }] }),
      ],
      submitjob: [SUBMITTED],
    });
    const { result, out } = await submit({ client: clientFor(server) });
    expect(server.bodies('listjobs')).toEqual([
      { jobQueue: 'compute-small', filters: [{ name: 'JOB_NAME', values: ['heartbeat'] }] },
      { jobQueue: 'compute-small', filters: [{ name: 'JOB_NAME', values: ['heartbeat'] }], nextToken: 'page-2' },
    ]);
    expect(server.bodies('submitjob')).toEqual([]);
    expect(result).toMatchObject({ success: true, outcome: 'duplicate-skipped', jobId: 'queued' });
    expect(out.stderr()).toContain('compute: job heartbeat is already RUNNABLE on compute-small (job id queued); not submitting another. Use --allow-duplicates to submit anyway.');
  });

  it.each(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING'])('counts %s as unfinished', async (status) => {
    const server = await fake({ listjobs: [ok({ jobSummaryList: [{ jobId: 'j', jobName: 'heartbeat', status }] })], submitjob: [SUBMITTED] });
    const { result } = await submit({ client: clientFor(server) });
    expect(result.outcome).toBe('duplicate-skipped');
  });

  it('submits when the only same-named jobs have finished, on any page', async () => {
    const server = await fake({
      listjobs: [
        ok({ jobSummaryList: [{ jobId: 'a', jobName: 'heartbeat', status: 'FAILED' }], nextToken: 't' }),
        ok({ jobSummaryList: [{ jobId: 'b', jobName: 'heartbeat', status: 'SUCCEEDED' }, { jobId: 'c', jobName: 'heartbeat_v2', status: 'RUNNING' }] }),
      ],
      submitjob: [SUBMITTED],
    });
    const { result } = await submit({ client: clientFor(server) });
    expect(server.bodies('listjobs')).toHaveLength(2);
    expect(result.outcome).toBe('submitted');
  });

  it('does not look with --allow-duplicates', async () => {
    const server = await fake({ submitjob: [SUBMITTED] });
    const { result, out } = await submit({ client: clientFor(server), allowDuplicates: true });
    expect(server.requests.map((r) => r.operation)).toEqual(['describejobdefinitions', 'submitjob']);
    expect(result.outcome).toBe('submitted');
    expect(out.stderr()).toContain('duplicates allowed');
  });
});

describe('submitToBatch --wait', () => {
  const job = (status: string, extra: Record<string, unknown> = {}) => ok({ jobs: [{ jobId: 'job-1', jobName: 'heartbeat', status, ...extra }] });

  it('follows the job through its states, printing each change and the log stream once', async () => {
    const server = await fake({
      listjobs: [NO_JOBS],
      submitjob: [SUBMITTED],
      describejobs: [
        ok({ jobs: [] }),
        job('RUNNABLE'),
        job('RUNNABLE'),
        job('STARTING', { container: { logStreamName: 'compute-heartbeat/default/abc' } }),
        job('RUNNING', { container: { logStreamName: 'compute-heartbeat/default/abc', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/compute/jobs' } } } }),
        job('SUCCEEDED', { container: { logStreamName: 'compute-heartbeat/default/abc', exitCode: 0 } }),
      ],
    });
    const pauses: number[] = [];
    const { result, out } = await submit({ client: clientFor(server), wait: true, pollIntervalMs: 5000, sleep: async (ms) => void pauses.push(ms) });
    expect(result).toMatchObject({ success: true, outcome: 'succeeded' });
    expect(server.bodies('describejobs')).toHaveLength(6);
    expect(server.bodies('describejobs')[0]).toEqual({ jobs: ['job-1'] });
    expect(pauses).toEqual([5000, 5000, 5000, 5000, 5000]);
    const lines = out.stderr().split('\n').filter((l) => /status|log stream|succeeded/.test(l));
    expect(lines).toEqual([
      'compute: status RUNNABLE',
      'compute: status STARTING',
      'compute: log stream compute-heartbeat/default/abc',
      'compute: status RUNNING',
      'compute: status SUCCEEDED',
      'compute: job job-1 succeeded',
    ]);
  });

  it('fails unless the job SUCCEEDED, saying why', async () => {
    const server = await fake({
      listjobs: [NO_JOBS],
      submitjob: [SUBMITTED],
      describejobs: [job('RUNNING'), job('FAILED', { statusReason: 'Essential container in task exited', container: { exitCode: 2 } })],
    });
    const { result, out } = await submit({ client: clientFor(server), wait: true });
    expect(result).toMatchObject({ success: false, outcome: 'failed', jobId: 'job-1' });
    expect(out.stderr()).toContain('compute: status FAILED\n');
    expect(out.stderr()).toContain('compute: job job-1 failed: Essential container in task exited; exit code 2');
  });

  it('reports array shard progress', async () => {
    const server = await fake({
      listjobs: [NO_JOBS],
      submitjob: [SUBMITTED],
      describejobs: [
        job('PENDING', { arrayProperties: { size: 4, statusSummary: { RUNNING: 2, RUNNABLE: 2, SUCCEEDED: 0 } } }),
        job('SUCCEEDED', { arrayProperties: { size: 4, statusSummary: { SUCCEEDED: 4 } } }),
      ],
    });
    const { out } = await submit({ client: clientFor(server), schedule: scheduleOf(catalog, 'shards'), wait: true });
    expect(out.stderr()).toContain('compute: shards RUNNABLE 2, RUNNING 2\n');
    expect(out.stderr()).toContain('compute: shards SUCCEEDED 4\n');
  });
});

describe('submitToBatch errors', () => {
  it('retries throttling in the SDK and then succeeds', async () => {
    const server = await fake({
      listjobs: [awsError(429, 'ThrottlingException', 'Rate exceeded'), NO_JOBS],
      submitjob: [awsError(429, 'TooManyRequestsException', 'Too Many Requests'), SUBMITTED],
    });
    const { result } = await submit({ client: clientFor(server) });
    expect(server.requests.map((r) => r.operation)).toEqual(['describejobdefinitions', 'listjobs', 'listjobs', 'submitjob', 'submitjob']);
    expect(server.bodies('submitjob')[0]).toEqual(server.bodies('submitjob')[1]);
    expect(result.outcome).toBe('submitted');
  });

  it('explains throttling that outlasts the retries', async () => {
    const server = await fake({ listjobs: [awsError(429, 'ThrottlingException', 'Rate exceeded')] });
    const error = await runnerFailure(submit({ client: clientFor(server, { maxAttempts: 2 }) }));
    expect(server.bodies('listjobs')).toHaveLength(2);
    expect(error.message).toBe('AWS Batch throttled batch:ListJobs in us-east-1 and was still refusing after 2 attempts: wait a minute and run again.');
  });

  it('names the action and the queue when access is denied', async () => {
    const message = 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: batch:SubmitJob on resource: arn:aws:batch:us-east-1:123456789012:job-queue/compute-small';
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [awsError(403, 'AccessDeniedException', message)] });
    const error = await runnerFailure(submit({ client: clientFor(server) }));
    expect(error.message).toBe(
      `access denied: your AWS identity may not call batch:SubmitJob on queue compute-small in us-east-1. Use a profile or role whose policy allows batch:SubmitJob on that queue and job definition compute-heartbeat. AWS said: ${message}`,
    );
  });

  it('explains a queue that does not exist', async () => {
    const server = await fake({ listjobs: [awsError(400, 'ClientException', 'jobQueue compute-small does not exist')] });
    const error = await runnerFailure(submit({ client: clientFor(server) }));
    expect(error.message).toContain('job queue compute-small was not found in us-east-1: deploy the stack first (nx run compute:deploy)');
  });
});

describe('submitToBatch with the standard AWS configuration', () => {
  it('honours AWS_ENDPOINT_URL_BATCH, environment credentials and AWS_REGION', async () => {
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    await withEnv(
      { ...ISOLATED_AWS_ENV, AWS_ENDPOINT_URL_BATCH: server.endpoint, AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'eu-west-1' },
      async () => {
        const { result, out } = await submit({});
        expect(result.outcome).toBe('submitted');
        expect(String(server.requests[0].headers.authorization)).toContain('Credential=AKIDFROMENV/');
        expect(String(server.requests[0].headers.authorization)).toContain('/eu-west-1/batch/aws4_request');
        expect(out.stderr()).toContain(`compute: using the AWS Batch endpoint from AWS_ENDPOINT_URL_BATCH: ${server.endpoint}`);
        expect(out.stderr()).toContain('compute: note: your AWS configuration selects region eu-west-1; compute.json deploys to us-east-1');
        expect(out.stdout()).toContain('https://eu-west-1.console.aws.amazon.com/batch/home?region=eu-west-1#jobs/detail/job-1');
      },
    );
  });

  it("honours AWS_ENDPOINT_URL and falls back to compute.json's region", async () => {
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    const euCatalog = catalogOf({ heartbeat: scheduleFile() }, { region: 'eu-central-1' });
    await withEnv({ ...ISOLATED_AWS_ENV, AWS_ENDPOINT_URL: server.endpoint, AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 's' }, async () => {
      const { out } = await submit({ catalog: euCatalog, schedule: scheduleOf(euCatalog, 'heartbeat') });
      expect(String(server.requests[0].headers.authorization)).toContain('/eu-central-1/batch/aws4_request');
      expect(out.stdout()).toContain('compute: submitted heartbeat to compute-small (eu-central-1)');
      expect(out.stderr()).not.toContain('note:');
    });
  });

  it('says how to get credentials when there are none, before calling AWS', async () => {
    const server = await fake({ listjobs: [NO_JOBS], submitjob: [SUBMITTED] });
    await withEnv({ ...ISOLATED_AWS_ENV, AWS_ENDPOINT_URL_BATCH: server.endpoint }, async () => {
      const error = await runnerFailure(submit({}));
      expect(error.message).toContain('no AWS credentials found. Sign in (for example `aws sso login --profile <name>`');
      expect(error.message).toContain('--dry-run needs no credentials');
      expect(server.requests).toEqual([]);
    });
  });
});
