/**
 * The post step of a cancelled run: main was killed while a release took traffic without a
 * verdict. Finish what main could not: record it as interrupted, switch back to the last good
 * release and prove it serves, free the lock.
 */
import { GateConfig } from '../gate/config.js';
import { Platform } from './ports.js';
import { activateAndGate, entry, freeLock, Identity, Reporter, takeLock } from './steps.js';

export interface Unfinished {
  release: string;
  restoreTo: string | null;
}

export async function finishInterrupted(
  platform: Platform,
  unfinished: Unfinished,
  lockCreatedAt: string | null,
  request: Identity & { gate: GateConfig; lockTtlMs: number },
  reporter: Reporter
): Promise<string> {
  const inventory = await platform.inventory();
  if (inventory.current !== unfinished.release)
    return `${unfinished.release} no longer serves (current is ${inventory.current ?? 'nothing'}): nothing to finish`;
  const lock =
    (lockCreatedAt ? await platform.store.adopt(lockCreatedAt) : null) ??
    (await takeLock(platform, request, reporter));
  try {
    await platform.store.append(
      entry(request, {
        action: 'deploy',
        release: unfinished.release,
        previousRelease: null,
        verdict: 'interrupted',
        reason: 'the run was cancelled before a verdict',
        durationMs: 0
      })
    );
    if (!unfinished.restoreTo)
      return `${unfinished.release} was interrupted and stays current: no good release to switch back to`;
    const start = performance.now();
    const activation = await activateAndGate(
      platform,
      unfinished.restoreTo,
      request.gate,
      'restore',
      reporter,
      {
        quick: true
      }
    );
    const ok = activation.gate.verdict === 'pass';
    await platform.store.append(
      entry(request, {
        action: 'restore',
        release: unfinished.restoreTo,
        previousRelease: unfinished.release,
        verdict: ok ? 'unverified' : 'fail',
        reason: ok
          ? `switched back by the post step of a cancelled run: ${activation.gate.reason}`
          : activation.gate.reason,
        durationMs: Math.round(performance.now() - start)
      })
    );
    return ok
      ? `the run was cancelled while ${unfinished.release} was being gated: switched back to ${unfinished.restoreTo}, which serves again`
      : `the run was cancelled while ${unfinished.release} was being gated; switching back to ${unfinished.restoreTo} FAILED: ${activation.gate.reason}`;
  } finally {
    await freeLock(lock, reporter);
  }
}
