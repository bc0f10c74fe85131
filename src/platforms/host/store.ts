/**
 * The host's release store: `.shipgate/history.jsonl` and the `mkdir` lock. The history is read
 * from its tail only and compacted when it grows, so a huge or damaged file never stops a deploy.
 */
import { OperationError } from '../../errors.js';
import { HistoryEntry, isFutureDated, parseHistory } from '../../release/history.js';
import { HeldLock, LockOwner, LockRequest, ReleaseStore } from '../../release/ports.js';
import { abandonedBecause, isAlive } from '../../release/lock.js';
import { fsOps } from './fs-ops.js';
import { Layout } from './layout.js';
import { Host } from './transport/host.js';
import { plural } from '../../util/text.js';

/** What is read of the history: enough for thousands of deploys, bounded whatever the file holds. */
export const HISTORY_TAIL_BYTES = 1024 * 1024;
/** Past this size the history is compacted: the last entry of every release plus the recent lines. */
export const HISTORY_ROTATE_BYTES = 2 * 1024 * 1024;
const RECENT_LINES = 2000;

export { abandonedBecause };

export function parseLockOwner(text: string | null): LockOwner | null {
  if (!text) return null;
  try {
    const owner = JSON.parse(text) as LockOwner;
    return owner && typeof owner.createdAt === 'string' ? owner : null;
  } catch {
    return null;
  }
}

export class HostStore implements ReleaseStore {
  readonly description: string;
  constructor(
    private readonly host: Host,
    private readonly layout: Layout,
    private readonly thisHost: string
  ) {
    this.description = `${layout.root} on ${host.description}`;
  }

  async readOwner(): Promise<LockOwner | null> {
    return parseLockOwner(await this.host.readFile(`${this.layout.lock}/owner.json`));
  }

  /** Removes the lock only when it is still the one taken at `createdAt`: a lock broken and re-taken by another run is not ours. */
  async releaseLock(createdAt: string): Promise<boolean> {
    const owner = await this.readOwner();
    if (owner?.createdAt !== createdAt) return false;
    await fsOps.remove(this.host, this.layout.lock);
    return true;
  }

  /**
   * One deploy at a time per path: `mkdir` of the lock directory is the atomic test-and-set on
   * every host. A lock older than the expiry, past its own expiry, or whose owner process is
   * gone from this machine is broken with a warning naming its owner; a live lock makes the
   * second deploy exit 3 at once (CI concurrency groups are the place to queue).
   */
  async lock(request: LockRequest): Promise<HeldLock> {
    const ownerFile = `${this.layout.lock}/owner.json`;
    await fsOps.mkdirp(this.host, this.layout.meta);
    for (let attempt = 0; attempt < 2; attempt++) {
      const created = new Date();
      const record: LockOwner = {
        ...request.owner,
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + request.ttlMs).toISOString()
      };
      request.beforeTake?.(record.createdAt);
      if (await fsOps.tryMkdir(this.host, this.layout.lock)) {
        await this.host.writeFile(ownerFile, JSON.stringify(record));
        return { createdAt: record.createdAt, release: () => this.releaseLock(record.createdAt) };
      }
      const held = await this.readOwner();
      const who = held
        ? `${held.owner}${held.runId ? ` (run ${held.runId})` : ''}${held.hostname ? ` on ${held.hostname}` : ''}, pid ${held.pid}, taken ${held.createdAt}`
        : 'an unknown owner';
      const why = abandonedBecause(held, request.ttlMs, new Date(), isAlive, this.thisHost);
      if (!why) {
        throw new OperationError(
          `${this.layout.root} is locked by ${who} until ${held!.expiresAt}: another deploy is running. Nothing was changed.`
        );
      }
      request.warn(`breaking the deploy lock on ${this.layout.root} held by ${who}: ${why}`);
      await fsOps.remove(this.host, this.layout.lock);
    }
    throw new OperationError(`could not take the deploy lock on ${this.layout.root}`);
  }

  async adopt(createdAt: string): Promise<HeldLock | null> {
    const owner = await this.readOwner();
    if (owner?.createdAt !== createdAt) return null;
    return { createdAt, release: () => this.releaseLock(createdAt) };
  }

  async isLocked(): Promise<LockOwner | null> {
    if (!(await fsOps.exists(this.host, this.layout.lock))) return null;
    return (
      (await this.readOwner()) ?? {
        owner: 'unknown',
        runId: null,
        pid: 0,
        hostname: '',
        createdAt: '',
        expiresAt: ''
      }
    );
  }

  async history(warn: (message: string) => void): Promise<HistoryEntry[]> {
    const tail = await fsOps.tail(this.host, this.layout.history, HISTORY_TAIL_BYTES);
    if (!tail) return [];
    let text = tail.text;
    // a tail cut mid-line: drop the partial first line
    if (tail.size > HISTORY_TAIL_BYTES) text = text.slice(text.indexOf('\n') + 1);
    const { entries, skipped } = parseHistory(text);
    if (skipped > 0)
      warn(
        `${this.layout.history}: skipped ${plural(skipped, 'line')} that are not history entries (damaged or edited by hand)`
      );
    const now = new Date();
    const future = entries.filter(e => isFutureDated(e, now));
    if (future.length > 0)
      warn(
        `${this.layout.history}: ${future.length} entr${future.length === 1 ? 'y is' : 'ies are'} dated in the future (${future[0].at}); the target's or this machine's clock is wrong`
      );
    return entries;
  }

  async append(entry: HistoryEntry): Promise<void> {
    const size = await fsOps.append(this.host, this.layout.history, JSON.stringify(entry));
    if (size > HISTORY_ROTATE_BYTES) await this.compact();
  }

  /** Keeps the last entry of every release and the recent lines; the old file stays as history.1.jsonl. */
  private async compact(): Promise<void> {
    const tail = await fsOps.tail(this.host, this.layout.history, HISTORY_TAIL_BYTES);
    if (!tail) return;
    const { entries } = parseHistory(tail.text.slice(tail.text.indexOf('\n') + 1));
    // what the statuses need: each release's deploy entry (when, commit, who) and its last verdict
    const needed = new Set<HistoryEntry>();
    const lastOf = new Map<string, HistoryEntry>();
    const deployOf = new Map<string, HistoryEntry>();
    for (const e of entries) {
      lastOf.set(e.release, e);
      if (e.action === 'deploy') deployOf.set(e.release, e);
    }
    for (const e of [...lastOf.values(), ...deployOf.values(), ...entries.slice(-RECENT_LINES)])
      needed.add(e);
    const kept = entries.filter(e => needed.has(e));
    await fsOps.remove(this.host, `${this.layout.meta}/history.1.jsonl`);
    await this.host.exec(['mv', '-f', '--', this.layout.history, `${this.layout.meta}/history.1.jsonl`]);
    await this.host.writeFile(this.layout.history, kept.map(e => JSON.stringify(e)).join('\n') + '\n');
  }
}
