import { ConfigurationError, OperationError, messageOf } from '../errors.js';
import { GateConfig } from '../gate/config.js';
import { GateResult, waitForStableHealth } from '../gate/run.js';
import { FailureEvidence, ProcessManager } from '../platforms/host/process/process-manager.js';
import { firstCriticalLine, formatEvidenceLines } from './evidence.js';
import {
  describeReleases,
  HistoryEntry,
  lastGoodRelease,
  parseHistory,
  planPrune,
  previousGoodRelease,
  ReleaseInfo
} from './history.js';
import { fsOps, Host, HostCommandError, run } from '../platforms/host/transport/host.js';
import { acquireLock } from '../platforms/host/lock.js';
import { Layout } from '../platforms/host/layout.js';

export interface Target {
  host: Host;
  layout: Layout;
  processManager: ProcessManager;
}

export interface Who {
  actor: string;
  commit: string | null;
  runId: string | null;
}

export interface Reporter {
  log: (line: string) => void;
  warn: (message: string) => void;
  /** Told when the lock is taken (its createdAt) and released (null): the post step frees a cancelled run's lock. */
  lockHeld?: (createdAt: string | null) => void;
}

export interface Timings {
  uploadMs: number;
  switchMs: number;
  gateMs: number;
  rollbackMs: number | null;
}

export interface ReleaseOutcome {
  release: string;
  previousRelease: string | null;
  verdict: 'pass' | 'fail';
  rolledBack: boolean;
  restoredRelease: string | null;
  gate: GateResult;
  restoreGate: GateResult | null;
  timings: Timings;
  evidence: FailureEvidence | null;
  /** What a person should read first. */
  message: string;
}

export interface DeployRequest extends Who {
  sourceDir: string;
  /** Size of the source, checked against the free space on the host before the upload. */
  sourceSizeKiB: number;
  releaseId: string;
  shared: string[];
  installCommand: string | null;
  keep: number;
  rollbackOnFailure: boolean;
  gate: GateConfig;
  lockTtlMs: number;
}

export interface RollbackRequest extends Who {
  to: string;
  gate: GateConfig;
  lockTtlMs: number;
}

const since = (start: number): number => Math.round(performance.now() - start);

export async function readState(
  target: Target
): Promise<{ current: string | null; releases: ReleaseInfo[]; history: HistoryEntry[] }> {
  const { host, layout } = target;
  const link = await fsOps.readlink(host, layout.current);
  const current = link ? (link.replace(/\/+$/, '').split('/').pop() ?? null) : null;
  const present = (await fsOps.list(host, layout.releases)).filter(name => !name.startsWith('.'));
  const history = parseHistory(await host.readFile(layout.history));
  return { current, releases: describeReleases(present, history), history };
}

function failedGate(reason: string): GateResult {
  return { verdict: 'fail', reason, elapsedMs: 0, detectedAtMs: 0, probes: [] };
}

async function record(target: Target, entry: Omit<HistoryEntry, 'at'>): Promise<void> {
  await fsOps.append(
    target.host,
    target.layout.history,
    JSON.stringify({ at: new Date().toISOString(), ...entry })
  );
}

/** Starts the app on the release `current` points to and gates it with the restart counters watched. */
async function activateAndGate(
  target: Target,
  releaseId: string,
  gate: GateConfig,
  reporter: Reporter
): Promise<GateResult> {
  const { host, layout, processManager } = target;
  try {
    await processManager.activate({
      host,
      currentLink: layout.current,
      releaseDir: layout.release(releaseId),
      releaseId,
      log: reporter.log
    });
  } catch (error) {
    // current has moved already: whatever went wrong is a failed gate, never "nothing changed"
    const reason = `the app could not be started on release ${releaseId}: ${messageOf(error)}`;
    reporter.log(`activate: ${reason}`);
    return failedGate(reason);
  }
  return waitForStableHealth(gate, { signals: processManager.signals(host), log: reporter.log });
}

async function switchTo(target: Target, releaseId: string): Promise<void> {
  await fsOps.switchSymlink(target.host, `releases/${releaseId}`, target.layout.current);
}

