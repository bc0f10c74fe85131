import { decide, GateEvent, PolicyConfig } from '../src/gate/policy.js';

const base: PolicyConfig = {
  graceMs: 0,
  healthyThreshold: 3,
  windowMs: 10_000,
  maxFailures: 0,
  timeoutMs: 30_000
};

/**
 * A compact script of rounds, one per `every` ms starting at `from`: "+" passes, "-" fails with
 * no answer or a not-ready 503, "x" is a complete but wrong answer (HTML where JSON was expected),
 * "o" passes while the release does not alone serve yet (old tasks behind the load balancer).
 */
function rounds(script: string, every = 1000, from = 0): GateEvent[] {
  return [...script].map((c, i) => ({
    kind: 'round' as const,
    atMs: from + i * every,
    ready: c !== 'o',
    probes: [
      {
        url: 'http://x/health',
        ok: c === '+' || c === 'o',
        error:
          c === '+' || c === 'o' ? null : c === 'x' ? 'body is not JSON' : 'status 503, expected 200-299',
        definite: c === 'x'
      }
    ]
  }));
}

describe('gate policy (pure)', () => {
  const cases: Array<{
    name: string;
    config?: Partial<PolicyConfig>;
    events: GateEvent[];
    verdict: 'pass' | 'fail' | 'pending';
    reason?: RegExp;
    detectedAtMs?: number | null;
    decidedAtMs?: number | null;
  }> = [
    {
      name: 'healthy from the start passes at the end of the window',
      events: rounds('+'.repeat(12)),
      verdict: 'pass',
      reason: /stayed healthy for the 10s window/,
      detectedAtMs: null,
      decidedAtMs: 10_000
    },
    {
      name: 'a single 200 proves nothing: pending until the window ends',
      events: rounds('+'),
      verdict: 'pending'
    },
    {
      name: 'threshold reached but window not over is still pending',
      events: rounds('+++++'),
      verdict: 'pending'
    },
    {
      name: 'flapping 200/503 fails at the first failure after the first pass',
      events: rounds('+++---+++---'),
      verdict: 'fail',
      reason: /1 failed probe after the service first answered at 0\.0s/,
      detectedAtMs: 3000,
      decidedAtMs: 3000
    },
    {
      name: 'late crash inside the window fails at once',
      events: rounds('+++++++-'),
      verdict: 'fail',
      detectedAtMs: 7000,
      decidedAtMs: 7000
    },
    {
      name: 'never healthy fails at the timeout, detected at the first failure',
      config: { timeoutMs: 5000 },
      events: rounds('-------'),
      verdict: 'fail',
      reason: /not healthy within the 5s timeout \(0 of 3 consecutive passes\); last failure: .*503/,
      detectedAtMs: 0,
      decidedAtMs: 5000
    },
    {
      name: 'slow start: failures before the first pass do not fail before the timeout',
      events: rounds('-----' + '+'.repeat(12)),
      verdict: 'pass',
      decidedAtMs: 15_000
    },
    {
      name: 'failures during grace do not count, even after a first pass',
      config: { graceMs: 4000 },
      events: rounds('+-+-' + '+'.repeat(12)),
      verdict: 'pass'
    },
    {
      name: 'a failure right after grace counts',
      config: { graceMs: 2000 },
      events: rounds('+-+-'),
      verdict: 'fail',
      detectedAtMs: 3000
    },
    {
      name: 'max-failures 2 tolerates two failures, fails on the third',
      config: { maxFailures: 2 },
      events: rounds('+++-++-++-'),
      verdict: 'fail',
      reason: /3 failed probes .*max-failures 2/,
      detectedAtMs: 3000,
      decidedAtMs: 9000
    },
    {
      name: 'max-failures 1 passes with one failure inside the window',
      config: { maxFailures: 1 },
      events: rounds('+++-' + '+'.repeat(8)),
      verdict: 'pass',
      reason: /1 failed probe \(max 1\)/
    },
    {
      name: 'the window needs a passing round at its end',
      config: { maxFailures: 1 },
      events: rounds('++++++++++-+'),
      verdict: 'pass',
      decidedAtMs: 11_000
    },
    {
      name: 'threshold not reached before the timeout fails even after passes',
      config: { timeoutMs: 4000 },
      events: rounds('+-+-+-'),
      verdict: 'fail'
    },
    {
      name: 'window runs past the timeout once the threshold was reached',
      config: { timeoutMs: 5000 },
      events: rounds('+'.repeat(11)),
      verdict: 'pass',
      decidedAtMs: 10_000
    },
    {
      name: 'tick past the timeout fails when no round came back',
      config: { timeoutMs: 5000 },
      events: [...rounds('--'), { kind: 'tick', atMs: 6000 }],
      verdict: 'fail',
      decidedAtMs: 6000
    },
    {
      name: 'a restart counter rising fails at once, whatever HTTP says',
      events: [
        ...rounds('++++'),
        { kind: 'signal', atMs: 4200, source: "pm2 restart count of app 'api'", previous: 2, current: 3 },
        ...rounds('+'.repeat(10), 1000, 5000)
      ],
      verdict: 'fail',
      reason: /pm2 restart count of app 'api' rose from 2 to 3 at 4\.2s/,
      detectedAtMs: 4200,
      decidedAtMs: 4200
    },
    {
      name: 'a counter that cannot be read 3 rounds in a row fails, naming it and why: no pass on HTTP alone',
      events: [
        ...rounds('++'),
        ...[2000, 3000, 4000].map(atMs => ({
          kind: 'signal-unreadable' as const,
          atMs,
          source: "pm2 restart count of app 'api'",
          error: "'pm2 jlist' exited 1"
        })),
        ...rounds('+'.repeat(10), 1000, 5000)
      ],
      verdict: 'fail',
      reason:
        /pm2 restart count of app 'api' could not be read 3 rounds in a row since 2\.0s \(last: 'pm2 jlist' exited 1\)/,
      detectedAtMs: 2000,
      decidedAtMs: 4000
    },
    {
      name: 'a reading between misses starts the count again',
      events: [
        ...['x', 'x', 'ok', 'x', 'x', 'ok'].map((r, i): GateEvent =>
          r === 'ok'
            ? { kind: 'signal', atMs: i * 1000, source: 'c', previous: 0, current: 0 }
            : { kind: 'signal-unreadable', atMs: i * 1000, source: 'c', error: 'timeout' }
        ),
        ...rounds('+'.repeat(11))
      ],
      verdict: 'pass'
    },
    {
      name: 'an unchanged counter does nothing',
      events: [
        { kind: 'signal', atMs: 100, source: 'c', previous: 1, current: 1 },
        ...rounds('+'.repeat(11))
      ],
      verdict: 'pass'
    },
    {
      name: 'several URLs: one failing URL fails the round',
      events: [
        ...rounds('+++'),
        {
          kind: 'round',
          atMs: 3000,
          probes: [
            { url: 'a', ok: true, error: null },
            { url: 'b', ok: false, error: 'connection refused' }
          ]
        }
      ],
      verdict: 'fail',
      reason: /b: connection refused/
    },
    {
      name: 'a complete, wrong answer after grace fails at once: up and wrong, not a slow boot',
      events: rounds('--x+++'),
      verdict: 'fail',
      reason: /the service answers, and the answer is wrong: http:\/\/x\/health: body is not JSON at 2\.0s/,
      detectedAtMs: 2000,
      decidedAtMs: 2000
    },
    {
      name: 'a wrong answer during grace does not count',
      config: { graceMs: 3000, windowMs: 3000 },
      events: rounds('xx+++++'),
      verdict: 'pass'
    },
    {
      name: 'no answer or a not-ready status waits for the timeout, as before',
      config: { timeoutMs: 5000 },
      events: rounds('-----+'),
      verdict: 'fail',
      reason: /not healthy within the 5s timeout/
    },
    {
      name: 'passes before the release alone serves do not start the window',
      config: { windowMs: 3000 },
      events: rounds('oooo+++'),
      verdict: 'pending'
    },
    {
      name: 'once it alone serves, the window counts from its first pass',
      config: { windowMs: 3000 },
      events: rounds('oooo+++++'),
      verdict: 'pass',
      decidedAtMs: 7000
    }
  ];

  test.each(cases)('$name', ({ config, events, verdict, reason, detectedAtMs, decidedAtMs }) => {
    const decision = decide({ ...base, ...config }, events);
    expect(decision.verdict).toBe(verdict);
    if (reason) expect(decision.reason).toMatch(reason);
    if (detectedAtMs !== undefined) expect(decision.detectedAtMs).toBe(detectedAtMs);
    if (decidedAtMs !== undefined) expect(decision.decidedAtMs).toBe(decidedAtMs);
  });
});
