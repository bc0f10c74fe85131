import { formatDuration } from '../duration.js';
import { GateConfig } from './config.js';
import { Decision, GatePolicy, Verdict } from './policy.js';
import { probeOnce, ProbeRecord } from './probe.js';
import { SignalSource } from './signals.js';

export interface GateResult {
  verdict: Verdict;
  reason: string;
  elapsedMs: number;
  detectedAtMs: number | null;
  probes: ProbeRecord[];
}

export interface GateHooks {
  signals?: SignalSource[];
  /** A line of progress for a person watching (stderr in the CLI, the log in Actions). */
  log?: (line: string) => void;
  /** The window counts only once this says true (the release alone serves). */
  readyForWindow?: () => Promise<boolean>;
  /** Stops the gate at once with a failed verdict (the run was interrupted). */
  abortSignal?: AbortSignal;
}

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

export function formatProbeLine(probe: ProbeRecord): string {
  const at = `[${(probe.atMs / 1000).toFixed(1).padStart(6)}s]`;
  const status = probe.status === null ? '---' : String(probe.status);
  const latency = probe.latencyMs === null ? '-' : `${probe.latencyMs}ms`;
  const verdict = probe.ok ? 'ok' : `FAIL ${probe.error ?? ''}`;
  return `${at} ${pad(probe.url, 40)} ${status} ${latency.padStart(7)}  ${verdict}`;
}

/** Waits, or less when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Probes every URL each interval and feeds the outcomes, and any rise of a watched counter,
 * to the pure GatePolicy until it decides. Bounded: the policy always decides by
 * timeout + window + one round.
 */
export async function waitForStableHealth(config: GateConfig, hooks: GateHooks = {}): Promise<GateResult> {
  const log = hooks.log ?? (() => undefined);
  const signals = hooks.signals ?? [];
  const policy = new GatePolicy(config);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const probes: ProbeRecord[] = [];
  const readSignal = (s: SignalSource): Promise<number | { error: string }> =>
    s.read().catch((error: unknown) => ({
      // one line: a command's error carries its output on the lines after the exit code
      error: (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').slice(0, 300)
    }));
  // a baseline that cannot be read now is the first reading that can
  const baselines: Array<number | null> = await Promise.all(
    signals.map(async s => {
      if (s.baseline !== undefined) return s.baseline;
      const first = await readSignal(s);
      return typeof first === 'number' ? first : null;
    })
  );
  let decision: Decision = policy.current;
  let announcedWatching = false;
  let ready = hooks.readyForWindow ? false : true;
  const abort = hooks.abortSignal;

  log(
    `gate: ${config.urls.join(', ')} every ${formatDuration(config.intervalMs)}; ${config.healthyThreshold} passes within ${formatDuration(config.timeoutMs)}, then stable for ${formatDuration(config.windowMs)} (max ${config.maxFailures} failures)` +
      (config.graceMs ? `, grace ${formatDuration(config.graceMs)}` : '') +
      (signals.length ? `; watching ${signals.map(s => s.name).join(', ')}` : '')
  );

  while (decision.verdict === 'pending') {
    if (abort?.aborted) break;
    const roundStart = elapsed();
    const [results, counters, readyNow] = await Promise.all([
      Promise.all(config.urls.map(url => probeOnce(url, config.expect, config.probeTimeoutMs, roundStart))),
      Promise.all(signals.map(readSignal)),
      ready || !hooks.readyForWindow ? true : hooks.readyForWindow().catch(() => false)
    ]);
    if (abort?.aborted) break;
    const observedAt = elapsed();
    if (readyNow && !ready) {
      ready = true;
      log(
        `gate: the release alone serves now (${(observedAt / 1000).toFixed(1)}s): the window counts from here`
      );
    }
    counters.forEach((value, i) => {
      if (decision.verdict !== 'pending') return;
      const source = signals[i].name;
      if (typeof value !== 'number') {
        log(`gate: could not read ${source}: ${value.error}`);
        decision = policy.observe({
          kind: 'signal-unreadable',
          atMs: observedAt,
          source,
          error: value.error
        });
        return;
      }
      const previous = (baselines[i] ??= value);
      decision = policy.observe({ kind: 'signal', atMs: observedAt, source, previous, current: value });
    });
    probes.push(...results.map(({ definite: _definite, ...record }) => record));
    results.forEach(probe => log(formatProbeLine(probe)));
    if (decision.verdict === 'pending') {
      decision = policy.observe({ kind: 'round', atMs: observedAt, probes: results, ready });
    }
    if (decision.verdict === 'pending' && policy.phase === 'watching' && !announcedWatching) {
      announcedWatching = true;
      const due = policy.passDueAtMs ?? observedAt;
      log(
        `gate: healthy threshold reached; watching until ${(due / 1000).toFixed(1)}s for the stability window`
      );
    }
    if (decision.verdict !== 'pending') break;
    await sleep(roundStart + config.intervalMs - elapsed(), abort);
  }

  if (decision.verdict === 'pending') {
    // interrupted: never a pass
    const reason = `interrupted (${String(abort?.reason ?? 'stopped')}) before a verdict`;
    log(`gate: FAIL after ${(elapsed() / 1000).toFixed(1)}s: ${reason}`);
    return { verdict: 'fail', reason, elapsedMs: elapsed(), detectedAtMs: elapsed(), probes };
  }
  const verdict = decision.verdict as Verdict;
  log(`gate: ${verdict.toUpperCase()} after ${(elapsed() / 1000).toFixed(1)}s: ${decision.reason}`);
  return {
    verdict,
    reason: decision.reason,
    elapsedMs: decision.decidedAtMs ?? elapsed(),
    detectedAtMs: decision.detectedAtMs,
    probes
  };
}
