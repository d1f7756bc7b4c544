import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The AWS Batch operations the runner uses, by their REST path. */
export type Operation = 'listjobs' | 'submitjob' | 'describejobs' | 'describejobdefinitions';

export interface RecordedRequest {
  operation: Operation;
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** An answer, or a function of the request body that makes one (for answers that depend on the request). */
export type FakeAnswer = FakeResponse | ((body: any) => FakeResponse);

/** Answers in order; the last answer repeats. */
export type Script = Partial<Record<Operation, FakeAnswer[]>>;

export interface FakeBatchApi {
  endpoint: string;
  requests: RecordedRequest[];
  bodies(operation: Operation): unknown[];
  close(): Promise<void>;
}

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });

/** An AWS REST-JSON error as Batch sends it: the type in x-amzn-ErrorType, the message in the body. */
export const awsError = (status: number, type: string, message: string): FakeResponse => ({
  status,
  headers: { 'x-amzn-ErrorType': type },
  body: { message },
});

/**
 * A loopback HTTP server that speaks the AWS Batch REST-JSON protocol
 * (POST /v1/listjobs, /v1/submitjob, /v1/describejobs, /v1/describejobdefinitions), so tests drive the real
 * SDK client: serialization, signing, error parsing and retries included.
 */
export async function startFakeBatchApi(script: Script): Promise<FakeBatchApi> {
  const requests: RecordedRequest[] = [];
  const served: Record<string, number> = {};

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = (req.url ?? '').replace(/^\/v1\//, '').replace(/\?.*$/, '') as Operation;
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : undefined;
      requests.push({ operation, method: req.method ?? '', headers: req.headers, body });
      const answers = script[operation];
      if (!answers || answers.length === 0) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnknownOperationException' });
        res.end(JSON.stringify({ message: `the fake does not script ${req.method} ${req.url}` }));
        return;
      }
      const n = served[operation] ?? 0;
      served[operation] = n + 1;
      const scripted = answers[Math.min(n, answers.length - 1)];
      const answer = typeof scripted === 'function' ? scripted(body) : scripted;
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    bodies: (operation) => requests.filter((r) => r.operation === operation).map((r) => r.body),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
