/** The AWS console page of a Batch job. */
export function jobConsoleLink(region: string, jobId: string): string {
  return `https://${region}.console.aws.amazon.com/batch/home?region=${region}#jobs/detail/${jobId}`;
}
