import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider, SqsQueue, declare, synthesizeApp, type TerraformJson } from './cdktf';

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
