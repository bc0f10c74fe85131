/** What a deploy or rollback did, and the sentence a person reads first. Pure. */
import { GateResult } from '../gate/run.js';
import { firstCriticalLine } from './evidence.js';
import { FailureEvidence } from './ports.js';

export interface Timings {
  uploadMs: number;
  switchMs: number;
  gateMs: number;
  rollbackMs: number | null;
}

export type Interruption = 'SIGINT' | 'SIGTERM';

export interface ReleaseOutcome {
  command: 'deploy' | 'rollback';
  release: string;
  /** The commit the release was built from, when recorded. */
  commit: string | null;
  previousRelease: string | null;
  /** The deploy before this run failed or was interrupted: a pass now is a recovery. */
  afterFailedDeploy: boolean;
  verdict: 'pass' | 'fail';
  rolledBack: boolean;
  restoredRelease: string | null;
  restoredCommit: string | null;
  gate: GateResult;
  restoreGate: GateResult | null;
  timings: Timings;
  evidence: FailureEvidence | null;
  /** The signal that stopped the run, when one did. */
  interrupted: Interruption | null;
  /** Platform facts for the JSON result and summary (strategy, slot, warm). */
  facts: Record<string, string | boolean | number>;
  /** What a person should read first. */
  message: string;
}

function failedHead(release: string, gate: GateResult, evidence: FailureEvidence | null): string {
  const crash = evidence ? firstCriticalLine(evidence.lines) : null;
  return `release ${release} failed its gate: ${gate.reason}${crash ? ` [log: ${crash.trim()}]` : ''}`;
}

export function deployPassedMessage(release: string, gate: GateResult): string {
  return `release ${release} is live and passed its gate: ${gate.reason}`;
}

export function deployFailedMessage(
  release: string,
  gate: GateResult,
  evidence: FailureEvidence | null,
  restore:
    | { kind: 'off' }
    | { kind: 'none' }
    | { kind: 'restored'; release: string; gate: GateResult | null; quick: boolean }
): string {
  const head = failedHead(release, gate, evidence);
  switch (restore.kind) {
    case 'off':
      return `${head}. It stays current (rollback-on-failure is off).`;
    case 'none':
      return `${head}. No good release to switch back to: ${release} is still current.`;
    case 'restored':
      if (restore.quick)
        return `${head}. Switched back to ${restore.release} and proved it serves; no time was left for its gate.`;
      if (restore.gate?.verdict === 'pass')
        return `${head}. Rolled back to ${restore.release}, which passed its gate again.`;
      return `${head}. Rolled back to ${restore.release}, but it FAILED its gate too: ${restore.gate?.reason ?? 'not gated'}`;
  }
}

export function interruptedMessage(
  release: string,
  signal: Interruption,
  restored: { release: string; ok: boolean; reason: string } | null,
  switched: boolean
): string {
  if (!switched)
    return `deploy of ${release} interrupted by ${signal} before the switch: nothing was changed.`;
  if (!restored)
    return `deploy of ${release} interrupted by ${signal}: no good release to switch back to, ${release} is still current.`;
  return restored.ok
    ? `deploy of ${release} interrupted by ${signal}: switched back to ${restored.release}, which serves again (${restored.reason}).`
    : `deploy of ${release} interrupted by ${signal}: switching back to ${restored.release} FAILED (${restored.reason}); check the target now.`;
}

export function rollbackMessage(release: string, gate: GateResult): string {
  return gate.verdict === 'pass'
    ? `rolled back to ${release}, which passed its gate: ${gate.reason}`
    : `rolled back to ${release}, but it FAILED its gate: ${gate.reason}`;
}

export function failedGate(reason: string): GateResult {
  return { verdict: 'fail', reason, elapsedMs: 0, detectedAtMs: 0, probes: [] };
}