async function linkShared(host: Host, layout: Layout, releaseDir: string, entries: string[]): Promise<void> {
  for (const entry of entries) {
    const isDir = entry.endsWith('/');
    const name = entry.replace(/\/+$/, '');
    const sharedPath = `${layout.shared}/${name}`;
    const releasePath = `${releaseDir}/${name}`;
    if (!(await fsOps.exists(host, sharedPath))) {
      if (await fsOps.exists(host, releasePath)) {
        await fsOps.mkdirp(host, sharedPath.slice(0, sharedPath.lastIndexOf('/')));
        await run(host, ['cp', '-a', '--', releasePath, sharedPath]);
      } else if (isDir) {
        await fsOps.mkdirp(host, sharedPath);
      } else {
        throw new OperationError(
          `shared file '${name}' is neither in ${layout.shared} nor in the release: create ${sharedPath} on ${host.description} (or write '${name}/' for a directory)`
        );
      }
    }
    await fsOps.remove(host, releasePath);
    await fsOps.mkdirp(host, releasePath.slice(0, releasePath.lastIndexOf('/')));
    await run(host, ['ln', '-s', '--', sharedPath, releasePath]);
  }
}

async function collectEvidence(target: Target, reporter: Reporter): Promise<FailureEvidence> {
  const evidence = await target.processManager.evidence(target.host);
  if (evidence.restarts !== null) reporter.log(`evidence: restart count ${evidence.restarts}`);
  if (evidence.logFile) {
    reporter.log(`evidence: last ${evidence.logLines.length} lines of ${evidence.logFile}:`);
    for (const line of formatEvidenceLines(evidence.logLines)) reporter.log(`  ${line}`);
  }
  return evidence;
}

async function takeLock(target: Target, request: Who & { lockTtlMs: number }, reporter: Reporter) {
  return acquireLock(
    target.host,
    target.layout,
    { owner: request.actor, runId: request.runId, pid: process.pid },
    request.lockTtlMs,
    reporter.warn,
    undefined,
    createdAt => reporter.lockHeld?.(createdAt)
  );
}

/** The upload must fit, with a tenth to spare, before anything is written. */
async function checkFreeSpace(target: Target, neededKiB: number): Promise<void> {
  const free = await fsOps.freeKiB(target.host, target.layout.releases);
  if (free === null) return;
  if (free < neededKiB * 1.1) {
    throw new OperationError(
      `not enough free disk on ${target.host.description} for the release: ${Math.round(free / 1024)} MiB free in ${target.layout.releases}, ${Math.round((neededKiB * 1.1) / 1024)} MiB needed. Nothing was changed.`
    );
  }
}

/** Checks before anything changes: the path is writable and the process manager answers. */
async function preflight(target: Target): Promise<void> {
  const { host, layout } = target;
  try {
    await fsOps.mkdirp(host, layout.releases, layout.shared, layout.meta);
    const probe = `${layout.meta}/.write-test-${process.pid}`;
    await host.writeFile(probe, 'ok');
    await fsOps.remove(host, probe);
  } catch (error) {
    throw new OperationError(
      `${layout.root} is not writable on ${target.host.description}: ${messageOf(error)}`
    );
  }
  await target.processManager.preflight(host);
}

function restoreMessage(
  newRelease: string,
  gate: GateResult,
  evidence: FailureEvidence,
  restored: string | null,
  restoreGate: GateResult | null
): string {
  const crash = firstCriticalLine(evidence.logLines);
  const head = `release ${newRelease} failed its gate: ${gate.reason}${crash ? ` [log: ${crash.trim()}]` : ''}`;
  if (!restored) return `${head}. No good release to switch back to: ${newRelease} is still current.`;
  if (restoreGate?.verdict === 'pass')
    return `${head}. Rolled back to ${restored}, which passed its gate again.`;
  return `${head}. Rolled back to ${restored}, but it FAILED its gate too: ${restoreGate?.reason ?? 'not gated'}`;
}

