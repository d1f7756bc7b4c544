import { catalogOf, scheduleOf } from '@compute/schedule/testing';
import { scheduleFile } from '../testing/catalog-fixture';
import { isRunnerError } from '../errors';
import { assertSecretsPresent, hostVariables, jobVariables, localProcessEnvironment, missingSecrets, withoutPackageBins } from './job-environment';

const catalog = catalogOf({
  job: scheduleFile({ environment: { LOG_LEVEL: 'info', ENDPOINT: 'https://example.com' }, secrets: ['API_TOKEN', 'DB_PASSWORD'] }),
});
const schedule = scheduleOf(catalog, 'job');
const where = { computeEnvironment: 'compute-small-local', region: 'eu-west-1' };
const caller = {
  PATH: '/repo/node_modules/.bin:/usr/bin:/repo/packages/x/node_modules/.bin/',
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
  it('keeps PATH (without node_modules/.bin) and TMPDIR only: no HOME, no locale', () => {
    expect(hostVariables(caller)).toEqual({ PATH: '/usr/bin', TMPDIR: '/tmp' });
  });

  it('drops only folders that are node_modules/.bin', () => {
    expect(withoutPackageBins('node_modules/.bin:/opt/node_modules/.bin/tools:/usr/local/bin:/a/node_modules/.bin')).toBe('/opt/node_modules/.bin/tools:/usr/local/bin');
  });
});

describe('jobVariables', () => {
  it('is the schedule environment, its secrets and the AWS Batch variables', () => {
    expect(jobVariables(schedule, caller, { jobId: 'local-1', attempt: 2, queue: 'compute-small', ...where })).toEqual({
      API_TOKEN: 'tok',
      AWS_BATCH_CE_NAME: 'compute-small-local',
      AWS_BATCH_JOB_ATTEMPT: '2',
      AWS_BATCH_JOB_ID: 'local-1',
      AWS_BATCH_JQ_NAME: 'compute-small',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_REGION: 'eu-west-1',
      DB_PASSWORD: 'pw',
      ENDPOINT: 'https://example.com',
      LOG_LEVEL: 'info',
    });
  });

  it('adds the array index and a child job id for a shard, and no array size (see jobVariables)', () => {
    const vars = jobVariables(schedule, caller, { jobId: 'local-1', attempt: 1, queue: 'q', ...where, shard: { index: 3 } });
    expect(vars).toMatchObject({ AWS_BATCH_JOB_ID: 'local-1:3', AWS_BATCH_JOB_ARRAY_INDEX: '3' });
    expect(Object.keys(vars).filter((name) => name.startsWith('AWS_BATCH_'))).toEqual([
      'AWS_BATCH_CE_NAME',
      'AWS_BATCH_JOB_ARRAY_INDEX',
      'AWS_BATCH_JOB_ATTEMPT',
      'AWS_BATCH_JOB_ID',
      'AWS_BATCH_JQ_NAME',
    ]);
  });

  it('hands the job only the assumed role credentials, never the caller\'s', () => {
    const credentials = { accessKeyId: 'ASIAJOB', secretAccessKey: 'job-secret', sessionToken: 'job-token' };
    const vars = jobVariables(schedule, { ...caller, AWS_ACCESS_KEY_ID: 'AKIACALLER' }, { jobId: 'l', attempt: 1, queue: 'q', ...where, credentials });
    expect(vars).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAJOB', AWS_SECRET_ACCESS_KEY: 'job-secret', AWS_SESSION_TOKEN: 'job-token' });
    expect(jobVariables(schedule, caller, { jobId: 'l', attempt: 1, queue: 'q', ...where }).AWS_SECRET_ACCESS_KEY).toBeUndefined();
  });
});

describe('localProcessEnvironment', () => {
  const context = { jobId: 'local-1', attempt: 1, queue: 'compute-small', ...where };
  const basics = { home: '/fresh/home' };

  it('leaves everything else in the shell out, and the schedule value wins over the shell', () => {
    const env = localProcessEnvironment(schedule, caller, context, basics);
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(env.SHELL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.PATH).toBe('/usr/bin');
  });

  it('sets a fresh HOME, TZ=UTC and no locale, as a container starts', () => {
    const env = localProcessEnvironment(schedule, caller, context, basics);
    expect(env).toMatchObject({ HOME: '/fresh/home', TZ: 'UTC' });
    expect(Object.keys(env).filter((name) => name === 'LANG' || name.startsWith('LC_'))).toEqual([]);
  });

  it('passes the whole shell with inheritEnv, job variables on top', () => {
    const env = localProcessEnvironment(schedule, caller, context, basics, true);
    expect(env.HOME).toBe('/home/dev');
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
