/**
 * The record of releases on ECS, kept on AWS itself as tags (pure encoding here):
 * - each revision shipgate registered carries its release id, commit, who deployed it and when,
 *   the verdict of its deploy gate, and the last restore or rollback that gated it;
 * - the service carries the deploy lock: owner, run, machine, process, taken and expiry times.
 * Tag values keep to the characters every AWS service accepts (letters, digits, spaces, _ . : / = + - @)
 * and 256 characters.
 */
import { HistoryEntry, HistoryVerdict } from '../../release/history.js';
import { LockOwner } from '../../release/ports.js';

export const TAG = {
  release: 'shipgate:release',
  commit: 'shipgate:commit',
  actor: 'shipgate:actor',
  run: 'shipgate:run',
  deployedAt: 'shipgate:deployed-at',
  /** `<verdict> <durationMs> <reason>` of the deploy gate */
  deploy: 'shipgate:deploy',
  /** `<at> <action> <verdict> <durationMs> <reason>` of the last restore or rollback */
  last: 'shipgate:last',
  lock: 'shipgate:lock'
} as const;

export interface Tag {
  key?: string;
  value?: string;
}

/** A value AWS accepts: disallowed characters become spaces, at most 256 characters. */
export function tagSafe(text: string): string {
  return text
    .replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, 256);
}

const get = (tags: Tag[], key: string): string | null => tags.find(t => t.key === key)?.value ?? null;
const VERDICTS = new Set(['pass', 'fail', 'unverified', 'interrupted']);
const ACTIONS = new Set(['restore', 'rollback']);

/** The tags a new revision is registered with. */
export function releaseTags(
  release: string,
  who: { actor: string; commit: string | null; runId: string | null },
  at: string
): Array<{ key: string; value: string }> {
  const tags: Array<{ key: string; value: string }> = [
    { key: TAG.release, value: release },
    { key: TAG.actor, value: tagSafe(who.actor) || 'unknown' },
    { key: TAG.deployedAt, value: at }
  ];
  if (who.commit) tags.push({ key: TAG.commit, value: tagSafe(who.commit) });
  if (who.runId) tags.push({ key: TAG.run, value: tagSafe(who.runId) });
  return tags;
}

/** The tags that record one history entry on its revision. */
export function entryTags(entry: HistoryEntry): Array<{ key: string; value: string }> {
  const tail = `${entry.verdict} ${Math.max(0, Math.round(entry.durationMs))} ${entry.reason}`;
  if (entry.action === 'deploy') {
    return [
      { key: TAG.deploy, value: tagSafe(tail) || entry.verdict },
      { key: TAG.deployedAt, value: entry.at }
    ];
  }
  return [{ key: TAG.last, value: tagSafe(`${entry.at} ${entry.action} ${tail}`) }];
}

/** The history a revision's tags tell: its deploy, and its last restore or rollback. */
export function entriesFromTags(tags: Tag[]): HistoryEntry[] {
  const release = get(tags, TAG.release);
  if (!release) return [];
  const base = {
    release,
    previousRelease: null,
    actor: get(tags, TAG.actor) ?? 'unknown',
    commit: get(tags, TAG.commit),
    runId: get(tags, TAG.run)
  };
  const entries: HistoryEntry[] = [];
  const at = get(tags, TAG.deployedAt);
  const deploy = get(tags, TAG.deploy);
  if (at && deploy) {
    const [verdict, duration, ...reason] = deploy.split(' ');
    if (VERDICTS.has(verdict))
      entries.push({
        ...base,
        at,
        action: 'deploy',
        verdict: verdict as HistoryVerdict,
        reason: reason.join(' '),
        durationMs: Number(duration) || 0
      });
  }
  const last = get(tags, TAG.last);
  if (last) {
    const [lastAt, action, verdict, duration, ...reason] = last.split(' ');
    if (!Number.isNaN(Date.parse(lastAt)) && ACTIONS.has(action) && VERDICTS.has(verdict))
      entries.push({
        ...base,
        at: lastAt,
        action: action as HistoryEntry['action'],
        verdict: verdict as HistoryVerdict,
        reason: reason.join(' '),
        durationMs: Number(duration) || 0
      });
  }
  return entries;
}

/** `<createdAt> <expiresAt> <pid> <hostname> <runId|-> <owner...>` */
export function lockValue(owner: LockOwner): string {
  return tagSafe(
    [
      owner.createdAt,
      owner.expiresAt,
      owner.pid,
      tagSafe(owner.hostname).replace(/ /g, '_') || '-',
      owner.runId ? tagSafe(owner.runId).replace(/ /g, '_') : '-',
      owner.owner
    ].join(' ')
  );
}

export function parseLockValue(value: string | null): LockOwner | null {
  if (!value) return null;
  const [createdAt, expiresAt, pid, hostname, runId, ...owner] = value.split(' ');
  if (Number.isNaN(Date.parse(createdAt ?? ''))) return null;
  return {
    createdAt,
    expiresAt: expiresAt ?? '',
    pid: Number(pid) || 0,
    hostname: hostname === '-' ? '' : (hostname ?? ''),
    runId: !runId || runId === '-' ? null : runId,
    owner: owner.join(' ') || 'unknown'
  };
}
