import type * as StsSdk from '@aws-sdk/client-sts';
import { RunnerError } from '../errors';
import type { JobCredentials } from './job-environment';

export type StsClient = StsSdk.STSClient;

/** How long the job's credentials last: STS's default, and the most a role chain may ask for. */
const SESSION_SECONDS = 3600;

export interface AssumedRole extends JobCredentials {
  roleArn: string;
  expiration?: Date;
}

export interface AssumeJobRoleInput {
  /** The schedule's awsRole: a role name in the caller's account. */
  roleName: string;
  scheduleName: string;
  region: string;
  /** A configured client; default one from the standard AWS chain in compute.json's region. */
  client?: StsClient;
}

/**
 * The job role's temporary credentials, assumed with the caller's own: a local run then
 * calls AWS as the job does on AWS (where ECS hands it the same role), not as the person
 * running it. The role is looked up in the caller's account, where the stack deploys.
 */
export async function assumeJobRole(input: AssumeJobRoleInput): Promise<AssumedRole> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sdk = require('@aws-sdk/client-sts') as typeof StsSdk;
  const client = input.client ?? new sdk.STSClient({ region: input.region });
  let roleArn = `role ${input.roleName}`;
  try {
    const identity = await client.send(new sdk.GetCallerIdentityCommand({}));
    const partition = identity.Arn?.split(':')[1] ?? 'aws';
    roleArn = `arn:${partition}:iam::${identity.Account}:role/${input.roleName}`;
    const assumed = await client.send(
      new sdk.AssumeRoleCommand({
        RoleArn: roleArn,
        // Shown in CloudTrail as who did what: a local run of this schedule.
        RoleSessionName: `compute-local-${input.scheduleName}`.slice(0, 64),
        DurationSeconds: SESSION_SECONDS,
      }),
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('STS returned no credentials');
    return {
      roleArn,
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  } catch (error) {
    throw explainStsError(error, roleArn, input.roleName);
  } finally {
    if (!input.client) client.destroy();
  }
}

function explainStsError(error: unknown, roleArn: string, roleName: string): RunnerError {
  const e = error as { name?: string; message?: string };
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new RunnerError(
      `--assume-role needs your own AWS credentials to assume the job role ${roleName}, and none were found. Sign in (for example \`aws sso login --profile <name>\` and \`export AWS_PROFILE=<name>\`) and run again.`,
      { cause: error },
    );
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return new RunnerError(
      `--assume-role: you may not assume ${roleArn} (${message}). The role's trust policy must allow your identity (or your role) to call sts:AssumeRole; ask its owner, or run without --assume-role.`,
      { cause: error },
    );
  }
  return new RunnerError(`--assume-role: assuming ${roleArn} failed: ${name}${message ? `: ${message}` : ''}`, { cause: error });
}

/** What the SDKs and the AWS CLI print when a program has no (valid) credentials. */
const CREDENTIAL_FAILURE = /could not load credentials|unable to locate credentials|NoCredentialProviders|CredentialsProviderError|security token included in the request is invalid|InvalidClientTokenId|UnrecognizedClientException|ExpiredToken/i;

export function looksLikeMissingCredentials(output: string): boolean {
  return CREDENTIAL_FAILURE.test(output);
}
