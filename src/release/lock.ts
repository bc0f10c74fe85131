/** When a held deploy lock may be broken: the same rule for every store (pure, but for the pid probe). */
import { LockOwner } from './ports.js';

/** Why a held lock may be broken now, or null while its owner may still be working. */
export function abandonedBecause(
  held: LockOwner | null,
  ttlMs: number,
  now: Date,
  isAliveHere: (pid: number) => boolean,
  thisHost: string
): string | null {
  if (!held) return 'it names no owner (an unreadable owner file)';
  const created = Date.parse(held.createdAt);
  const expires = Date.parse(held.expiresAt);
  if (!Number.isFinite(created)) return 'its creation time is unreadable';
  if (Number.isFinite(expires) && expires <= now.getTime()) return `it expired at ${held.expiresAt}`;
  if (now.getTime() - created >= ttlMs)
    return `it is older than the lock expiry (${Math.round(ttlMs / 1000)} s)`;
  if (held.hostname === thisHost && Number.isInteger(held.pid) && held.pid > 0 && !isAliveHere(held.pid))
    return `its owner process ${held.pid} on ${thisHost} is gone`;
  return null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
