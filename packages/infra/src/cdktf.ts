/**
 * The one module that maps Compute's needs onto cdktf and its AWS provider bindings.
 *
 * cdktf is archived (its last release is 0.21.0); the community fork `cdktn` keeps the
 * same API under other package names. Every other module imports from here, so a move
 * is a change to this file and package.json. The provider is imported by deep paths
 * only: its root barrel loads all 2,000+ resource modules (about 2 s and 480 MB).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  AnnotationMetadataEntryType,
  App,
  Aspects,
  DISABLE_STACK_TRACE_IN_METADATA,
  DefaultTokenResolver,
  StringConcat,
  TerraformDataSource,
  TerraformElement,
  Tokenization,
  type ISynthesisSession,
  type IStackSynthesizer,
  type StackAnnotation,
  type TerraformStack,
} from 'cdktf';
import { Construct } from 'constructs';

export { LocalBackend, S3Backend, TerraformOutput, TerraformStack, Token } from 'cdktf';
export type { App };
export type { ITerraformDependable } from 'cdktf';
export type { Construct };

export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
export { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';

export { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
export { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

export { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
export { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

export { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
export { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
export { BatchJobQueue } from '@cdktf/provider-aws/lib/batch-job-queue';
export { BatchJobDefinition } from '@cdktf/provider-aws/lib/batch-job-definition';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

export { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
export { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
export { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
export { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';

export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
export { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
export { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
export { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
export { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
export { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** The provider's full registry address; cdktf writes the short "aws", which OpenTofu finds ambiguous. */
export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';

