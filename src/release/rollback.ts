/**
 * A rollback is not a primitive of its own: it activates a release that is already on the
 * target, gates it like a deploy, and records it. Which release: pure choice below.
 */
import { ConfigurationError, OperationError } from '../errors.js';
import { GateConfig } from '../gate/config.js';
import { interruption } from './deploy.js';
import { previousGoodRelease, ReleaseInfo } from './history.js';
import { ReleaseOutcome, rollbackMessage } from './outcome.js';
import { Platform } from './ports.js';
import {
  activateAndGate,
  collectEvidence,
  entry,
  freeLock,
  Identity,
  readState,
  Reporter,
  since,
  takeLock,
  TargetState
} from './steps.js';

export interface RollbackRequest extends Identity {
  /** `previous`, or a release id. */
  to: string;
  gate: GateConfig;
  lockTtlMs: number;
}

export interface RollbackChoice {
  release: ReleaseInfo;
  /** Named although it failed its gate before: the caller warns. */
  wasBad: boolean;
}

/** `previous`: the last good release before current (never a bad one); an id: that release. */
export function chooseRollback(
  state: Pick<TargetState, 'current' | 'releases'>,
  to: string,
  where: string
): RollbackChoice {
  let chosen: ReleaseInfo | null;
  if (to === 'previous') {
    chosen = previousGoodRelease(state.releases, state.current);
    if (!chosen) {
      throw new OperationError(
        `no good release other than ${state.current ?? '(none)'} on ${where} to roll back to; current is unchanged`
      );
    }
  } else {
    chosen = state.releases.find(r => r.id === to) ?? null;
    if (!chosen)
      throw new ConfigurationError(`no release '${to}' on ${where} (see 'shipgate releases')`, 'to');
  }
  if (chosen.id === state.current)
    throw new ConfigurationError(`release '${chosen.id}' is already current`, 'to');
  return { release: chosen, wasBad: chosen.status === 'bad' || chosen.status === 'interrupted' };
}

export async function rollback(
  platform: Platform,
  request: RollbackRequest,
  reporter: Reporter
): Promise<ReleaseOutcome> {
  await platform.preflight(reporter.log);
  const lock = await takeLock(platform, request, reporter);
  try {
    const state = await readState(platform, reporter.warn);
    const { release: chosen, wasBad } = chooseRollback(state, request.to, platform.description);
    if (wasBad)
      reporter.warn(
        `release ${chosen.id} did not pass its gate before; rolling back to it because it was named explicitly`
      );
    // a release that cannot start (its process config does not load) is refused before anything moves
    await platform.checkActivatable(chosen.id);

    const start = performance.now();
    const activation = await activateAndGate(platform, chosen.id, request.gate, 'rollback', reporter);
    const rollbackMs = since(start);
    const gate = activation.gate;
    const stopped = interruption(reporter.signal);
    await platform.store.append(
      entry(request, {
        action: 'rollback',
        release: chosen.id,
        previousRelease: state.current,
        verdict: stopped ? 'unverified' : gate.verdict,
        reason: stopped ? `switched; the gate was interrupted by ${stopped}` : gate.reason,
        durationMs: rollbackMs
      })
    );
    const evidence =
      gate.verdict === 'fail' && !stopped ? await collectEvidence(platform, chosen.id, reporter) : null;
    return {
      command: 'rollback',
      release: chosen.id,
      commit: chosen.commit,
      previousRelease: state.current,
      afterFailedDeploy: false,
      verdict: gate.verdict,
      rolledBack: true,
      restoredRelease: chosen.id,
      restoredCommit: chosen.commit,
      gate,
      restoreGate: null,
      timings: {
        uploadMs: 0,
        switchMs: activation.switchMs,
        gateMs: Math.max(0, rollbackMs - activation.switchMs),
        rollbackMs
      },
      evidence,
      interrupted: stopped,
      facts: activation.facts ?? {},
      message: stopped
        ? `rollback to ${chosen.id} interrupted by ${stopped}: it serves, its gate did not finish`
        : rollbackMessage(chosen.id, gate)
    };
  } finally {
    await freeLock(lock, reporter);
  }
}
