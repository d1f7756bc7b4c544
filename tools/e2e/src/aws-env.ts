import { join } from 'node:path';

/** No AWS configuration from this machine, and nowhere for a call to go: a request fails loudly, never reaches AWS. */
export const NO_AWS: NodeJS.ProcessEnv = {
  AWS_CONFIG_FILE: join(__dirname, 'no-such-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(__dirname, 'no-such-aws-credentials'),
  AWS_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_ENDPOINT_URL: undefined,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL_BATCH: 'http://127.0.0.1:1',
};
export const FAKE_KEYS: NodeJS.ProcessEnv = { ...NO_AWS, AWS_ACCESS_KEY_ID: 'AKIAE2EEXAMPLE', AWS_SECRET_ACCESS_KEY: 'e2e-secret' };
