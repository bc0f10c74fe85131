import { OperationError } from '../../errors.js';
import { fsOps, Host } from './transport/host.js';
import { Layout } from './layout.js';

/** Call it to release the lock; `createdAt` identifies this holder (for the post step). */
export type HeldLock = (() => Promise<boolean>) & { createdAt: string };

/** Removes the lock only when it is still the one taken at `createdAt`: a lock broken and re-taken by another run is not ours. */
export async function releaseLock(host: Host, layout: Layout, createdAt: string): Promise<boolean> {
  const text = await host.readFile(`${layout.lock}/owner.json`);
  let owner: LockOwner | null = null;
  try {
    owner = text ? (JSON.parse(text) as LockOwner) : null;
  } catch {
    owner = null;
  }
  if (owner?.createdAt !== createdAt) return false;
  await fsOps.remove(host, layout.lock);
  return true;
}

export interface LockOwner {
  owner: string;
  runId: string | null;
  pid: number;
  createdAt: string;
  expiresAt: string;
}

/**
 * One deploy at a time per path: `mkdir` of the lock directory is the atomic test-and-set on
 * every host. A lock past its expiry is broken with a warning naming its owner; a live lock
 * makes the second deploy exit 3 at once (CI concurrency groups are the place to queue).
 */
export async function acquireLock(
  host: Host,
  layout: Layout,
  owner: Omit<LockOwner, 'createdAt' | 'expiresAt'>,
  ttlMs: number,
  warn: (message: string) => void,
  now: () => Date = () => new Date(),
  /** Told the createdAt of the lock about to be taken, before it is: a run killed in between still lets its post step free it. */
  beforeTake?: (createdAt: string) => void
): Promise<HeldLock> {
  const ownerFile = `${layout.lock}/owner.json`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = now();
    const record: LockOwner = {
      ...owner,
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + ttlMs).toISOString()
    };
    beforeTake?.(record.createdAt);
    if (await fsOps.tryMkdir(host, layout.lock)) {
      await host.writeFile(ownerFile, JSON.stringify(record));
      return Object.assign(() => releaseLock(host, layout, record.createdAt), {
        createdAt: record.createdAt
      });
    }
    const text = await host.readFile(ownerFile);
    let held: LockOwner | null = null;
    try {
      held = text ? (JSON.parse(text) as LockOwner) : null;
    } catch {
      held = null;
    }
    const expired = held ? new Date(held.expiresAt).getTime() <= now().getTime() : true;
    const who = held
      ? `${held.owner}${held.runId ? ` (run ${held.runId})` : ''}, taken ${held.createdAt}`
      : 'an unknown owner (no owner file)';
    if (!expired) {
      throw new OperationError(
        `${layout.root} is locked by ${who} until ${held!.expiresAt}: another deploy is running. Nothing was changed.`
      );
    }
    warn(
      `breaking an expired deploy lock on ${layout.root} held by ${who}${held ? `, expired ${held.expiresAt}` : ''}`
    );
    await fsOps.remove(host, layout.lock);
  }
  throw new OperationError(`could not take the deploy lock on ${layout.root}`);
}
