import { request } from 'undici';
import { checkResponse, Expectations, NOT_READY_STATUSES } from './expectations.js';

export interface ProbeRecord {
  atMs: number;
  url: string;
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

/** One probe as the policy sees it; `definite` stays out of the --json contract. */
export interface ProbeResult extends ProbeRecord {
  /** A complete answer that is wrong (not a not-ready status, not a slow answer): see NOT_READY_STATUSES. */
  definite: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `no answer within ${timeoutMs}ms`;
  }
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset (ECONNRESET)';
  return code ? `${code}: ${err.message ?? ''}`.trim() : (err.message ?? String(error));
}

/**
 * One probe on a NEW connection (`reset`), as a load balancer would: a process that stopped
 * accepting connections must not look healthy through a kept-alive socket.
 */
export async function probeOnce(
  url: string,
  expect: Expectations,
  timeoutMs: number,
  atMs: number
): Promise<ProbeResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(url, {
      method: 'GET',
      reset: true,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      headers: { 'user-agent': 'shipgate-gate', accept: 'application/json, text/plain, */*' }
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    const latencyMs = Math.round(performance.now() - started);
    const body = Buffer.concat(chunks).toString('utf8');
    const failure = checkResponse(expect, {
      status: response.statusCode,
      body,
      latencyMs,
      headers: response.headers
    });
    const slow = expect.maxLatencyMs !== null && latencyMs > expect.maxLatencyMs;
    return {
      atMs,
      url,
      ok: failure === null,
      status: response.statusCode,
      latencyMs,
      error: failure,
      definite: failure !== null && !slow && !NOT_READY_STATUSES.has(response.statusCode)
    };
  } catch (error) {
    return {
      atMs,
      url,
      ok: false,
      status: null,
      latencyMs: null,
      error: describeNetworkError(error, timeoutMs),
      definite: false
    };
  }
}
