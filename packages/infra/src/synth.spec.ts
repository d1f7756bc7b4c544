import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsNames, loadCatalog } from '@compute/schedule';
// The domain's test fixture: reachable by path, kept out of the package's public index.
import { catalogOf, validScheduleInput } from '@compute/schedule/testing';
import { parseTemplateJson, readTree, SMALL_ONLY, statements, synthInto } from './spec-helpers';
import { synthesize, synthesizeDocument, SynthesisError } from './synth';

const repoRoot = join(__dirname, '..', '..', '..');

describe('determinism', () => {
  it('writes byte-identical files from two checkouts, output folders and working directories', () => {
    const base = mkdtempSync(join(tmpdir(), 'compute-determinism-'));
    const cwd = process.cwd();
    try {
      const trees = ['checkout-a', 'somewhere/else/checkout-b'].map((name, index) => {
        const root = join(base, name);
        mkdirSync(root, { recursive: true });
        cpSync(join(repoRoot, 'schedules'), join(root, 'schedules'), { recursive: true });
        const loaded = loadCatalog(root, 'schedules');
        process.chdir(index === 0 ? root : tmpdir());
        synthesize({ catalog: loaded.catalog!, workspaceRoot: root, outdir: 'dist/compute' });
        return readTree(join(root, 'dist/compute'));
      });
      expect([...trees[0].keys()]).toEqual(['manifest.json', join('stacks', 'compute', 'cdk.tf.json')]);
      expect(trees[1]).toEqual(trees[0]);
      for (const text of trees[0].values()) expect(text).not.toContain(base);
    } finally {
      process.chdir(cwd);
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('ignores cdktf environment variables that would change the output', () => {
    const catalog = catalogOf({ nightly: validScheduleInput() }, SMALL_ONLY);
    const plain = synthInto(catalog);
    process.env.SYNTH_HCL_OUTPUT = 'true';
    process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ excludeStackIdFromLogicalIds: 'false' });
    try {
      const again = synthInto(catalog);
      expect(again.text).toBe(plain.text);
      expect(process.env.SYNTH_HCL_OUTPUT).toBe('true');
      again.cleanup();
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
      delete process.env.CDKTF_CONTEXT_JSON;
      plain.cleanup();
    }
  });
});

describe('synthesizeDocument', () => {
  it('builds in memory exactly the document synthesize writes, and writes no file', () => {
    const root = mkdtempSync(join(tmpdir(), 'compute-in-memory-'));
    const cwd = process.cwd();
    try {
      cpSync(join(repoRoot, 'schedules'), join(root, 'schedules'), { recursive: true });
      const catalog = loadCatalog(root, 'schedules').catalog!;
      const readFile = (path: string) => readFileSync(join(root, path), 'utf8');
      const written = synthInto(catalog, { readFile });
      written.cleanup();
      const empty = mkdtempSync(join(tmpdir(), 'compute-cwd-'));
      process.chdir(empty);
      const doc = synthesizeDocument({ catalog, readFile });
      // Not even cdktf's default output folder appears in the working directory.
      expect(readdirSync(empty)).toEqual([]);
      // The file has its keys sorted; the document is the same value.
      expect(doc).toEqual(written.doc);
    } finally {
      process.chdir(cwd);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a catalog synthesize refuses, with the same problems', () => {
    const broken = catalogOf({}, { ...SMALL_ONLY, environments: { small: { ...(SMALL_ONLY.environments as any).small, initData: ['x.txt'] } } });
    const missing = () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    };
    expect(() => synthesizeDocument({ catalog: broken, readFile: missing })).toThrow(SynthesisError);
    expect(() => synthesizeDocument({ catalog: broken, readFile: missing })).toThrow('init data file "x.txt" does not exist');
  });
});

describe('stack traces', () => {
  it('are recorded as usual again after synthesis, whether it succeeds or fails', () => {
    const original = Error.captureStackTrace;
    synthInto(catalogOf({ nightly: validScheduleInput() }, SMALL_ONLY)).cleanup();
    expect(Error.captureStackTrace).toBe(original);
    const broken = catalogOf({}, { ...SMALL_ONLY, environments: { small: { ...(SMALL_ONLY.environments as any).small, initData: ['x.txt'] } } });
    expect(() => synthInto(broken)).toThrow(SynthesisError);
    expect(Error.captureStackTrace).toBe(original);
    expect(new Error('here').stack).toContain('synth.spec.ts');
  });
});

describe('AWS names', () => {
  it('all come from the shared awsNames, so another prefix renames every resource', () => {
    const catalog = catalogOf({ nightly: validScheduleInput() }, { ...SMALL_ONLY, namePrefix: 'acme-jobs' });
    const names = awsNames(catalog.config);
    const s = synthInto(catalog);
    const r = s.doc.resource;
    expect(r.aws_security_group.instances).toMatchObject({ name: names.securityGroup, tags: { Name: names.securityGroup } });
    expect(r.aws_iam_role.instance_small.name).toBe(names.instanceRole('small'));
    expect(r.aws_iam_instance_profile.small.name).toBe(names.instanceProfile('small'));
    expect(r.aws_iam_role.execution.name).toBe(names.executionRole);
    expect(r.aws_iam_role.scheduler.name).toBe(names.schedulerRole);
    expect(r.aws_iam_role_policy.instance_small_session_manager.name).toBe(names.inlinePolicy.sessionManager);
    expect(r.aws_iam_role_policy.execution.name).toBe(names.inlinePolicy.execution);
    expect(r.aws_iam_role_policy.scheduler.name).toBe(names.inlinePolicy.scheduler);
    expect(r.aws_launch_template.small.name_prefix).toBe(names.launchTemplatePrefix('small'));
    expect(r.aws_launch_template.small.tag_specifications[0].tags.Name).toBe(names.instanceName('small'));
    expect(r.aws_batch_compute_environment.small.name_prefix).toBe(names.computeEnvironmentPrefix('small'));
    expect(r.aws_batch_job_queue.small.name).toBe(names.jobQueue('small'));
    expect(r.aws_batch_job_definition.nightly.name).toBe(names.jobDefinition('nightly'));
    expect(r.aws_cloudwatch_log_group.jobs.name).toBe(names.logGroup);
    expect(r.aws_scheduler_schedule_group.schedules.name).toBe(names.scheduleGroup);
    expect(r.aws_scheduler_schedule.nightly.name).toBe(names.schedule('nightly'));
    expect(r.aws_sqs_queue.dead_letters.name).toBe(names.deadLetterQueue);
    expect(r.aws_sns_topic.alerts.name).toBe(names.alertTopic);
    expect(r.aws_kms_alias.alerts.name).toBe(names.alertKeyAlias);
    expect(r.aws_cloudwatch_event_rule.job_failed.name).toBe(names.alertRule);
    expect(r.aws_cloudwatch_event_target.job_failed.target_id).toBe(names.alertRuleTarget);
    expect(r.aws_cloudwatch_metric_alarm.dead_letters.alarm_name).toBe(names.deadLetterAlarm);
    // The key policy names the topic and alarm it serves by these names too.
    expect(r.aws_kms_key.alerts.policy).toContain(`:sns:us-east-1:\${data.aws_caller_identity.current.account_id}:${names.alertTopic}`);
    expect(r.aws_kms_key.alerts.policy).toContain(`:alarm:${names.deadLetterAlarm}`);
    // No name keeps the default prefix.
    expect(s.text).not.toMatch(/[":/]compute-/);
    expect(s.result.stackFile).toBe('stacks/acme-jobs/cdk.tf.json');
    s.cleanup();
  });
});

describe('state', () => {
  it('uses S3 with encryption and native locking when compute.json says so', () => {
    const catalog = catalogOf({}, { ...SMALL_ONLY, state: { backend: 's3', bucket: 'acme-terraform', key: 'compute/prod.tfstate' } });
    const s = synthInto(catalog);
    expect(s.doc.terraform.backend).toEqual({ s3: { bucket: 'acme-terraform', key: 'compute/prod.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
    expect(s.doc.terraform.required_version).toBe('>= 1.10');
    expect(s.result.summary.state).toBe('s3://acme-terraform/compute/prod.tfstate');
    s.cleanup();
  });

  it('supports a legacy DynamoDB lock table and another bucket region', () => {
    const catalog = catalogOf(
      {},
      { ...SMALL_ONLY, state: { backend: 's3', bucket: 'acme-terraform', region: 'eu-west-1', useLockfile: false, dynamodbTable: 'locks' } },
    );
    const s = synthInto(catalog);
    expect(s.doc.terraform.backend.s3).toEqual({ bucket: 'acme-terraform', key: 'compute.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'locks' });
    expect(s.doc.terraform.required_version).toBeUndefined();
    s.cleanup();
  });

  it('keeps a local state file next to compute.json, relative to wherever the stack is written', () => {
    const catalog = catalogOf({}, { ...SMALL_ONLY, state: { backend: 'local', path: 'state/compute.tfstate' } });
    const s = synthInto(catalog, { outputPath: 'build/infra' });
    expect(s.doc.terraform.backend).toEqual({ local: { path: '../../../../schedules/state/compute.tfstate' } });
    s.cleanup();
  });
});

describe('network modes', () => {
  it('looks the VPC and subnets up by tags', () => {
    const catalog = catalogOf({}, { ...SMALL_ONLY, network: { mode: 'tags', vpcTags: { Name: 'main' }, subnetTags: { Tier: 'batch' } } });
    const s = synthInto(catalog);
    expect(s.doc.data.aws_vpc.network).toEqual({ tags: { Name: 'main' } });
    expect(s.doc.data.aws_subnets.network).toEqual({ filter: [{ name: 'vpc-id', values: ['${data.aws_vpc.network.id}'] }], tags: { Tier: 'batch' } });
    s.cleanup();
  });

  it('uses explicit ids without looking anything up', () => {
    const catalog = catalogOf({}, { ...SMALL_ONLY, network: { mode: 'ids', vpcId: 'vpc-0abc', subnetIds: ['subnet-01', 'subnet-02'] } });
    const s = synthInto(catalog);
    expect(s.doc.data.aws_vpc).toBeUndefined();
    expect(s.doc.resource.aws_security_group.instances.vpc_id).toBe('vpc-0abc');
    expect(s.doc.resource.aws_batch_compute_environment.small.compute_resources.subnets).toEqual(['subnet-01', 'subnet-02']);
    s.cleanup();
  });
});

describe('schedules and job definitions', () => {
  it('deploys a disabled schedule DISABLED, with its start and end in UTC', () => {
    const catalog = catalogOf({
      paused: validScheduleInput({ enabled: false, startDate: '2027-01-01T02:00:00+02:00', endDate: '2027-06-30T23:59:30.000Z' }),
    }, SMALL_ONLY);
    const s = synthInto(catalog);
    expect(s.doc.resource.aws_scheduler_schedule.paused).toMatchObject({
      state: 'DISABLED',
      start_date: '2027-01-01T00:00:00Z',
      end_date: '2027-06-30T23:59:30Z',
      flexible_time_window: { mode: 'OFF' },
    });
    s.cleanup();
  });

  it('keeps "${" and "%{" in values literal everywhere Terraform would read a template', () => {
    const catalog = catalogOf({
      templated: validScheduleInput({
        command: ['sh', '-c', 'echo ${HOME} %{x}'],
        environment: { GREETING: 'hi ${USER}' },
        image: 'registry.example.com/app:${TAG}',
      }),
    }, SMALL_ONLY);
    const s = synthInto(catalog);
    const raw = s.doc.resource.aws_batch_job_definition.templated.container_properties as string;
    expect(raw).toContain('echo $${HOME} %%{x}');
    expect(raw).toContain('hi $${USER}');
    expect(raw).toContain('app:$${TAG}');
    const container = parseTemplateJson(raw);
    expect(container.command).toEqual(['sh', '-c', 'echo ${HOME} %{x}']);
    expect(container.image).toBe('registry.example.com/app:${TAG}');
    const input = parseTemplateJson(s.doc.resource.aws_scheduler_schedule.templated.target.input);
    expect(input.ContainerOverrides.Command).toEqual(['sh', '-c', 'echo ${HOME} %{x}']);
    s.cleanup();
  });

  it('reads overridden secrets from their ARNs, granting Secrets Manager secrets without JSON-key suffixes', () => {
    const sm = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf';
    const ssm = 'arn:aws:ssm:us-east-1:111122223333:parameter/shared/api-key';
    const catalog = catalogOf(
      { app: validScheduleInput({ secrets: ['DB_PASSWORD', 'API_KEY', 'PLAIN'] }) },
      { ...SMALL_ONLY, secrets: { parameterPrefix: '/team/', arns: { DB_PASSWORD: `${sm}:password::`, API_KEY: ssm } } },
    );
    const s = synthInto(catalog);
    const container = parseTemplateJson(s.doc.resource.aws_batch_job_definition.app.container_properties);
    expect(container.secrets).toEqual([
      { name: 'API_KEY', valueFrom: ssm },
      { name: 'DB_PASSWORD', valueFrom: `${sm}:password::` },
      { name: 'PLAIN', valueFrom: 'arn:${data.aws_partition.current.partition}:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/team/PLAIN' },
    ]);
    const policy = statements(s.doc.resource.aws_iam_role_policy.execution.policy);
    expect(policy.find((x) => x.Sid === 'ReadSecretParameters')!.Resource).toEqual([
      'arn:${data.aws_partition.current.partition}:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/team/PLAIN',
      ssm,
    ]);
    expect(policy.find((x) => x.Sid === 'ReadSecretValues')).toEqual({ Sid: 'ReadSecretValues', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [sm] });
    s.cleanup();
  });

  it('grants no secret access when no schedule declares a secret', () => {
    const s = synthInto(catalogOf({ app: validScheduleInput() }, SMALL_ONLY));
    expect(statements(s.doc.resource.aws_iam_role_policy.execution.policy).map((x) => x.Sid)).toEqual(['WriteJobLogs']);
    s.cleanup();
  });

  it('names job role look-ups safely whatever characters the role name has', () => {
    const s = synthInto(catalogOf({ a: validScheduleInput({ awsRole: 'team.role@x' }), b: validScheduleInput({ awsRole: 'team_role' }) }, SMALL_ONLY));
    const names = Object.keys(s.doc.data.aws_iam_role).sort();
    expect(names).toEqual([expect.stringMatching(/^_team_role_x_[0-9a-f]{8}$/), 'team_role']);
    expect(s.doc.data.aws_iam_role[names[0]]).toEqual({ name: 'team.role@x' });
    s.cleanup();
  });

  it('lists job definitions one by one while the scheduler policy fits IAM limits, then falls back to the name prefix', () => {
    const few = synthInto(catalogOf({ a: validScheduleInput(), b: validScheduleInput() }, SMALL_ONLY));
    const fewResources = statements(few.doc.resource.aws_iam_role_policy.scheduler.policy)[0].Resource as string[];
    expect(fewResources.filter((r) => r.includes(':job-definition/'))).toEqual([
      expect.stringMatching(/:job-definition\/compute-a$/),
      expect.stringMatching(/:job-definition\/compute-a:\*$/),
      expect.stringMatching(/:job-definition\/compute-b$/),
      expect.stringMatching(/:job-definition\/compute-b:\*$/),
    ]);
    few.cleanup();

    const files = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`job_${String(i).padStart(3, '0')}`, validScheduleInput()]));
    const many = synthInto(catalogOf(files, SMALL_ONLY));
    const policy = many.doc.resource.aws_iam_role_policy.scheduler.policy as string;
    const manyResources = statements(policy)[0].Resource as string[];
    // A final "*" also matches the ":<revision>" after the name: bare names and revisions alike.
    expect(manyResources.filter((r) => r.includes(':job-definition/'))).toEqual([expect.stringMatching(/:job-definition\/compute-\*$/)]);
    const manyTagResources = statements(policy)[1].Resource as string[];
    expect(manyTagResources.filter((r) => r.includes(':job-definition/'))).toEqual([expect.stringMatching(/:job-definition\/compute-\*:\*$/)]);
    expect(policy.length).toBeLessThan(10240);
    many.cleanup();
  });

  it('uses On-Demand instances with BEST_FIT_PROGRESSIVE when an environment turns Spot off', () => {
    const catalog = catalogOf(
      {},
      { ...SMALL_ONLY, environments: { small: { ...(SMALL_ONLY.environments as any).small, spot: false } } },
    );
    const s = synthInto(catalog);
    expect(s.doc.resource.aws_batch_compute_environment.small.compute_resources).toMatchObject({ type: 'EC2', allocation_strategy: 'BEST_FIT_PROGRESSIVE' });
    s.cleanup();
  });

  it('leaves user data out of launch templates whose environment has no init data', () => {
    const s = synthInto(catalogOf({}, SMALL_ONLY));
    expect(s.doc.resource.aws_launch_template.small.user_data).toBeUndefined();
    s.cleanup();
  });

  it('still deploys queues, alerts and a dead-letter grant with no schedules and no e-mail addresses', () => {
    const s = synthInto(catalogOf({}, SMALL_ONLY));
    expect(s.doc.resource.aws_batch_job_queue.small).toBeDefined();
    expect(s.doc.resource.aws_sns_topic_subscription).toBeUndefined();
    expect(statements(s.doc.resource.aws_iam_role_policy.scheduler.policy).map((x) => x.Sid)).toEqual(['DeadLetter']);
    s.cleanup();
  });
});

describe('problems', () => {
  const withInitData = (initData: string[]) =>
    catalogOf({}, { ...SMALL_ONLY, environments: { small: { ...(SMALL_ONLY.environments as any).small, initData } } });

  it('lists every init data problem against compute.json and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compute-problems-'));
    try {
      const catalog = withInitData(['init/a.sh', 'init/notes.txt', 'init/missing.sh']);
      const readFile = (path: string) => {
        if (path === 'schedules/init/missing.sh') throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
        return 'echo\n';
      };
      let error: unknown;
      try {
        synthesize({ catalog, workspaceRoot: dir, outdir: 'out', readFile });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SynthesisError);
      expect((error as SynthesisError).problems).toEqual([
        { file: 'schedules/compute.json', path: '/environments/small/initData/1', severity: 'error', message: expect.stringContaining('no known init data type') },
        { file: 'schedules/compute.json', path: '/environments/small/initData/2', severity: 'error', message: 'init data file "init/missing.sh" does not exist' },
      ]);
      expect(readTree(dir).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a schedule whose job would carry more tags than Batch allows', () => {
    const tags = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`team:${i}`, 'x']));
    const configTags = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`org:${i}`, 'y']));
    const catalog = catalogOf({ tagged: validScheduleInput({ tags }) }, { ...SMALL_ONLY, tags: configTags });
    expect(() => synthInto(catalog)).toThrow(
      expect.objectContaining({
        problems: [
          {
            file: 'schedules/tagged.schedule.json',
            schedule: 'tagged',
            path: '/tags',
            severity: 'error',
            message: expect.stringContaining('57 tags'),
          },
        ],
      }),
    );
  });
});

describe('the example init data on disk', () => {
  it('is read relative to the compute project', () => {
    const catalog = loadCatalog(repoRoot, 'schedules').catalog!;
    const s = synthInto(catalog, { workspaceRoot: repoRoot, readFile: 'disk' });
    const userData = Buffer.from(s.doc.resource.aws_launch_template.warp.user_data, 'base64').toString('utf8');
    expect(userData).toContain(readFileSync(join(repoRoot, 'schedules/init/warp.sh'), 'utf8'));
    s.cleanup();
  });
});
