import { ConfigurationError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest a Node.js timer can wait: 2^31-1 ms (about 24.8 days). A longer delay does not
 * wait longer, it fires after 1 ms (`--interval 600h` probed a service 1,471 times in 8 s), so no
 * duration may exceed it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A cap as a person writes it: 1h, 10m, 24h. */
export function describeCap(ms: number): string {
  if (ms === MAX_TIMER_MS) return `${MAX_TIMER_MS}ms (about 24.8 days, the longest a timer can wait)`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * Parses `500ms`, `30s`, `2m`, `1h` or a bare number of seconds into milliseconds. Above `maxMs`
 * (by default the longest timer) it is a configuration error: exit 2, nothing changed.
 */
export function parseDuration(text: string, input: string, maxMs: number = MAX_TIMER_MS): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) {
    throw new ConfigurationError(`'${text}' is not a duration (use 500ms, 30s, 2m, 1h or seconds)`, input);
  }
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
  if (!Number.isFinite(ms) || ms > Math.min(maxMs, MAX_TIMER_MS)) {
    throw new ConfigurationError(
      `'${text}' is too long: at most ${describeCap(Math.min(maxMs, MAX_TIMER_MS))}`,
      input
    );
  }
  return ms;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
