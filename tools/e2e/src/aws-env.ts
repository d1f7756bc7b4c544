import { ISOLATED_AWS_ENV } from '@compute/runner/src/testing/isolated-aws-env';

/** No AWS configuration from this machine, and nowhere for a call to go: a request fails loudly, never reaches AWS. */
export const NO_AWS: NodeJS.ProcessEnv = { ...ISOLATED_AWS_ENV, AWS_ENDPOINT_URL_BATCH: 'http://127.0.0.1:1' };
export const FAKE_KEYS: NodeJS.ProcessEnv = { ...NO_AWS, AWS_ACCESS_KEY_ID: 'AKIAE2EEXAMPLE', AWS_SECRET_ACCESS_KEY: 'e2e-secret' };
