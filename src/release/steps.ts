/** The steps deploy, restore and rollback share: the lock, the state, one gated activation, the record. */
import { hostname } from 'node:os';
import { messageOf } from '../errors.js';
import { GateConfig } from '../gate/config.js';
import { GateResult, waitForStableHealth } from '../gate/run.js';
import { formatEvidenceLines } from './evidence.js';
import { describeReleases, HistoryEntry, ReleaseInfo } from './history.js';
import { failedGate } from './outcome.js';
import {
  Activation,
  ActivationReason,
  FailureEvidence,
  gateFor,
  HeldLock,
  Log,
  Platform,
  PresentRelease
} from './ports.js';

export interface Identity {
  actor: string;
  commit: string | null;
  runId: string | null;
}

export interface Reporter {
  log: Log;
  warn: (message: string) => void;
  /** Told when the lock is taken (its createdAt) and released (null): the post step frees a cancelled run's lock. */
  lockHeld?: (createdAt: string | null) => void;
  /**
   * Told when a release starts to take traffic and what to switch back to, and null once the
   * run has a verdict: the post step of a cancelled run finishes the restore.
   */
  switching?: (state: { release: string; restoreTo: string | null } | null) => void;
  /** Aborted by SIGINT or SIGTERM: the run restores what it switched and stops. */
  signal?: AbortSignal;
}

export interface TargetState {
  current: string | null;
  present: PresentRelease[];
  releases: ReleaseInfo[];
  history: HistoryEntry[];
}

export async function readState(platform: Platform, warn: (message: string) => void): Promise<TargetState> {
  const [inventory, history] = await Promise.all([platform.inventory(), platform.store.history(warn)]);
  return {
    current: inventory.current,
    present: inventory.present,
    releases: describeReleases(inventory.present, history),
    history
  };
}

/** The state after this run changed it: the target is read once per run, then folded. */
export function withChanges(
  state: TargetState,
  changes: { entries?: HistoryEntry[]; added?: PresentRelease[]; current?: string | null }
): TargetState {
  const history = [...state.history, ...(changes.entries ?? [])];
  const present = [...state.present, ...(changes.added ?? [])];
  return {
    current: changes.current === undefined ? state.current : changes.current,
    present,
    releases: describeReleases(present, history),
    history
  };
}

export async function takeLock(
  platform: Platform,
  who: Identity & { lockTtlMs: number },
  reporter: Reporter
): Promise<HeldLock> {
  return platform.store.lock({
    owner: { owner: who.actor, runId: who.runId, pid: process.pid, hostname: hostname() },
    ttlMs: who.lockTtlMs,
    warn: reporter.warn,
    beforeTake: createdAt => reporter.lockHeld?.(createdAt)
  });
}

export async function freeLock(lock: HeldLock, reporter: Reporter): Promise<void> {
  await lock
    .release()
    .then(() => reporter.lockHeld?.(null))
    .catch(error => reporter.warn(`could not release the deploy lock: ${messageOf(error)}`));
}

export function entry(
  who: Identity,
  fields: Pick<HistoryEntry, 'action' | 'release' | 'previousRelease' | 'verdict' | 'reason' | 'durationMs'>
): HistoryEntry {
  return { at: new Date().toISOString(), ...who, ...fields };
}

const since = (start: number): number => Math.round(performance.now() - start);
export { since };

/**
 * Makes a release serve and gates it. A platform that throws has not started the release: that
 * is a failed gate, never "nothing changed", because traffic may already have moved.
 */
export async function activateAndGate(
  platform: Platform,
  releaseId: string,
  gate: GateConfig,
  reason: ActivationReason,
  reporter: Reporter,
  options: { quick?: boolean } = {}
): Promise<Activation> {
  const signal = reporter.signal ?? new AbortController().signal;
  try {
    return await platform.activate(releaseId, {
      reason,
      log: reporter.log,
      warn: reporter.warn,
      signal,
      quick: options.quick ?? false,
      gate: run => {
        const config = gateFor(gate, releaseId, run);
        if (run.label) reporter.log(`gate: ${run.label}`);
        return waitForStableHealth(config, {
          signals: run.signals,
          log: reporter.log,
          readyForWindow: run.readyForWindow,
          abortSignal: signal
        });
      }
    });
  } catch (error) {
    const why = `${releaseId} could not be started: ${messageOf(error)}`;
    reporter.log(`activate: ${why}`);
    return { gate: failedGate(why), switchMs: 0 };
  }
}

export async function collectEvidence(
  platform: Platform,
  releaseId: string,
  reporter: Reporter
): Promise<FailureEvidence> {
  let evidence: FailureEvidence;
  try {
    evidence = await platform.evidence(releaseId);
  } catch (error) {
    reporter.warn(`could not collect the failure evidence: ${messageOf(error)}`);
    return { restarts: null, source: null, lines: [], details: [] };
  }
  if (evidence.restarts !== null) reporter.log(`evidence: restart count ${evidence.restarts}`);
  for (const detail of evidence.details) reporter.log(`evidence: ${detail}`);
  if (evidence.source) {
    reporter.log(`evidence: last ${evidence.lines.length} lines of ${evidence.source}:`);
    for (const line of formatEvidenceLines(evidence.lines)) reporter.log(`  ${line}`);
  }
  return evidence;
}

export function gatePassed(gate: GateResult): boolean {
  return gate.verdict === 'pass';
}
