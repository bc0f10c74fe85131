/**
 * The history is the one record of what happened on a target: one entry per gated action.
 * Release statuses are derived from it (pure functions below), never stored twice.
 */
export type ReleaseStatus = 'good' | 'bad' | 'unverified' | 'interrupted';

export type HistoryVerdict = 'pass' | 'fail' | 'unverified' | 'interrupted';

export interface HistoryEntry {
  at: string;
  /** deploy: a new release; restore: automatic switch back after a failed deploy; rollback: on demand. */
  action: 'deploy' | 'restore' | 'rollback';
  release: string;
  previousRelease: string | null;
  /**
   * pass / fail: the verdict of a gate. unverified: it serves, but no gate ran (an interrupted
   * run restoring in the seconds it had). interrupted: the run stopped before a verdict.
   */
  verdict: HistoryVerdict;
  reason: string;
  actor: string;
  commit: string | null;
  runId: string | null;
  durationMs: number;
}

export interface ReleaseInfo {
  id: string;
  status: ReleaseStatus;
  createdAt: string;
  commit: string | null;
  actor: string | null;
  lastVerdict: HistoryVerdict | null;
  lastReason: string | null;
}

const ACTIONS = new Set(['deploy', 'restore', 'rollback']);
const VERDICTS = new Set(['pass', 'fail', 'unverified', 'interrupted']);
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** One line, or null when it is not a whole, well-formed entry (a torn write, a hand edit). */
export function parseHistoryLine(line: string): HistoryEntry | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const e = raw as Record<string, unknown>;
  if (typeof e.release !== 'string' || e.release === '' || !isDate(e.at)) return null;
  if (!ACTIONS.has(e.action as string) || !VERDICTS.has(e.verdict as string)) return null;
  return {
    at: e.at,
    action: e.action as HistoryEntry['action'],
    release: e.release,
    previousRelease: stringOrNull(e.previousRelease),
    verdict: e.verdict as HistoryVerdict,
    reason: typeof e.reason === 'string' ? e.reason : '',
    actor: typeof e.actor === 'string' ? e.actor : 'unknown',
    commit: stringOrNull(e.commit),
    runId: stringOrNull(e.runId),
    durationMs: typeof e.durationMs === 'number' && Number.isFinite(e.durationMs) ? e.durationMs : 0
  };
}

/** Whole lines of the text; a line that is not an entry is skipped and counted. */
export function parseHistory(text: string | null): { entries: HistoryEntry[]; skipped: number } {
  const entries: HistoryEntry[] = [];
  let skipped = 0;
  if (!text) return { entries, skipped };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const entry = parseHistoryLine(line);
    if (entry) entries.push(entry);
    else skipped++;
  }
  return { entries, skipped };
}

/** An entry dated after `now` (plus a few minutes of clock skew) cannot be trusted for ordering. */
export function isFutureDated(entry: HistoryEntry, now: Date, skewMs = 5 * 60_000): boolean {
  return Date.parse(entry.at) > now.getTime() + skewMs;
}

/**
 * The releases present on the target, oldest first, with their status: the verdict of the
 * last gate that ran on each (a release restored or rolled back to is gated again). An
 * `unverified` entry carries no evidence and leaves the status as it was. A release with no
 * history at all is ordered by when the platform made it.
 */
export function describeReleases(
  present: Array<{ id: string; madeAt: string }> | string[],
  history: HistoryEntry[]
): ReleaseInfo[] {
  const made = new Map<string, string>(
    present.map(p => (typeof p === 'string' ? [p, ''] : ([p.id, p.madeAt] as [string, string])))
  );
  const infos = new Map<string, ReleaseInfo>();
  for (const entry of history) {
    if (!made.has(entry.release)) continue;
    const info = infos.get(entry.release) ?? {
      id: entry.release,
      status: 'unverified' as ReleaseStatus,
      createdAt: entry.at,
      commit: entry.commit,
      actor: entry.actor,
      lastVerdict: null,
      lastReason: null
    };
    if (entry.action === 'deploy') {
      info.createdAt = entry.at;
      info.commit = entry.commit;
      info.actor = entry.actor;
    }
    info.lastVerdict = entry.verdict;
    info.lastReason = entry.reason;
    if (entry.verdict === 'pass') info.status = 'good';
    else if (entry.verdict === 'fail') info.status = 'bad';
    else if (entry.verdict === 'interrupted') info.status = 'interrupted';
    infos.set(entry.release, info);
  }
  for (const [id, madeAt] of made) {
    if (!infos.has(id)) {
      infos.set(id, {
        id,
        status: 'unverified',
        createdAt: madeAt,
        commit: null,
        actor: null,
        lastVerdict: null,
        lastReason: null
      });
    }
  }
  return [...infos.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
}

/** The newest good release other than `exclude`: where a failed deploy switches back to. */
export function lastGoodRelease(releases: ReleaseInfo[], exclude: string | null): ReleaseInfo | null {
  for (let i = releases.length - 1; i >= 0; i--) {
    if (releases[i].status === 'good' && releases[i].id !== exclude) return releases[i];
  }
  return null;
}

/**
 * Where a failed deploy switches back to: the release that served before it when that one is
 * good (after a rollback to v1, v1 passed its gate later than v2 did: users were on v1), else
 * the newest good release.
 */
export function restoreTarget(
  releases: ReleaseInfo[],
  current: string | null,
  exclude: string
): ReleaseInfo | null {
  const serving = releases.find(r => r.id === current && r.id !== exclude);
  return serving?.status === 'good' ? serving : lastGoodRelease(releases, exclude);
}

/**
 * `rollback --to previous`: the last good release before the current one; never a bad one.
 * When the current release has no good verdict (it failed, was interrupted or never gated),
 * the newest good release that is not current.
 */
export function previousGoodRelease(releases: ReleaseInfo[], current: string | null): ReleaseInfo | null {
  const index = current === null ? -1 : releases.findIndex(r => r.id === current);
  if (index === -1 || releases[index].status !== 'good') return lastGoodRelease(releases, current);
  return lastGoodRelease(releases.slice(0, index), current);
}

/**
 * Which releases to delete. `keep` counts good releases only. Never removed: the current
 * release, the last good release (the one a rollback needs), the newest `keep` good ones,
 * and failed or unverified releases newer than the oldest kept good one (evidence).
 */
export function planPrune(releases: ReleaseInfo[], current: string | null, keep: number): string[] {
  const good = releases.filter(r => r.status === 'good');
  const keptGood = good.slice(-keep);
  const protectedIds = new Set<string>(keptGood.map(r => r.id));
  if (current) protectedIds.add(current);
  const lastGood = lastGoodRelease(releases, current);
  if (lastGood) protectedIds.add(lastGood.id);
  const oldestKept = keptGood[0]?.createdAt ?? '';
  return releases
    .filter(r => !protectedIds.has(r.id))
    .filter(r => r.status === 'good' || r.createdAt < oldestKept || r.createdAt === '')
    .map(r => r.id);
}
