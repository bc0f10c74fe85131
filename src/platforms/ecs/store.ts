/**
 * The ECS release store: the history on the revisions' tags, the lock on the service's tags
 * (tags.ts has the encoding). Tagging is not a compare-and-set, so a lock is written, left to
 * settle, and read back: of two runs that take it in the same moment, the one whose value is
 * not there backs off (exit 3). The workflows' concurrency group is the first line; this one
 * holds across workflows, repositories and laptops.
 */
import { OperationError } from '../../errors.js';
import { HistoryEntry } from '../../release/history.js';
import { abandonedBecause, isAlive } from '../../release/lock.js';
import { HeldLock, LockOwner, LockRequest, ReleaseStore } from '../../release/ports.js';
import { EcsApi, familyOf, revisionOf, Tag } from './api.js';
import { entriesFromTags, entryTags, lockValue, parseLockValue, TAG } from './tags.js';

/** How many of a family's newest revisions are read: enough for any `keep`, bounded whatever the family holds. */
export const REVISIONS_READ = 50;

export interface Revision {
  arn: string;
  revision: number;
  /** The release id tag, or null for a revision shipgate did not register. */
  release: string | null;
  tags: Tag[];
}

/** The service and its family's revisions, read once per command and updated as the run changes them. */
export class EcsRecords {
  private servicePromise: ReturnType<EcsApi['describeService']> | null = null;
  private revisionsPromise: Promise<Revision[]> | null = null;

  constructor(readonly api: EcsApi) {}

  service(fresh = false): ReturnType<EcsApi['describeService']> {
    if (fresh || !this.servicePromise) this.servicePromise = this.api.describeService();
    return this.servicePromise;
  }

  revisions(): Promise<Revision[]> {
    this.revisionsPromise ??= this.readRevisions();
    return this.revisionsPromise;
  }

  private async readRevisions(): Promise<Revision[]> {
    const current = (await this.service()).taskDefinition ?? '';
    const arns = (await this.api.listRevisions(familyOf(current), 100)).slice(0, REVISIONS_READ);
    if (current && !arns.includes(current)) arns.push(current);
    const out: Revision[] = [];
    for (let i = 0; i < arns.length; i += 10) {
      const batch = arns.slice(i, i + 10);
      const tags = await Promise.all(batch.map(arn => this.api.tagsOf(arn)));
      batch.forEach((arn, j) =>
        out.push({
          arn,
          revision: revisionOf(arn),
          release: tags[j].find(t => t.key === TAG.release)?.value ?? null,
          tags: tags[j]
        })
      );
    }
    return out.sort((a, b) => a.revision - b.revision);
  }

  async add(revision: Revision): Promise<void> {
    (await this.revisions()).push(revision);
  }

  async forget(arn: string): Promise<void> {
    const list = await this.revisions();
    const i = list.findIndex(r => r.arn === arn);
    if (i >= 0) list.splice(i, 1);
  }

  /** The newest revision that carries this release id. */
  async arnOf(release: string): Promise<string | null> {
    const list = await this.revisions();
    for (let i = list.length - 1; i >= 0; i--) if (idOf(list[i]) === release) return list[i].arn;
    return null;
  }
}

/** A revision's release id: its tag, or `<family>.<revision>` for one shipgate did not register. */
export function idOf(revision: Revision): string {
  if (revision.release) return revision.release;
  const family = familyOf(revision.arn);
  return family.length <= 54 ? `${family}.${revision.revision}` : `revision.${revision.revision}`;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export class EcsStore implements ReleaseStore {
  readonly description: string;

  constructor(
    private readonly records: EcsRecords,
    private readonly thisHost: string,
    /** How long a written lock is left before it is read back. */
    private readonly settleMs = 1000
  ) {
    this.description = `service ${records.api.service} in cluster ${records.api.cluster}`;
  }

  private async serviceArn(): Promise<string> {
    const arn = (await this.records.service()).serviceArn;
    if (!arn) throw new OperationError(`AWS ecs:DescribeServices gave no ARN for ${this.description}`);
    return arn;
  }

  async readLock(): Promise<{ value: string | null; owner: LockOwner | null }> {
    const value =
      (await this.records.api.tagsOf(await this.serviceArn())).find(t => t.key === TAG.lock)?.value ?? null;
    return { value, owner: parseLockValue(value) };
  }

  async lock(request: LockRequest): Promise<HeldLock> {
    const arn = await this.serviceArn();
    for (let attempt = 0; attempt < 2; attempt++) {
      const held = await this.readLock();
      if (held.value) {
        const who = describeOwner(held.owner);
        const why = abandonedBecause(held.owner, request.ttlMs, new Date(), isAlive, this.thisHost);
        if (!why)
          throw new OperationError(
            `${this.description} is locked by ${who} until ${held.owner?.expiresAt}: another deploy is running. Nothing was changed.`
          );
        request.warn(`breaking the deploy lock on ${this.description} held by ${who}: ${why}`);
      }
      const created = new Date();
      const record: LockOwner = {
        ...request.owner,
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + request.ttlMs).toISOString()
      };
      const value = lockValue(record);
      request.beforeTake?.(record.createdAt);
      await this.records.api.tag(arn, [{ key: TAG.lock, value }]);
      await sleep(this.settleMs);
      const after = await this.readLock();
      if (after.value === value)
        return { createdAt: record.createdAt, release: () => this.releaseLock(record.createdAt) };
      if (after.value && after.owner)
        throw new OperationError(
          `${this.description} was locked by ${describeOwner(after.owner)} in the same moment: another deploy is running. Nothing was changed.`
        );
    }
    throw new OperationError(`could not take the deploy lock on ${this.description}`);
  }

  /** Removes the lock only while it is still the one taken at `createdAt`. */
  async releaseLock(createdAt: string): Promise<boolean> {
    const held = await this.readLock();
    if (held.owner?.createdAt !== createdAt) return false;
    await this.records.api.untag(await this.serviceArn(), [TAG.lock]);
    return true;
  }

  async adopt(createdAt: string): Promise<HeldLock | null> {
    const held = await this.readLock();
    if (held.owner?.createdAt !== createdAt) return null;
    return { createdAt, release: () => this.releaseLock(createdAt) };
  }

  async history(): Promise<HistoryEntry[]> {
    const revisions = await this.records.revisions();
    return revisions.flatMap(r => entriesFromTags(r.tags)).sort((a, b) => a.at.localeCompare(b.at));
  }

  async append(entry: HistoryEntry): Promise<void> {
    const arn = await this.records.arnOf(entry.release);
    if (!arn)
      throw new OperationError(
        `no task definition revision carries release ${entry.release}: its verdict could not be recorded`
      );
    const tags = entryTags(entry);
    await this.records.api.tag(arn, tags);
    const revision = (await this.records.revisions()).find(r => r.arn === arn);
    if (revision) {
      // a revision shipgate did not register gets its id when it is first gated
      const all = revision.release ? tags : [...tags, { key: TAG.release, value: entry.release }];
      if (!revision.release) await this.records.api.tag(arn, all.slice(-1));
      revision.release = entry.release;
      revision.tags = [...revision.tags.filter(t => !all.some(n => n.key === t.key)), ...all];
    }
  }
}

function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'an unknown owner';
  return `${owner.owner}${owner.runId ? ` (run ${owner.runId})` : ''}${owner.hostname ? ` on ${owner.hostname}` : ''}, pid ${owner.pid}, taken ${owner.createdAt}`;
}
