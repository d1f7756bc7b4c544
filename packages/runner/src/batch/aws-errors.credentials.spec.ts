import { explainAwsError } from './aws-errors';

const context = { action: 'batch:ListJobs', queue: 'compute-small', region: 'us-east-1', configRegion: 'us-east-1' };
const credentialsError = (message: string) => Object.assign(new Error(message), { name: 'CredentialsProviderError' });

describe('explainAwsError: credentials that cannot be loaded', () => {
  it('names the profile from AWS_PROFILE when it gave nothing', () => {
    expect(explainAwsError(credentialsError('Could not load credentials from any providers'), { ...context, profile: 'nope' }).message).toBe(
      'no usable AWS credentials in profile "nope" (from AWS_PROFILE). Check that the profile exists (`aws configure list-profiles`) and sign in to it (for example `aws sso login --profile nope`), then run again. (--dry-run needs no credentials.)',
    );
  });

  it("passes on the SDK's own explanation when it is specific, e.g. an expired SSO session", () => {
    const sso = "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.";
    const message = explainAwsError(credentialsError(sso), { ...context, profile: 'dev' }).message;
    expect(message).toMatch(/^no usable AWS credentials in profile "dev" \(from AWS_PROFILE\)\./);
    expect(message).toContain(`AWS said: ${sso}`);
  });

  it('keeps the generic advice, without an "AWS said" that adds nothing, when no profile is set', () => {
    const message = explainAwsError(credentialsError('Could not load credentials from any providers'), context).message;
    expect(message).toMatch(/^no AWS credentials found\. Sign in/);
    expect(message).not.toContain('AWS said');
  });
});
