import { catalogOf, scheduleFile, scheduleOf } from '../testing/catalog-fixture';
import { isRunnerError } from '../errors';
import { assertSecretsPresent, hostVariables, jobVariables, localProcessEnvironment, missingSecrets } from './job-environment';

const catalog = catalogOf({
  job: scheduleFile({ environment: { LOG_LEVEL: 'info', ENDPOINT: 'https://example.com' }, secrets: ['API_TOKEN', 'DB_PASSWORD'] }),
});
const schedule = scheduleOf(catalog, 'job');
const caller = {
  PATH: '/usr/bin',
  HOME: '/home/dev',
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  LC_TIME: 'en_GB.UTF-8',
  API_TOKEN: 'tok',
  DB_PASSWORD: 'pw',
  AWS_SECRET_ACCESS_KEY: 'leak',
  LOG_LEVEL: 'debug',
  SHELL: '/bin/bash',
};

describe('hostVariables', () => {
  it('keeps PATH, HOME, TMPDIR, LANG and LC_* only', () => {
    expect(hostVariables(caller)).toEqual({ PATH: '/usr/bin', HOME: '/home/dev', TMPDIR: '/tmp', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', LC_TIME: 'en_GB.UTF-8' });
  });
});

describe('jobVariables', () => {
  it('is the schedule environment, its secrets and the AWS Batch variables', () => {
    expect(jobVariables(schedule, caller, { jobId: 'local-1', attempt: 2, queue: 'compute-small' })).toEqual({
      API_TOKEN: 'tok',
      AWS_BATCH_JOB_ATTEMPT: '2',
      AWS_BATCH_JOB_ID: 'local-1',
      AWS_BATCH_JQ_NAME: 'compute-small',
      DB_PASSWORD: 'pw',
      ENDPOINT: 'https://example.com',
      LOG_LEVEL: 'info',
    });
  });

  it('adds the array index and a child job id for a shard, and no array size, which AWS Batch never sets', () => {
    const vars = jobVariables(schedule, caller, { jobId: 'local-1', attempt: 1, queue: 'q', shard: { index: 3 } });
    expect(vars).toMatchObject({ AWS_BATCH_JOB_ID: 'local-1:3', AWS_BATCH_JOB_ARRAY_INDEX: '3' });
    expect(Object.keys(vars).filter((name) => name.startsWith('AWS_BATCH_'))).toEqual(['AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ATTEMPT', 'AWS_BATCH_JOB_ID', 'AWS_BATCH_JQ_NAME']);
  });
});

describe('localProcessEnvironment', () => {
  const context = { jobId: 'local-1', attempt: 1, queue: 'compute-small' };

  it('leaves everything else in the shell out, and the schedule value wins over the shell', () => {
    const env = localProcessEnvironment(schedule, caller, context);
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.SHELL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.PATH).toBe('/usr/bin');
  });

  it('passes the whole shell with inheritEnv, job variables on top', () => {
    const env = localProcessEnvironment(schedule, caller, context, true);
    expect(env.SHELL).toBe('/bin/bash');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.AWS_BATCH_JOB_ID).toBe('local-1');
  });
});

describe('secrets', () => {
  it('lists missing and empty secrets in declared order', () => {
    expect(missingSecrets(schedule, { DB_PASSWORD: '' })).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect(missingSecrets(schedule, caller)).toEqual([]);
  });

  it('fails with one message naming every missing secret and the file', () => {
    let error: unknown;
    try {
      assertSecretsPresent(schedule, { API_TOKEN: '' });
    } catch (e) {
      error = e;
    }
    expect(isRunnerError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('2 secrets are missing or empty in your environment: API_TOKEN, DB_PASSWORD');
    expect(message).toContain('schedules/job.schedule.json');
    expect(message).toContain('Nothing was started');
  });
});
