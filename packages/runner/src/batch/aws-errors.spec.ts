import { explainAwsError } from './aws-errors';

const context = { action: 'batch:SubmitJob', queue: 'compute-small', region: 'us-east-1', configRegion: 'us-east-1' };
const sdkError = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

describe('explainAwsError', () => {
  it('points expired or unknown credentials at a fresh sign-in', () => {
    expect(explainAwsError(sdkError('ExpiredTokenException', 'The security token included in the request is expired'), context).message).toBe(
      'AWS rejected your credentials (ExpiredTokenException): refresh them (for example `aws sso login`) and run again. AWS said: The security token included in the request is expired',
    );
    expect(explainAwsError(sdkError('UnrecognizedClientException', 'bad token'), context).message).toContain('AWS rejected your credentials');
  });

  it('explains a missing region', () => {
    expect(explainAwsError(new Error('Region is missing'), { ...context, region: undefined, configRegion: 'eu-west-1' }).message).toBe(
      'no AWS region configured: set AWS_REGION (compute.json deploys to eu-west-1) or a region in your AWS profile.',
    );
  });

  it('explains an unreachable endpoint', () => {
    const error = explainAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), context);
    expect(error.message).toBe('cannot reach AWS Batch in us-east-1 (ECONNREFUSED): check your network, or AWS_ENDPOINT_URL_BATCH / AWS_ENDPOINT_URL if you set one.');
  });

  it('explains a server failure and a missing job definition', () => {
    expect(explainAwsError(sdkError('ServerException', 'internal', { $metadata: { httpStatusCode: 500 } }), context).message).toBe(
      'AWS Batch failed on batch:SubmitJob in us-east-1 (ServerException, HTTP 500); try again later. AWS said: internal',
    );
    expect(explainAwsError(sdkError('ClientException', 'Job definition compute-x does not exist'), { ...context, jobDefinition: 'compute-x' }).message).toContain(
      'job definition compute-x was not found in us-east-1: deploy the stack first',
    );
  });

  it('keeps the original error as the cause and says what failed otherwise', () => {
    const original = sdkError('ClientException', 'Container override command cannot contain empty strings');
    const error = explainAwsError(original, context);
    expect(error.message).toBe('batch:SubmitJob failed in us-east-1: ClientException: Container override command cannot contain empty strings');
    expect(error.cause).toBe(original);
  });
});