export async function deploy(
  target: Target,
  request: DeployRequest,
  reporter: Reporter
): Promise<ReleaseOutcome> {
  const { host, layout } = target;
  await preflight(target);
  const release = await takeLock(target, request, reporter);
  try {
    await checkFreeSpace(target, request.sourceSizeKiB);
    const before = await readState(target);
    if (before.releases.some(r => r.id === request.releaseId && r.createdAt !== '')) {
      throw new ConfigurationError(
        `release '${request.releaseId}' was already deployed to ${layout.root}; pick a new id`,
        'release'
      );
    }
    // Leftovers of runs that died mid-upload are never switched to: remove them now.
    const leftovers = (await fsOps.list(host, layout.releases)).filter(n => n.startsWith('.partial-'));
    const orphan = before.releases.find(
      r => r.id === request.releaseId && r.createdAt === '' && r.id !== before.current
    );
    if (leftovers.length || orphan) {
      reporter.log(
        `cleanup: removing incomplete release${leftovers.length + (orphan ? 1 : 0) > 1 ? 's' : ''} ${[...leftovers, ...(orphan ? [orphan.id] : [])].join(', ')}`
      );
      await fsOps.remove(
        host,
        ...leftovers.map(n => `${layout.releases}/${n}`),
        ...(orphan ? [layout.release(orphan.id)] : [])
      );
    }

    const releaseDir = layout.release(request.releaseId);
    const uploadStart = performance.now();
    reporter.log(`upload: ${request.sourceDir} -> ${host.description}:${releaseDir}`);
    try {
      const partial = layout.partial(request.releaseId);
      const linkDest = before.current ? layout.release(before.current) : undefined;
      await host.upload(request.sourceDir, partial, { linkDest });
      await run(host, ['mv', '-T', '--', partial, releaseDir]);
      await linkShared(host, layout, releaseDir, request.shared);
      if (request.installCommand) {
        reporter.log(`install: sh -c ${JSON.stringify(request.installCommand)} (in ${releaseDir})`);
        await run(host, ['sh', '-c', request.installCommand], { cwd: releaseDir, timeoutMs: 30 * 60_000 });
      }
      await target.processManager.prepare?.(host, releaseDir);
    } catch (error) {
      await fsOps.remove(host, layout.partial(request.releaseId), releaseDir).catch(() => undefined);
      if (error instanceof ConfigurationError || error instanceof OperationError) throw error;
      throw new OperationError(
        `the release could not be prepared, nothing was switched: ${error instanceof HostCommandError ? error.message : messageOf(error)}`
      );
    }
    const uploadMs = since(uploadStart);
    const uploadBytes = target.host.lastUploadBytes ?? null;
    if (uploadBytes !== null) reporter.log(`upload: sent ${uploadBytes} bytes in ${uploadMs}ms`);

    const switchStart = performance.now();
    await switchTo(target, request.releaseId);
    const switchMs = since(switchStart);
    reporter.log(
      `switch: current -> releases/${request.releaseId} (was ${before.current ?? 'nothing'}) in ${switchMs}ms`
    );

    const gateStart = performance.now();
    const gate = await activateAndGate(target, request.releaseId, request.gate, reporter);
    const gateMs = since(gateStart);
    const who = { actor: request.actor, commit: request.commit, runId: request.runId };
    await record(target, {
      ...who,
      action: 'deploy',
      release: request.releaseId,
      previousRelease: before.current,
      verdict: gate.verdict,
      reason: gate.reason,
      durationMs: uploadMs + switchMs + gateMs
    });

    if (gate.verdict === 'pass') {
      const after = await readState(target);
      const pruned = planPrune(after.releases, after.current, request.keep);
      if (pruned.length) {
        reporter.log(`prune: removing ${pruned.join(', ')} (keep ${request.keep} good releases)`);
        await fsOps.remove(host, ...pruned.map(id => layout.release(id)));
      }
      return {
        release: request.releaseId,
        previousRelease: before.current,
        verdict: 'pass',
        rolledBack: false,
        restoredRelease: null,
        gate,
        restoreGate: null,
        timings: { uploadMs, switchMs, gateMs, rollbackMs: null },
        evidence: null,
        message: `release ${request.releaseId} is live and passed its gate: ${gate.reason}`
      };
    }

    const evidence = await collectEvidence(target, reporter);
    if (!request.rollbackOnFailure) {
      return {
        release: request.releaseId,
        previousRelease: before.current,
        verdict: 'fail',
        rolledBack: false,
        restoredRelease: null,
        gate,
        restoreGate: null,
        timings: { uploadMs, switchMs, gateMs, rollbackMs: null },
        evidence,
        message: `release ${request.releaseId} failed its gate and stays current (rollback-on-failure is off): ${gate.reason}`
      };
    }
    const state = await readState(target);
    const restoreTo = lastGoodRelease(state.releases, request.releaseId);
    if (!restoreTo) {
      reporter.warn(`no release passed its gate before ${request.releaseId}: nothing to roll back to`);
      return {
        release: request.releaseId,
        previousRelease: before.current,
        verdict: 'fail',
        rolledBack: false,
        restoredRelease: null,
        gate,
        restoreGate: null,
        timings: { uploadMs, switchMs, gateMs, rollbackMs: null },
        evidence,
        message: restoreMessage(request.releaseId, gate, evidence, null, null)
      };
    }
    const rollbackStart = performance.now();
    reporter.log(`rollback: switching back to ${restoreTo.id}, the last release that passed its gate`);
    await switchTo(target, restoreTo.id);
    const restoreGate = await activateAndGate(target, restoreTo.id, request.gate, reporter);
    const rollbackMs = since(rollbackStart);
    await record(target, {
      ...who,
      action: 'restore',
      release: restoreTo.id,
      previousRelease: request.releaseId,
      verdict: restoreGate.verdict,
      reason: restoreGate.reason,
      durationMs: rollbackMs
    });
    return {
      release: request.releaseId,
      previousRelease: before.current,
      verdict: 'fail',
      rolledBack: true,
      restoredRelease: restoreTo.id,
      gate,
      restoreGate,
      timings: { uploadMs, switchMs, gateMs, rollbackMs },
      evidence,
      message: restoreMessage(request.releaseId, gate, evidence, restoreTo.id, restoreGate)
    };
  } finally {
    await release()
      .then(() => reporter.lockHeld?.(null))
      .catch(error => reporter.warn(`could not release the deploy lock: ${messageOf(error)}`));
  }
}

