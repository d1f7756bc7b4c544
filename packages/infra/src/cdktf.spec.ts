import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Aspects, Fn, Lazy, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { loadCatalog } from '@compute/schedule';
import * as cdktf from './cdktf';
import { AwsProvider, IamRole, SqsQueue, SqsQueuePolicy, declare, stackDocumentOf, synthesizeApp, type TerraformJson } from './cdktf';
import { synthesizeDocument } from './synth';

describe('synthesizeApp', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compute-cdktf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stackWith = (extra: (stack: TerraformStack) => void) => {
    const written: { file: string; doc: TerraformJson }[] = [];
    synthesizeApp(
      dir,
      (app) => {
        const stack = new TerraformStack(app, 'demo');
        new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
        declare(SqsQueue, stack, 'dead_letters', { name: 'demo-dead-letters' });
        extra(stack);
        return stack;
      },
      (file, doc) => written.push({ file, doc }),
    );
    return written;
  };

  it('hands over the resolved document without cdktf metadata, next to a cdktf manifest', () => {
    const written = stackWith(() => undefined);
    expect(written.map((w) => w.file)).toEqual([join(dir, 'stacks', 'demo', 'cdk.tf.json')]);
    const doc = written[0].doc;
    expect(doc['//']).toBeUndefined();
    expect(doc.resource?.aws_sqs_queue.dead_letters).toEqual({ name: 'demo-dead-letters' });
    // The default backend cdktf's preparing step adds is still there.
    expect(doc.terraform).toMatchObject({ backend: { local: { path: expect.any(String) } } });
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });

  it('writes a manifest that names only files and folders that exist', () => {
    // As the deploy executor does with what it is handed.
    for (const { file, doc } of stackWith(() => undefined)) writeFileSync(file, JSON.stringify(doc));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { stacks: Record<string, Record<string, unknown>> };
    const paths = Object.values(manifest.stacks).flatMap((stack) => Object.entries(stack).filter(([key]) => key !== 'constructPath' && /Path$|Directory$/.test(key)).map(([, value]) => value as string));
    expect(paths).toEqual(expect.arrayContaining([join('stacks', 'demo'), join('stacks', 'demo', 'cdk.tf.json')]));
    for (const path of paths) expect([path, existsSync(join(dir, path))]).toEqual([path, true]);
  });

  it('refuses what it does not write (aspects) instead of writing a stack without them', () => {
    expect(() => stackWith((stack) => Aspects.of(stack).add({ visit: () => undefined }))).toThrow(/aspects and assets are not supported/);
  });

  it('fails on error annotations, as cdktf does', () => {
    expect(() => stackWith((stack) => Annotations.of(stack).addError('broken on purpose'))).toThrow(/\[demo\] broken on purpose/);
  });
});

/** cdktf's own document of a stack, without its metadata: what Compute's faster resolution must equal. */
function cdktfDocument(stack: TerraformStack): unknown {
  const doc = JSON.parse(JSON.stringify(stack.toTerraform())) as TerraformJson;
  delete doc['//'];
  for (const block of [doc.resource, doc.data]) for (const byName of Object.values(block ?? {})) for (const body of Object.values(byName)) delete body['//'];
  return doc;
}

describe('stackDocumentOf resolves as cdktf does', () => {
  it('for every kind of token, literal, override and block', () => {
    let stack!: TerraformStack;
    const ours = stackDocumentOf((scope) => {
      stack = new TerraformStack(scope, 'tokens');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new AwsProvider(stack, 'aws_other', { region: 'us-east-1', alias: 'other' });
      const queue = declare(SqsQueue, stack, 'queue', {
        name: 'with-${literal}-and-1e5-and-2-e3',
        delaySeconds: 5,
        fifoQueue: undefined,
        tags: { plain: 'x', 'key.1e5': 'y' },
      });
      const role = declare(IamRole, stack, 'role', {
        name: Lazy.stringValue({ produce: () => `lazy-${queue.name}` }),
        assumeRolePolicy: Fn.jsonencode({ Statement: [{ Effect: 'Allow', Resource: queue.arn, Principal: { Service: 'batch.amazonaws.com' } }] }),
        maxSessionDuration: Token.asNumber(queue.delaySeconds),
        managedPolicyArns: Token.asList(Fn.split(',', queue.url)),
        tags: { fromQueue: queue.name, number: `${Token.asNumber(queue.delaySeconds)}`, list: Fn.join('-', Token.asList(queue.tagsAll)) },
        dependsOn: [queue],
        lifecycle: { ignoreChanges: ['tags'] },
      });
      role.addOverride('description', `override of ${queue.id}`);
      declare(SqsQueuePolicy, stack, 'policy', { queueUrl: queue.url, policy: JSON.stringify({ Statement: [{ Resource: queue.arn, Values: [1, true, null] }] }) });
      new TerraformOutput(stack, 'out', { value: role.arn });
      return stack;
    });
    expect(ours).toEqual(cdktfDocument(stack));
    expect(JSON.stringify(ours)).toContain('${aws_sqs_queue.queue.arn}');
  });

  it('for overrides of the stack itself: tokens, and undefined deleting a key', () => {
    let stack!: TerraformStack;
    const ours = stackDocumentOf((scope) => {
      stack = new TerraformStack(scope, 'overridden');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const queue = declare(SqsQueue, stack, 'queue', { name: 'q' });
      stack.addOverride('locals.name', queue.name);
      stack.addOverride('locals.lazy', Lazy.anyValue({ produce: () => ({ arn: queue.arn }) }));
      stack.addOverride('resource.aws_sqs_queue.queue.name', undefined);
      stack.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
      return stack;
    });
    expect(ours).toEqual(cdktfDocument(stack));
    expect(ours.locals).toEqual({ name: '${aws_sqs_queue.queue.name}', lazy: { arn: '${aws_sqs_queue.queue.arn}' } });
    expect(ours.resource?.aws_sqs_queue.queue).toEqual({});
  });

  it('for the whole stack of the example schedules', () => {
    const root = join(__dirname, '..', '..', '..');
    const catalog = loadCatalog(root, 'schedules').catalog!;
    let stack!: TerraformStack;
    // synthesizeDocument builds the stack inside; keep hold of it to ask cdktf for its document too.
    const original = cdktf.stackDocumentOf;
    jest.spyOn(cdktf, 'stackDocumentOf').mockImplementationOnce((build) => original((scope) => (stack = build(scope))));
    const ours = synthesizeDocument({ catalog, readFile: (path) => readFileSync(join(root, path), 'utf8') });
    expect(Object.keys(ours.resource ?? {}).length).toBeGreaterThan(10);
    expect(ours).toEqual(cdktfDocument(stack));
  });
});
