import { RunnerError } from '../errors';

export interface AwsCallContext {
  /** IAM action of the call, e.g. batch:SubmitJob. */
  action: string;
  queue: string;
  jobDefinition?: string;
  /** The region the call went to, when known. */
  region?: string;
  /** compute.json's region, to point at a mismatch. */
  configRegion: string;
  /** AWS_PROFILE, when set: the profile the credentials were looked up in. */
  profile?: string;
}

/** What the SDK says when no provider had anything; anything else is more specific and worth showing. */
const NO_PROVIDER = /could not load credentials from any providers/i;

const CREDENTIAL_REJECTED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'LimitExceededException']);

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Turns an AWS SDK failure into a message that says what went wrong and what to do. */
export function explainAwsError(error: unknown, context: AwsCallContext): RunnerError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const message = (e.message ?? '').trim();
  const status = e.$metadata?.httpStatusCode;
  const where = context.region ? ` in ${context.region}` : '';
  const said = message ? ` AWS said: ${message}` : '';
  const make = (text: string) => new RunnerError(text, { cause: error });

  if (name === 'CredentialsProviderError' || /could not (load|resolve) credentials/i.test(message)) {
    const specific = message && !NO_PROVIDER.test(message) ? ` AWS said: ${message}` : '';
    if (context.profile) {
      return make(
        `no usable AWS credentials in profile "${context.profile}" (from AWS_PROFILE). Check that the profile exists (\`aws configure list-profiles\`) and sign in to it (for example \`aws sso login --profile ${context.profile}\`), then run again. (--dry-run needs no credentials.)${specific}`,
      );
    }
    return make(
      `no AWS credentials found. Sign in (for example \`aws sso login --profile <name>\` and \`export AWS_PROFILE=<name>\`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again. (--dry-run needs no credentials.)${specific}`,
    );
  }
  if (/region is missing/i.test(message)) {
    return make(`no AWS region configured: set AWS_REGION (compute.json deploys to ${context.configRegion}) or a region in your AWS profile.`);
  }
  if (CREDENTIAL_REJECTED.has(name)) {
    return make(`AWS rejected your credentials (${name}): refresh them (for example \`aws sso login\`) and run again.${said}`);
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) {
    return make(
      `access denied: your AWS identity may not call ${context.action} on queue ${context.queue}${where}. Use a profile or role whose policy allows ${context.action} on that queue${context.jobDefinition ? ` and job definition ${context.jobDefinition}` : ''}.${said}`,
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    const attempts = e.$metadata?.attempts;
    return make(
      `AWS Batch throttled ${context.action}${where} and was still refusing after ${attempts ? `${attempts} attempts` : 'the SDK retries'}: wait a minute and run again.`,
    );
  }
  if (name === 'ClientException' && /queue/i.test(message) && /(not found|does ?n[o']t exist|not exist|invalid)/i.test(message)) {
    return make(
      `job queue ${context.queue} was not found${where}: deploy the stack first (nx run compute:deploy), or check the region (AWS_REGION or your profile; compute.json deploys to ${context.configRegion}).${said}`,
    );
  }
  if (name === 'ClientException' && /definition/i.test(message) && /(not found|does ?n[o']t exist|not exist|invalid|inactive)/i.test(message)) {
    return make(`job definition ${context.jobDefinition ?? ''} was not found${where}: deploy the stack first (nx run compute:deploy).${said}`);
  }
  if (NETWORK.has(e.code ?? '') || NETWORK.has(name)) {
    return make(`cannot reach AWS Batch${where} (${e.code ?? name}): check your network, or AWS_ENDPOINT_URL_BATCH / AWS_ENDPOINT_URL if you set one.`);
  }
  if (status !== undefined && status >= 500) {
    return make(`AWS Batch failed on ${context.action}${where} (${name}, HTTP ${status}); try again later.${said}`);
  }
  return make(`${context.action} failed${where}: ${name}${message ? `: ${message}` : ''}`);
}