export async function rollback(
  target: Target,
  request: RollbackRequest,
  reporter: Reporter
): Promise<ReleaseOutcome> {
  const { layout } = target;
  await preflight(target);
  const release = await takeLock(target, request, reporter);
  try {
    const state = await readState(target);
    let chosen: ReleaseInfo | null;
    if (request.to === 'previous') {
      chosen = previousGoodRelease(state.releases, state.current);
      if (!chosen) {
        throw new OperationError(
          `no good release before ${state.current ?? '(none)'} on ${layout.root} to roll back to; current is unchanged`
        );
      }
    } else {
      chosen = state.releases.find(r => r.id === request.to) ?? null;
      if (!chosen)
        throw new ConfigurationError(
          `no release '${request.to}' in ${layout.releases} (see 'shipgate releases')`,
          'to'
        );
      if (chosen.status === 'bad')
        reporter.warn(
          `release ${chosen.id} failed its gate before; rolling back to it because it was named explicitly`
        );
    }
    if (chosen.id === state.current)
      throw new ConfigurationError(`release '${chosen.id}' is already current`, 'to');
    // a release whose process config cannot load is refused before current moves
    await target.processManager.prepare?.(target.host, layout.release(chosen.id));

    const start = performance.now();
    await switchTo(target, chosen.id);
    const switchMs = since(start);
    reporter.log(`switch: current -> releases/${chosen.id} (was ${state.current ?? 'nothing'})`);
    const gateStart = performance.now();
    const gate = await activateAndGate(target, chosen.id, request.gate, reporter);
    const gateMs = since(gateStart);
    const rollbackMs = since(start);
    await record(target, {
      actor: request.actor,
      commit: request.commit,
      runId: request.runId,
      action: 'rollback',
      release: chosen.id,
      previousRelease: state.current,
      verdict: gate.verdict,
      reason: gate.reason,
      durationMs: rollbackMs
    });
    const evidence = gate.verdict === 'fail' ? await collectEvidence(target, reporter) : null;
    return {
      release: chosen.id,
      previousRelease: state.current,
      verdict: gate.verdict,
      rolledBack: true,
      restoredRelease: chosen.id,
      gate,
      restoreGate: null,
      timings: { uploadMs: 0, switchMs, gateMs, rollbackMs },
      evidence,
      message:
        gate.verdict === 'pass'
          ? `rolled back to ${chosen.id}, which passed its gate: ${gate.reason}`
          : `rolled back to ${chosen.id}, but it FAILED its gate: ${gate.reason}`
    };
  } finally {
    await release()
      .then(() => reporter.lockHeld?.(null))
      .catch(error => reporter.warn(`could not release the deploy lock: ${messageOf(error)}`));
  }
}
