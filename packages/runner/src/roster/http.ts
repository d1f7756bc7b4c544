/** Plumbing shared by the remote roster sources: one request, every failure turned into a sentence. */

export interface HttpContext {
  fetch: typeof fetch;
  timeoutMs: number;
  /** "GitLab" or "GitHub", for messages. */
  service: string;
  /** The token, only so it can be scrubbed from anything a server echoes back. */
  token: string;
}

export type HttpReply =
  | { ok: true; status: number; statusText: string; headers: Headers; body: unknown }
  | { ok: false; message: string; kind: 'network' | 'timeout' };

/** Sends one request; the body is parsed as JSON when it is JSON, otherwise `body` is undefined. Never throws. */
export async function sendRequest(ctx: HttpContext, url: string, init: RequestInit): Promise<HttpReply> {
  const host = hostOf(url);
  try {
    // The timeout covers reading the body too: a server that stalls mid-page must not hang the gate.
    const response = await ctx.fetch(url, { ...init, signal: AbortSignal.timeout(ctx.timeoutMs) });
    const text = await response.text();
    return { ok: true, status: response.status, statusText: response.statusText, headers: response.headers, body: parseJsonOrUndefined(text) };
  } catch (error) {
    if (isTimeout(error)) {
      return { ok: false, kind: 'timeout', message: `${ctx.service} at ${host} did not answer within ${formatSeconds(ctx.timeoutMs)}: check roster.url and your network, then try again` };
    }
    return { ok: false, kind: 'network', message: `could not reach ${ctx.service} at ${host} (${scrub(describeError(error), ctx.token)}): check roster.url and your network` };
  }
}

/** The explanation an API put in an error body (GitHub and GitLab REST "message", OAuth "error_description"), one line, bounded. */
export function apiMessage(body: unknown, token: string): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const candidate = [record.message, record.error_description, record.error].find((v) => typeof v === 'string' && v.trim() !== '');
  if (typeof candidate !== 'string') return undefined;
  const line = scrub(candidate, token).replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** "HTTP 500 Internal Server Error: <api message>" */
export function describeStatus(reply: Extract<HttpReply, { ok: true }>, token: string): string {
  const text = reply.statusText ? ` ${reply.statusText}` : '';
  const detail = apiMessage(reply.body, token);
  return `HTTP ${reply.status}${text}${detail ? `: ${detail}` : ''}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Servers sometimes echo request headers back in errors; a token must never reach the report. */
export function scrub(text: string, token: string): string {
  return token.length >= 4 ? text.split(token).join('***') : text;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** fetch wraps the useful part ("connect ECONNREFUSED", "getaddrinfo ENOTFOUND") in `cause`. */
function describeError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string' && cause.message) return cause.message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