/** Environment variables cdktf reads that would change what it writes (HCL, other stacks, context). */
const CDKTF_ENVIRONMENT = ['CDKTF_OUTDIR', 'SYNTH_HCL_OUTPUT', 'CDKTF_TARGET_STACK_ID', 'CDKTF_CONTEXT_JSON', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS'];

/** What an App records as the context's cdktfVersion (its own package version). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CDKTF_VERSION = (require('cdktf/package.json') as { version: string }).version;

/** A stack's Terraform JSON document, as cdktf resolves it. */
export type TerraformJson = {
  '//'?: unknown;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
};

/**
 * Builds the one stack of a fresh app and synthesizes it in `outdir` (cdktf's layout:
 * manifest.json and stacks/<stack>/cdk.tf.json), in JSON, whatever the environment says.
 * cdktf's "//" metadata (its version, construct paths) is dropped: Terraform ignores it,
 * and without it the file changes only when the infrastructure does. `write` puts the
 * document at the path given (cdktf would build the whole text with a sorting stringifier).
 */
export function synthesizeApp(outdir: string, build: (app: App) => TerraformStack, write: (file: string, doc: TerraformJson) => void): void {
  cleanSynthesis(() => {
    // No stack traces in the metadata: they hold this machine's paths.
    const app = new App({ outdir, stackTraces: false, hclOutput: false });
    const stack = build(app);
    // cdktf's preparing pass resolves every token of every stack once more, only to find
    // references from one stack to another (a quarter of synthesis at 10,000 schedules).
    // One stack has none, so only the rest of the step (a default backend) is kept.
    stack.prepareStack = () => void stack.ensureBackendExists();
    stack.synthesizer = new JsonStackSynthesizer(stack, write);
    app.synth();
  });
}

/**
 * The document synthesizeApp would write for the stack `build` makes, without any file:
 * cdktf's App creates its output folder when constructed, so the stack hangs from a
 * plain root construct carrying the context an App would give it.
 */
export function stackDocumentOf(build: (scope: Construct) => TerraformStack): TerraformJson {
  return cleanSynthesis(() => {
    const root = new Construct(undefined as unknown as Construct, '');
    root.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
    root.node.setContext('cdktfVersion', CDKTF_VERSION);
    const stack = build(root);
    stack.ensureBackendExists();
    const { doc } = resolveStack(stack, false);
    return doc;
  });
}

/** Runs a synthesis with cdktf's environment switches unset and stack trace recording off. */
function cleanSynthesis<T>(synthesis: () => T): T {
  const saved = CDKTF_ENVIRONMENT.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  // cdktf records an unlimited stack trace for every token it creates, only to decorate
  // its own error messages; under a source-map hook (TypeScript loaders install one) that
  // was 9 of 10 s of synthesizing 1,000 schedules. Synthesis is synchronous, so recording
  // is switched off just meanwhile; errors still get their stacks as usual.
  const captureStackTrace = Error.captureStackTrace;
  Error.captureStackTrace = () => undefined;
  try {
    return synthesis();
  } finally {
    Error.captureStackTrace = captureStackTrace;
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * Checks a stack and resolves its document: no aspects or assets (refused, not written
 * wrong), cdktf's validations, and no error annotations. cdktf's "//" metadata is dropped.
 */
function resolveStack(stack: TerraformStack, skipValidation: boolean): { doc: TerraformJson; annotations: StackAnnotation[] } {
  const nodes = stack.node.findAll();
  const unsupported = nodes.find((node) => Aspects.of(node).all.length > 0 || CUSTOM_SYNTHESIS in node);
  if (unsupported) throw new Error(`${unsupported.node.path}: aspects and assets are not supported by Compute's synthesis`);
  if (!skipValidation) stack.runAllValidations();

  const annotations = nodes.flatMap((node) =>
    node.node.metadata
      .filter((entry) => ANNOTATION_LEVELS.includes(entry.type))
      .map((entry) => ({ constructPath: node.node.path, level: entry.type as AnnotationMetadataEntryType, message: entry.data, stacktrace: entry.trace })),
  );
  const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
  if (errors.length > 0) throw new Error(`Synthesis failed:\n${errors.map((a) => `[${a.constructPath}] ${a.message}`).join('\n')}`);

  const doc = documentOf(stack, nodes);
  dropMetadata(doc);
  return { doc, annotations };
}

/**
 * What cdktf's `stack.toTerraform()` returns, in a fraction of its time (profiled at 1,000
 * schedules: two thirds of synthesis). cdktf resolves each element's fragment, merges them with
 * the stack's own overrides, and then resolves the whole merged document a second time, though
 * only the overrides can still hold tokens: here only the top-level blocks they touch are
 * resolved again. And cdktf's resolver walks every value with fresh contexts and regular
 * expressions, though almost every value is plain data: that is copied here, and only a value
 * that is or may hold a token goes to cdktf's resolver. The metadata cdktf also gathers is
 * dropped by the caller anyway. `cdktf.spec.ts` compares the two documents on the whole
 * example stack and on every kind of token.
 */
function documentOf(stack: TerraformStack, nodes: readonly unknown[]): TerraformJson {
  // The same reference (the scheduler's role, the log group) stands in thousands of resources:
  // a string with a token resolves the same everywhere in one stack, so once is enough.
  const resolvedStrings = new Map<string, unknown>();
  const resolveToken = (value: unknown) => {
    if (typeof value !== 'string') return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: TOKEN_RESOLVER });
    if (!resolvedStrings.has(value)) resolvedStrings.set(value, Tokenization.resolve(value, { scope: stack, preparing: false, resolver: TOKEN_RESOLVER }));
    return resolvedStrings.get(value);
  };
  const doc: TerraformJson = {};
  for (const node of nodes) {
    if (TerraformElement.isTerraformElement(node)) deepMerge(doc, resolveValue(node.toTerraform(), resolveToken) as Record<string, unknown>);
  }
  const overrides = (stack as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
  deepMerge(doc, overrides);
  for (const key of Object.keys(overrides)) {
    const resolved = resolveValue(doc[key], resolveToken);
    if (resolved === undefined) delete doc[key];
    else doc[key] = resolved;
  }
  return doc;
}

const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf's tokens in strings (`${TfToken[..]}`, list and map forms) and its pattern for number tokens inside strings. */
const TOKEN_MARKER = 'TfToken[';
const LIST_TOKEN_MARKER = '#{TfToken[';
const NUMBER_TOKEN_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/**
 * Resolves a value as cdktf's resolver would: undefined dropped from objects and arrays, tokens
 * resolved (by cdktf, for exactly the values that may hold one). Plain data is copied as is.
 */
function resolveValue(value: unknown, resolveToken: (value: unknown) => unknown): unknown {
  switch (typeof value) {
    case 'string':
      return value.includes(TOKEN_MARKER) || NUMBER_TOKEN_IN_STRING.test(value) ? resolveToken(value) : value;
    case 'number':
      // cdktf's number tokens are doubles of enormous magnitude, never safe integers.
      return Number.isSafeInteger(value) ? value : resolveToken(value);
    case 'boolean':
    case 'undefined':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        // An array may be a list token (a list-marked string or a token number among its items): cdktf resolves it whole.
        if (value.some((item) => (typeof item === 'string' && item.includes(LIST_TOKEN_MARKER)) || (typeof item === 'number' && !Number.isSafeInteger(item)))) return resolveToken(value);
        return value.map((item) => resolveValue(item, resolveToken)).filter((item) => item !== undefined);
      }
      const proto = Object.getPrototypeOf(value);
      // Class instances are tokens (or mistakes cdktf reports); keys may be map tokens.
      if ((proto !== Object.prototype && proto !== null) || Object.keys(value).some((key) => key.includes(TOKEN_MARKER) || NUMBER_TOKEN_IN_STRING.test(key))) return resolveToken(value);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const resolved = resolveValue(item, resolveToken);
        if (resolved !== undefined) result[key] = resolved;
      }
      return result;
    }
    default:
      return resolveToken(value);
  }
}

