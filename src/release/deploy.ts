/**
 * The one deploy algorithm, for every platform: lock, stage, activate and gate, record, then
 * prune on a pass or restore the last good release on a failure. An interrupted run (SIGINT,
 * SIGTERM) restores what it switched before it stops.
 */
import { ConfigurationError, InterruptedError, messageOf, OperationError } from '../errors.js';
import { GateConfig } from '../gate/config.js';
import { planPrune, restoreTarget } from './history.js';
import {
  deployFailedMessage,
  deployPassedMessage,
  failedGate,
  Interruption,
  interruptedMessage,
  ReleaseOutcome
} from './outcome.js';
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
  withChanges
} from './steps.js';

export interface DeployRequest extends Identity {
  releaseId: string;
  keep: number;
  rollbackOnFailure: boolean;
  gate: GateConfig;
  lockTtlMs: number;
}

export function interruption(signal: AbortSignal | undefined): Interruption | null {
  if (!signal?.aborted) return null;
  return signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}

/** Refuses an id the target already has: a redeploy never overwrites or removes a release. */
export function refuseExisting(
  releaseId: string,
  state: { current: string | null; releases: Array<{ id: string; status: string }> },
  where: string
): void {
  const existing = state.releases.find(r => r.id === releaseId);
  if (releaseId === state.current || existing) {
    const what = releaseId === state.current ? 'is the current release' : `exists (${existing?.status})`;
    throw new ConfigurationError(
      `release '${releaseId}' ${what} on ${where}: a deploy never replaces a release. Pick a new id, or use 'shipgate rollback --to ${releaseId}' to switch to it.`,
      'release'
    );
  }
}

