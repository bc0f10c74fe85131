/**
 * history.jsonl is the one record of what happened on a host: one JSON line per gated
 * action. Release statuses are derived from it (pure functions below), never stored twice.
 */
export type ReleaseStatus = 'good' | 'bad' | 'unverified';

export interface HistoryEntry {
  at: string;
  /** deploy: a new release; restore: automatic switch back after a failed deploy; rollback: on demand. */
  action: 'deploy' | 'restore' | 'rollback';
  release: string;
  previousRelease: string | null;
  verdict: 'pass' | 'fail' | 'unverified';
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
  lastVerdict: HistoryEntry['verdict'] | null;
  lastReason: string | null;
}

export function parseHistory(text: string | null): HistoryEntry[] {
  if (!text) return [];
  const entries: HistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      if (entry && typeof entry.release === 'string' && typeof entry.at === 'string') entries.push(entry);
    } catch {
      // a torn last line (a killed run) is skipped, not fatal
    }
  }
  return entries;
}

/**
 * The releases present on the host, oldest first, with their status: the verdict of the
 * last gate that ran on each (a release restored or rolled back to is gated again).
 */
export function describeReleases(present: string[], history: HistoryEntry[]): ReleaseInfo[] {
  const infos = new Map<string, ReleaseInfo>();
  for (const entry of history) {
    if (!present.includes(entry.release)) continue;
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
    info.status = entry.verdict === 'pass' ? 'good' : entry.verdict === 'fail' ? 'bad' : 'unverified';
    infos.set(entry.release, info);
  }
  for (const id of present) {
    if (!infos.has(id)) {
      infos.set(id, {
        id,
        status: 'unverified',
        createdAt: '',
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

/** `rollback --to previous`: the last good release before the current one; never a bad one. */
export function previousGoodRelease(releases: ReleaseInfo[], current: string | null): ReleaseInfo | null {
  const index = current === null ? -1 : releases.findIndex(r => r.id === current);
  const before = index === -1 ? releases : releases.slice(0, index);
  return lastGoodRelease(before, current);
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