/** cdktf's merge of element fragments: objects merged key by key, arrays concatenated, undefined deletes. */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
      // A token among the overrides is taken whole, resolved afterwards.
      if (Tokenization.isResolvable(value)) {
        target[key] = value;
        continue;
      }
      deepMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(target[key]) ? [...(target[key] as unknown[]), ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

/**
 * cdktf's StackSynthesizer for a JSON stack, minus what Compute never uses (aspects, HCL,
 * custom synthesis of assets; a stack with any of them is refused, not written wrong),
 * with the document handed to `write` instead of being stringified whole by cdktf.
 */
class JsonStackSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly write: (file: string, doc: TerraformJson) => void,
  ) {}

  synthesize(session: ISynthesisSession): void {
    const { doc, annotations } = resolveStack(this.stack, session.skipValidation === true);
    const stackManifest = session.manifest.forStack(this.stack);
    mkdirSync(join(session.outdir, stackManifest.workingDirectory), { recursive: true });
    // cdktf's manifest field is read-only to everyone but its synthesizer, which this is.
    (stackManifest as { annotations: StackAnnotation[] }).annotations = annotations;
    // cdktf writes metadata.json for HCL output only (for JSON its metadata is the "//" key, dropped
    // above), yet names it in every manifest: a manifest names only files that exist.
    delete (stackManifest as { stackMetadataPath?: string }).stackMetadataPath;
    this.write(join(session.outdir, stackManifest.synthesizedStackPath), doc);
  }
}

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const ANNOTATION_LEVELS: string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

function dropMetadata(doc: TerraformJson): void {
  delete doc['//'];
  for (const block of [doc.resource, doc.data]) {
    for (const byName of Object.values(block ?? {})) {
      for (const body of Object.values(byName)) delete body['//'];
    }
  }
}

type ElementClass<T extends TerraformElement, C> = {
  new (scope: Construct, id: string, config: C): T;
  readonly tfResourceType: string;
};

/**
 * Adds a resource or data source that Terraform calls `name` (e.g. aws_batch_job_queue.small).
 * Terraform needs names unique per type only, constructs per stack, so the construct id
 * is the whole address. cdktf would otherwise derive the name from the construct id.
 */
export function declare<T extends TerraformElement, C>(Type: ElementClass<T, C>, scope: Construct, name: string, config: C): T {
  const kind = Type.prototype instanceof TerraformDataSource ? 'data.' : '';
  const element = new Type(scope, `${kind}${Type.tfResourceType}.${name}`, config);
  element.overrideLogicalId(name);
  return element;
}
