import type { Pm2Value } from './pm2.js';

/** `5s`, `1m`, `500ms`, or a number of milliseconds (PM2's own reading of min_uptime). */
export function pm2DurationMs(value: Pm2Value['value']): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  return Number(match[1]) * unit;
}
