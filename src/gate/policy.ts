import { formatDuration } from '../duration.js';
import { plural } from '../util/text.js';

/**
 * The gate's decision logic, free of I/O and timers: events with times in, a decision out.
 *
 * - During `grace`, failed probes do not count (a pass still counts toward the streak).
 * - After grace the service must reach `healthyThreshold` consecutive passing rounds
 *   before `timeout`, else the gate fails.
 * - From the first pass it must stay healthy for `window`: more than `maxFailures` failed
 *   probes after that fail the gate at once. The gate passes at the first passing round
 *   at or after firstPass + window, once the threshold was reached.
 * - After grace, a complete answer that is wrong (a content expectation fails, or a status that
 *   is not one of the not-ready ones 502/503/504) fails it at once: the service is up and wrong,
 *   not slow. Only no answer or a not-ready status waits for the timeout.
 * - Rounds taken before the platform says the release alone serves (`ready: false`, e.g. old
 *   ECS tasks still behind the load balancer) prove nothing: their passes do not start the
 *   window, and a wrong answer there may come from the old release.
 * - Any rise of a watched counter (a process manager's restart count) fails it at once.
 * - A watched counter that cannot be read MAX_UNREAD_ROUNDS rounds in a row fails it: a pass
 *   would claim a watch that did not happen (a crash loop behind healthy answers is what the
 *   counter is there to see).
 */
export interface PolicyConfig {
  graceMs: number;
  healthyThreshold: number;
  windowMs: number;
  maxFailures: number;
  timeoutMs: number;
}

export interface ProbeOutcome {
  url: string;
  ok: boolean;
  error: string | null;
  /** A complete, wrong answer (see expectations.ts NOT_READY_STATUSES). */
  definite?: boolean;
}

export type GateEvent =
  | { kind: 'round'; atMs: number; probes: ProbeOutcome[]; ready?: boolean }
  | { kind: 'signal'; atMs: number; source: string; previous: number; current: number }
  | { kind: 'signal-unreadable'; atMs: number; source: string; error: string }
  | { kind: 'tick'; atMs: number };

export type Verdict = 'pass' | 'fail';

export interface Decision {
  verdict: Verdict | 'pending';
  reason: string;
  /** When the failing condition was first observed, from the gate's start. */
  detectedAtMs: number | null;
  /** When the verdict was reached. */
  decidedAtMs: number | null;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** Rounds in a row a watched counter may go unread before the gate fails. */
const MAX_UNREAD_ROUNDS = 3;

export class GatePolicy {
  private consecutive = 0;
  private firstPassAtMs: number | null = null;
  private thresholdReachedAtMs: number | null = null;
  private countedFailures = 0;
  private firstCountedFailureAtMs: number | null = null;
  private firstFailureAfterGraceAtMs: number | null = null;
  private lastFailure: string | null = null;
  /** Rounds in a row each watched counter could not be read, since when. */
  private readonly unread = new Map<string, { rounds: number; sinceMs: number }>();
  private decision: Decision = {
    verdict: 'pending',
    reason: 'waiting for the first probe',
    detectedAtMs: null,
    decidedAtMs: null
  };

  constructor(private readonly config: PolicyConfig) {}

  get current(): Decision {
    return this.decision;
  }

  /** Milliseconds from the start at which the gate passes if every probe keeps passing. */
  get passDueAtMs(): number | null {
    return this.firstPassAtMs === null ? null : this.firstPassAtMs + this.config.windowMs;
  }

  get phase(): 'starting' | 'watching' {
    return this.thresholdReachedAtMs === null ? 'starting' : 'watching';
  }

  observe(event: GateEvent): Decision {
    if (this.decision.verdict !== 'pending') return this.decision;
    switch (event.kind) {
      case 'signal':
        this.unread.delete(event.source);
        if (event.current > event.previous) {
          return this.fail(
            `${event.source} rose from ${event.previous} to ${event.current} at ${secs(event.atMs)}: the process crashed or was restarted during the gate`,
            event.atMs,
            event.atMs
          );
        }
        return this.decision;
      case 'signal-unreadable': {
        const streak = this.unread.get(event.source) ?? { rounds: 0, sinceMs: event.atMs };
        streak.rounds += 1;
        this.unread.set(event.source, streak);
        if (streak.rounds < MAX_UNREAD_ROUNDS) return this.decision;
        return this.fail(
          `${event.source} could not be read ${streak.rounds} rounds in a row since ${secs(streak.sinceMs)} (last: ${event.error}): without it the gate cannot see a crash loop behind healthy answers`,
          streak.sinceMs,
          event.atMs
        );
      }
      case 'tick':
        return this.checkTimeout(event.atMs);
      case 'round':
        return this.observeRound(event.atMs, event.probes, event.ready ?? true);
    }
  }