export async function deploy(
  platform: Platform,
  request: DeployRequest,
  reporter: Reporter
): Promise<ReleaseOutcome> {
  const { releaseId } = request;
  const who: Identity = { actor: request.actor, commit: request.commit, runId: request.runId };
  await platform.preflight(reporter.log);
  const lock = await takeLock(platform, request, reporter);
  try {
    const before = await readState(platform, reporter.warn);
    refuseExisting(releaseId, before, platform.description);
    const lastDeploy = before.history.filter(e => e.action === 'deploy').at(-1);
    const afterFailedDeploy = lastDeploy?.verdict === 'fail' || lastDeploy?.verdict === 'interrupted';

    const uploadStart = performance.now();
    try {
      await platform.stage(releaseId, reporter.log);
      const stopped = interruption(reporter.signal);
      if (stopped) throw new InterruptedError(stopped, interruptedMessage(releaseId, stopped, null, false));
    } catch (error) {
      await platform
        .discardStaged(releaseId)
        .catch(e => reporter.warn(`could not remove the unfinished release ${releaseId}: ${messageOf(e)}`));
      // an upload or install stopped by the interrupt is the interrupt, not a failed step
      const stopped = interruption(reporter.signal);
      if (stopped && !(error instanceof InterruptedError))
        throw new InterruptedError(stopped, interruptedMessage(releaseId, stopped, null, false));
      if (
        error instanceof ConfigurationError ||
        error instanceof OperationError ||
        error instanceof InterruptedError
      )
        throw error;
      throw new OperationError(
        `the release could not be prepared, nothing was switched: ${messageOf(error)}`
      );
    }
    const uploadMs = since(uploadStart);

    const staged = withChanges(before, { added: [{ id: releaseId, madeAt: new Date().toISOString() }] });
    const restoreTo = restoreTarget(staged.releases, before.current, releaseId)?.id ?? null;
    reporter.switching?.({ release: releaseId, restoreTo });

    const gateStart = performance.now();
    const activation = await activateAndGate(platform, releaseId, request.gate, 'deploy', reporter);
    const gateMs = Math.max(0, since(gateStart) - activation.switchMs);
    const gate = activation.gate;
    const base = {
      command: 'deploy' as const,
      release: releaseId,
      commit: request.commit,
      previousRelease: before.current,
      afterFailedDeploy,
      gate,
      facts: activation.facts ?? {}
    };
    const stopped = interruption(reporter.signal);

    if (stopped) {
      const recorded = entry(who, {
        action: 'deploy',
        release: releaseId,
        previousRelease: before.current,
        verdict: 'interrupted',
        reason: `interrupted by ${stopped} during the gate`,
        durationMs: uploadMs + activation.switchMs + gateMs
      });
      await platform.store.append(recorded);
      const restored = restoreTo
        ? await restoreQuickly(platform, restoreTo, request, reporter, who, releaseId)
        : null;
      reporter.switching?.(null);
      return {
        ...base,
        verdict: 'fail',
        rolledBack: restored !== null,
        restoredRelease: restored?.release ?? null,
        restoredCommit: restored ? commitOf(staged, restored.release) : null,
        restoreGate: restored?.gate ?? null,
        timings: { uploadMs, switchMs: activation.switchMs, gateMs, rollbackMs: restored?.ms ?? null },
        evidence: null,
        interrupted: stopped,
        message: interruptedMessage(
          releaseId,
          stopped,
          restored
            ? {
                release: restored.release,
                ok: restored.gate.verdict === 'pass',
                reason: restored.gate.reason
              }
            : null,
          true
        )
      };
    }

    const deployed = entry(who, {
      action: 'deploy',
      release: releaseId,
      previousRelease: before.current,
      verdict: gate.verdict,
      reason: gate.reason,
      durationMs: uploadMs + activation.switchMs + gateMs
    });
    await platform.store.append(deployed);
    const after = withChanges(staged, { entries: [deployed], current: releaseId });

    if (gate.verdict === 'pass') {
      reporter.switching?.(null);
      await platform
        .sealPassed?.(releaseId, reporter.log)
        ?.catch(error =>
          reporter.warn(`could not record the files of ${releaseId} for later restores: ${messageOf(error)}`)
        );
      await platform
        .remember?.()
        ?.catch(error =>
          reporter.warn(`could not remember the settings of this deploy on the target: ${messageOf(error)}`)
        );
      const pruned = planPrune(after.releases, releaseId, request.keep);
      if (pruned.length) {
        await platform
          .discard(pruned, reporter.log)
          .catch(error => reporter.warn(`could not remove old releases: ${messageOf(error)}`));
      }
      return {
        ...base,
        verdict: 'pass',
        rolledBack: false,
        restoredRelease: null,
        restoredCommit: null,
        restoreGate: null,
        timings: { uploadMs, switchMs: activation.switchMs, gateMs, rollbackMs: null },
        evidence: null,
        interrupted: null,
        message: deployPassedMessage(releaseId, gate)
      };
    }

    const evidence = await collectEvidence(platform, releaseId, reporter);
    const failed = {
      ...base,
      verdict: 'fail' as const,
      evidence,
      interrupted: null,
      timings: { uploadMs, switchMs: activation.switchMs, gateMs, rollbackMs: null }
    };
    if (!request.rollbackOnFailure || !restoreTo) {
      if (request.rollbackOnFailure)
        reporter.warn(`no release passed its gate before ${releaseId}: nothing to roll back to`);
      reporter.switching?.(null);
      return {
        ...failed,
        rolledBack: false,
        restoredRelease: null,
        restoredCommit: null,
        restoreGate: null,
        message: deployFailedMessage(releaseId, gate, evidence, {
          kind: request.rollbackOnFailure ? 'none' : 'off'
        })
      };
    }

    const rollbackStart = performance.now();
    reporter.log(`rollback: switching back to ${restoreTo}, the last release that passed its gate`);
    const restore = await activateAndGate(platform, restoreTo, request.gate, 'restore', reporter);
    const rollbackMs = since(rollbackStart);
    const restoreStopped = interruption(reporter.signal);
    await platform.store.append(
      entry(who, {
        action: 'restore',
        release: restoreTo,
        previousRelease: releaseId,
        verdict: restoreStopped ? 'unverified' : restore.gate.verdict,
        reason: restoreStopped
          ? `switched back; the gate was interrupted by ${restoreStopped}`
          : restore.gate.reason,
        durationMs: rollbackMs
      })
    );
    reporter.switching?.(null);
    return {
      ...failed,
      interrupted: restoreStopped,
      rolledBack: true,
      restoredRelease: restoreTo,
      restoredCommit: commitOf(after, restoreTo),
      restoreGate: restore.gate,
      timings: { ...failed.timings, rollbackMs },
      message: deployFailedMessage(releaseId, gate, evidence, {
        kind: 'restored',
        release: restoreTo,
        gate: restore.gate,
        quick: false
      })
    };
  } finally {
    await freeLock(lock, reporter);
  }
}

function commitOf(
  state: { releases: Array<{ id: string; commit: string | null }> },
  id: string
): string | null {
  return state.releases.find(r => r.id === id)?.commit ?? null;
}

/**
 * After an interrupt there are seconds, not a gate's worth of time: switch back, prove the
 * release serves, record it as unverified (it keeps its good status), and stop.
 */
async function restoreQuickly(
  platform: Platform,
  restoreTo: string,
  request: DeployRequest,
  reporter: Reporter,
  who: Identity,
  interruptedRelease: string
): Promise<{ release: string; gate: ReturnType<typeof failedGate>; ms: number }> {
  const start = performance.now();
  reporter.log(`interrupted: switching back to ${restoreTo}, the last release that passed its gate`);
  // a fresh signal: the restore itself must not be aborted by the interrupt that caused it
  const activation = await activateAndGate(
    platform,
    restoreTo,
    request.gate,
    'restore',
    { ...reporter, signal: new AbortController().signal },
    { quick: true }
  );
  const ms = since(start);
  await platform.store
    .append(
      entry(who, {
        action: 'restore',
        release: restoreTo,
        previousRelease: interruptedRelease,
        verdict: activation.gate.verdict === 'pass' ? 'unverified' : 'fail',
        reason:
          activation.gate.verdict === 'pass'
            ? `switched back after an interrupt, not gated: ${activation.gate.reason}`
            : activation.gate.reason,
        durationMs: ms
      })
    )
    .catch(error => reporter.warn(`could not record the restore: ${messageOf(error)}`));
  return { release: restoreTo, gate: activation.gate, ms };
}
