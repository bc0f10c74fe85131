/**
 * The seam between the one release algorithm (deploy, restore, rollback) and the platforms it
 * runs on. A platform says how a release is staged and how it becomes live; the store keeps the
 * record and the lock. The algorithm in this folder imports nothing from platforms/.
 */
import { GateConfig } from '../gate/config.js';
import { GateResult } from '../gate/run.js';
import { SignalSource } from '../gate/signals.js';
import { HistoryEntry } from './history.js';

export type Log = (line: string) => void;

export interface LockOwner {
  owner: string;
  runId: string | null;
  pid: number;
  /** The machine the owner runs on: a lock of a dead process on this machine is broken. */
  hostname: string;
  createdAt: string;
  expiresAt: string;
}

export interface HeldLock {
  createdAt: string;
  release(): Promise<boolean>;
}

export interface LockRequest {
  owner: Omit<LockOwner, 'createdAt' | 'expiresAt'>;
  /** A lock older than this is abandoned, whatever expiry its holder wrote. */
  ttlMs: number;
  warn: (message: string) => void;
  /** Told the createdAt of the lock about to be taken, before it is (the post step frees it). */
  beforeTake?: (createdAt: string) => void;
}

/** The record of what happened on a target, and the one-deploy-at-a-time lock. */
export interface ReleaseStore {
  readonly description: string;
  lock(request: LockRequest): Promise<HeldLock>;
  /** The lock taken at `createdAt` by a run of ours that was killed, if it is still there. */
  adopt(createdAt: string): Promise<HeldLock | null>;
  /** History, oldest first; unreadable lines are skipped with a warning. */
  history(warn: (message: string) => void): Promise<HistoryEntry[]>;
  append(entry: HistoryEntry): Promise<void>;
}

export interface PresentRelease {
  id: string;
  /** When the platform made it (directory time, revision registration); '' when unknown. */
  madeAt: string;
}

export interface Inventory {
  /** The release that serves now (the `current` link, the service's task definition). */
  current: string | null;
  present: PresentRelease[];
}

/** What makes one gate: the base configuration, with URLs and signals the platform chooses. */
export interface GateRun {
  /** Replaces the configured URLs (blue/green probes a slot's own port before traffic moves). */
  urls?: string[];
  windowMs?: number;
  signals: SignalSource[];
  /** The window counts only once this says true (ECS: the new deployment alone serves). */
  readyForWindow?: () => Promise<boolean>;
  label?: string;
}

export type ActivationReason = 'deploy' | 'restore' | 'rollback';

export interface ActivationContext {
  reason: ActivationReason;
  log: Log;
  warn: (message: string) => void;
  /** Runs a gate; the algorithm fills in the expectations that depend on the release. */
  gate(run: GateRun): Promise<GateResult>;
  /** Aborted when the run is interrupted (SIGINT, SIGTERM): stop waiting, leave a sane state. */
  signal: AbortSignal;
  /** No time for a gate (an interrupted run restoring): make it serve and prove it, nothing more. */
  quick: boolean;
}

export interface Activation {
  /** The gate that decided (for blue/green, the last one that ran). */
  gate: GateResult;
  /** Time from the start of the activation until the release took the traffic. */
  switchMs: number;
  /** Extra facts for the JSON result and the summary (strategy, slot, warm). */
  facts?: Record<string, string | boolean | number>;
}

export interface FailureEvidence {
  restarts: number | null;
  /** Where the lines come from: a log file, a CloudWatch stream. */
  source: string | null;
  lines: string[];
  /** Facts found beside the log (stopped reasons, exit codes, events). */
  details: string[];
}

export interface Platform {
  readonly kind: string;
  readonly description: string;
  readonly store: ReleaseStore;
  /** Checks that change nothing: bad configuration exits 2, an unusable target 3. */
  preflight(log: Log): Promise<void>;
  inventory(): Promise<Inventory>;
  /** Makes the release ready to serve without serving it (upload and install, a new revision). */
  stage(releaseId: string, log: Log): Promise<void>;
  /** Removes what stage() created in this run, and nothing else. */
  discardStaged(releaseId: string): Promise<void>;
  /** Refuses (ConfigurationError) a release that cannot be activated, before anything moves. */
  checkActivatable(releaseId: string): Promise<void>;
  /** Makes the release serve and gates it; a failure to start is a failed gate. */
  activate(releaseId: string, context: ActivationContext): Promise<Activation>;
  evidence(releaseId: string): Promise<FailureEvidence>;
  /** After a pass: what a later restore checks against (a manifest of the release's files). */
  sealPassed?(releaseId: string, log: Log): Promise<void>;
  /** Removes pruned releases. */
  discard(releaseIds: string[], log: Log): Promise<void>;
  /** Settings that should carry over to the next command on this target. */
  remember?(): Promise<void>;
  close(): Promise<void>;
}

/** The gate configuration for one release: the release id is what the service must report. */
export function gateFor(base: GateConfig, releaseId: string, run: GateRun): GateConfig {
  return {
    ...base,
    urls: run.urls ?? base.urls,
    windowMs: run.windowMs ?? base.windowMs,
    expect: {
      ...base.expect,
      release: base.expect.release ? { ...base.expect.release, expected: releaseId } : null
    }
  };
}
