import { ConfigurationError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `30s`, `2m`, `1h` or a bare number of seconds into milliseconds. */
export function parseDuration(text: string, input: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) {
    throw new ConfigurationError(`'${text}' is not a duration (use 500ms, 30s, 2m, 1h or seconds)`, input);
  }
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 's'];
  if (!Number.isFinite(ms)) throw new ConfigurationError(`'${text}' is too large`, input);
  return Math.round(ms);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}