  private observeRound(atMs: number, probes: ProbeOutcome[], ready: boolean): Decision {
    const failed = probes.filter(p => !p.ok);
    const inGrace = atMs < this.config.graceMs;
    if (!ready) {
      // before the release alone serves, answers may come from the old one
      if (failed.length > 0) {
        this.lastFailure = failed.map(p => `${p.url}: ${p.error ?? 'failed'}`).join('; ');
        if (!inGrace) this.firstFailureAfterGraceAtMs ??= atMs;
      }
      return this.checkTimeout(atMs);
    }
    const wrong = inGrace ? undefined : failed.find(p => p.definite);
    if (wrong && this.firstPassAtMs === null) {
      return this.fail(
        `the service answers, and the answer is wrong: ${wrong.url}: ${wrong.error ?? 'failed'} at ${secs(atMs)} (not a slow start: only no answer or 502/503/504 wait for the timeout)`,
        atMs,
        atMs
      );
    }
    if (failed.length === 0) {
      this.consecutive += 1;
      this.firstPassAtMs ??= atMs;
      if (this.consecutive >= this.config.healthyThreshold) this.thresholdReachedAtMs ??= atMs;
    } else {
      this.consecutive = 0;
      this.lastFailure = failed.map(p => `${p.url}: ${p.error ?? 'failed'}`).join('; ');
      if (!inGrace) {
        this.firstFailureAfterGraceAtMs ??= atMs;
        if (this.firstPassAtMs !== null) {
          this.countedFailures += failed.length;
          this.firstCountedFailureAtMs ??= atMs;
          if (this.countedFailures > this.config.maxFailures) {
            return this.fail(
              `${plural(this.countedFailures, 'failed probe')} after the service first answered at ${secs(this.firstPassAtMs)} (max-failures ${this.config.maxFailures}, window ${formatDuration(this.config.windowMs)}): ${this.lastFailure}`,
              this.firstCountedFailureAtMs,
              atMs
            );
          }
        }
      }
    }
    if (
      failed.length === 0 &&
      this.thresholdReachedAtMs !== null &&
      this.firstPassAtMs !== null &&
      atMs - this.firstPassAtMs >= this.config.windowMs
    ) {
      this.decision = {
        verdict: 'pass',
        reason: `healthy: ${this.config.healthyThreshold} consecutive passes, then stayed healthy for the ${formatDuration(this.config.windowMs)} window with ${plural(this.countedFailures, 'failed probe')} (max ${this.config.maxFailures})`,
        detectedAtMs: null,
        decidedAtMs: atMs
      };
      return this.decision;
    }
    return this.checkTimeout(atMs);
  }

  private checkTimeout(atMs: number): Decision {
    if (this.thresholdReachedAtMs === null && atMs >= this.config.timeoutMs) {
      const progress = `${this.consecutive} of ${this.config.healthyThreshold} consecutive passes`;
      const last = this.lastFailure ? `; last failure: ${this.lastFailure}` : '';
      return this.fail(
        `not healthy within the ${formatDuration(this.config.timeoutMs)} timeout (${progress})${last}`,
        this.firstFailureAfterGraceAtMs ?? atMs,
        atMs
      );
    }
    return this.decision;
  }

  private fail(reason: string, detectedAtMs: number, decidedAtMs: number): Decision {
    this.decision = { verdict: 'fail', reason, detectedAtMs, decidedAtMs };
    return this.decision;
  }
}

/** Folds a whole sequence of events: the form the table-driven tests use. */
export function decide(config: PolicyConfig, events: GateEvent[]): Decision {
  const policy = new GatePolicy(config);
  for (const event of events) {
    if (policy.observe(event).verdict !== 'pending') break;
  }
  return policy.current;
}
