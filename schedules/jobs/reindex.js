// Example job for search_reindex_shards: one array shard per index partition.
// Idempotent: rebuilding a partition twice gives the same index, so Spot retries are safe.
const shards = Number(process.argv[process.argv.indexOf('--shards') + 1] || 1);
const index = Number(process.env.AWS_BATCH_JOB_ARRAY_INDEX || 0);
if (!process.env.SEARCH_API_TOKEN) {
  console.error('SEARCH_API_TOKEN is not set');
  process.exit(2);
}
console.log(`reindexing partition ${index + 1}/${shards} at ${process.env.SEARCH_ENDPOINT} (attempt ${process.env.AWS_BATCH_JOB_ATTEMPT})`);
