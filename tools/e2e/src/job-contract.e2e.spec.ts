import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createTempWorkspace, type TempWorkspace } from './workspace';

/**
 * What a job sees, through the real nx CLI: the environment contract of a plain local run,
 * --assumeRole against a loopback STS, and :batch refusing a stale deployment against a
 * loopback Batch API. The stand-ins run in their own process, since nx runs synchronously here.
 */

/** A loopback STS (query protocol) and Batch (REST-JSON) stand-in, printing its port. */
const STAND_IN = `
const http = require('http');
const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url.startsWith('/v1/describejobdefinitions')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ jobDefinitions: [{
        jobDefinitionName: 'compute-contract_probe', revision: 4, status: 'ACTIVE',
        jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/compute-contract_probe:4',
        containerProperties: { image: 'public.ecr.aws/amazonlinux/amazonlinux:2', jobRoleArn: 'arn:aws:iam::123456789012:role/compute-contract-probe',
          resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '7600' }] },
        timeout: { attemptDurationSeconds: 300 } }] }));
    }
    if (req.url.startsWith('/v1/')) {
      res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ServerException' });
      return res.end(JSON.stringify({ message: 'the stand-in answers only describejobdefinitions' }));
    }
    const form = new URLSearchParams(body);
    res.writeHead(200, { 'content-type': 'text/xml' });
    if (form.get('Action') === 'GetCallerIdentity') {
      return res.end('<GetCallerIdentityResponse xmlns="' + NS + '"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>');
    }
    res.end('<AssumeRoleResponse xmlns="' + NS + '"><AssumeRoleResult><Credentials><AccessKeyId>ASIAPROBEROLE</AccessKeyId><SecretAccessKey>probe-secret</SecretAccessKey><SessionToken>probe-token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>' + form.get('RoleArn') + '</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port)));
`;

const PROBE = `const fs = require('fs');
console.log(JSON.stringify({
  home: process.env.HOME, homeEntries: fs.readdirSync(process.env.HOME), tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  lang: process.env.LANG ?? null, region: process.env.AWS_REGION, defaultRegion: process.env.AWS_DEFAULT_REGION,
  ce: process.env.AWS_BATCH_CE_NAME, binsOnPath: (process.env.PATH || '').split(':').filter((p) => p.endsWith('node_modules/.bin')).length,
  key: process.env.AWS_ACCESS_KEY_ID ?? null, token: process.env.AWS_SESSION_TOKEN ?? null,
}));`;

/** No AWS configuration of the machine running the tests. */
const NO_AWS = {
  AWS_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_CONFIG_FILE: join(__dirname, 'no-such-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(__dirname, 'no-such-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

function probeOutput(stdout: string): Record<string, any> {
  const line = stdout.split('\n').find((l) => l.startsWith('{"home"'));
  if (!line) throw new Error(`no probe output in:\n${stdout}`);
  return JSON.parse(line);
}

describe('what a job sees, through nx', () => {
  let ws: TempWorkspace;
  let standIn: ChildProcess;
  let endpoint: string;

  beforeAll(async () => {
    ws = createTempWorkspace();
    ws.write(
      'schedules/contract_probe.schedule.json',
      JSON.stringify({
        scheduleExpression: 'rate(1 hour)',
        command: ['node', '-e', PROBE],
        size: 'small',
        awsRole: 'compute-contract-probe',
        attempts: 1,
        timeout: 300,
        meta: { description: 'Prints what a job sees, for the end-to-end tests.', maintainers: ['ana'], lastReview: '2026-11-20', requiredBy: ['e2e tests'] },
      }),
    );
    standIn = spawn(process.execPath, ['-e', STAND_IN], { stdio: ['ignore', 'pipe', 'inherit'] });
    // Written plainly: console.log colours a number when FORCE_COLOR is set (as under nx), which broke the URL.
    const port = await new Promise<string>((resolve) => standIn.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    standIn?.kill();
    ws?.cleanup();
  });

  it('gives a plain run a fresh HOME, UTC, no locale, the region and AWS_BATCH_CE_NAME, and no node_modules/.bin or credentials', () => {
    const result = ws.nx(['run', 'compute:schedule_contract_probe'], { env: { ...NO_AWS, AWS_ACCESS_KEY_ID: 'AKIAMINE', TZ: 'Asia/Tokyo', LANG: 'de_DE.UTF-8' } });
    expect(result.status).toBe(0);
    const seen = probeOutput(result.stdout);
    expect(seen).toMatchObject({ homeEntries: [], tz: 'UTC', lang: null, region: 'us-east-1', defaultRegion: 'us-east-1', ce: 'compute-small-local', binsOnPath: 0, key: null });
    expect(seen.home).not.toBe(process.env.HOME);
    expect(result.output).toContain('none; pass --assume-role to run with the job role compute-contract-probe, as on AWS');
    expect(result.output).toMatch(/compute: peak memory \d+ MiB of 7,600 MiB/);
  });

  it('--assumeRole hands the job the role credentials from STS', () => {
    const result = ws.nx(['run', 'compute:schedule_contract_probe', '--assumeRole'], {
      env: { ...NO_AWS, AWS_ACCESS_KEY_ID: 'AKIAMINE', AWS_SECRET_ACCESS_KEY: 'mine', AWS_ENDPOINT_URL_STS: endpoint },
    });
    expect(result.status).toBe(0);
    expect(probeOutput(result.stdout)).toMatchObject({ key: 'ASIAPROBEROLE', token: 'probe-token' });
    expect(result.output).toContain('temporary credentials of arn:aws:iam::123456789012:role/compute-contract-probe');
    expect(result.stderr).not.toContain('probe-secret');
  });

  it(':batch refuses to submit against a deployed definition that differs, naming the fields', () => {
    const result = ws.nx(['run', 'compute:schedule_contract_probe:batch'], {
      env: { ...NO_AWS, AWS_ACCESS_KEY_ID: 'AKIAMINE', AWS_SECRET_ACCESS_KEY: 'mine', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_BATCH: endpoint },
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('differs from the working copy in image:');
    expect(result.output).toMatch(/image +deployed public\.ecr\.aws\/amazonlinux\/amazonlinux:2; working copy \S+/);
    expect(result.output).toContain('pass --allow-drift to submit anyway');
  });
});
