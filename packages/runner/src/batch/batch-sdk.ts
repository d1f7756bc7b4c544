import type * as BatchSdk from '@aws-sdk/client-batch';

export type BatchSdkModule = typeof BatchSdk;
export type BatchClient = BatchSdk.BatchClient;

/**
 * The AWS SDK, loaded on first use: local runs never load it, and a plain
 * require keeps this CommonJS package working under Jest (no dynamic import).
 */
export function loadBatchSdk(): BatchSdkModule {
  // On Node 20 (which this workspace supports) the SDK prints an eight-line notice
  // about its future Node 22 requirement before every submission; it is for the
  // workspace's maintainers, not for someone queueing a job. An explicit setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return require('@aws-sdk/client-batch') as BatchSdkModule;
}

export interface ResolvedClient {
  client: BatchClient;
  region: string;
  /** Where the region came from, for the message when it differs from compute.json. */
  regionSource: 'aws' | 'compute.json';
}

/**
 * A client configured by the standard AWS chain (profiles, environment, SSO;
 * AWS_ENDPOINT_URL_BATCH / AWS_ENDPOINT_URL are honoured by the SDK itself).
 * Without a region from that chain, compute.json's region is used.
 */
export async function createBatchClient(sdk: BatchSdkModule, configRegion: string): Promise<ResolvedClient> {
  const client = new sdk.BatchClient({});
  try {
    const region = await client.config.region();
    if (region) return { client, region, regionSource: 'aws' };
  } catch {
    // "Region is missing": fall back below.
  }
  client.destroy();
  return { client: new sdk.BatchClient({ region: configRegion }), region: configRegion, regionSource: 'compute.json' };
}

/** The region an injected client is set up for, if it can say. */
export async function clientRegion(client: BatchClient): Promise<string | undefined> {
  try {
    return await client.config.region();
  } catch {
    return undefined;
  }
}
