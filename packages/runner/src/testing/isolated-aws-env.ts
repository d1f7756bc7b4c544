import { join } from 'node:path';

/** No ambient AWS configuration from the machine running the tests: no profile, keys, region, endpoint or instance role. */
export const ISOLATED_AWS_ENV: Record<string, string | undefined> = {
  AWS_CONFIG_FILE: join(__dirname, 'no-such-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(__dirname, 'no-such-aws-credentials'),
  AWS_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_ENDPOINT_URL: undefined,
  AWS_ENDPOINT_URL_BATCH: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_EC2_METADATA_DISABLED: 'true',
};
