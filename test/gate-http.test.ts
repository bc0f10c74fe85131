import { gateOptions, parseGateConfig, releaseProofOptions } from '../src/gate/config.js';
import { waitForStableHealth } from '../src/gate/run.js';
import { ManualCounter } from '../src/gate/signals.js';
import { Inputs, RawInputs } from '../src/options.js';
import { freePort, json, startServer, TestServer } from './helpers/http-servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...args);
  servers.push(s);
  return s;
}

/** Fast settings for tests: 200ms rounds, a 2s window. */
const gate = (raw: RawInputs) =>
  waitForStableHealth(
    parseGateConfig(
      new Inputs(gateOptions, {
        interval: '200ms',
        window: '2s',
        timeout: '4s',
        'probe-timeout': '1s',
        ...raw
      })
    )
  );

describe('gate against real HTTP servers on 127.0.0.1', () => {
  test('a healthy service passes only after the whole window', async () => {
    const s = await serve((_q, r) => json(r, 200, { status: 'ok' }));
    const result = await gate({ url: s.url, 'expect-json': 'status=ok' });
    expect(result.verdict).toBe('pass');
    // never before the whole window (a lower bound no scheduling can break)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2000);
    expect(result.detectedAtMs).toBeNull();
    expect(s.requests).toBe(result.probes.length);
    expect(result.probes.every(p => p.ok && p.status === 200 && p.latencyMs !== null)).toBe(true);
  });

  test('always failing (503) fails at the timeout with the status in the reason', async () => {
    const s = await serve((_q, r) => json(r, 503, { status: 'down' }));
    const result = await gate({ url: s.url, timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/not healthy within the 1s timeout.*status 503, expected 200-299/);
    expect(result.probes.every(p => p.status === 503)).toBe(true);
  });

  test('flapping 200/503 (the second incident) fails at the first 503', async () => {
    const s = await serve((_q, r, n) => json(r, Math.floor((n - 1) / 3) % 2 === 0 ? 200 : 503, {}));
    const result = await gate({ url: s.url, window: '5s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/1 failed probe after the service first answered.*status 503/);
    // three 200s, then the first 503 ends it: no probe after it (the server counts the requests)
    expect(result.probes.map(p => p.status)).toEqual([200, 200, 200, 503]);
    expect(s.requests).toBe(4);
  });

  test('a listener that closes 1s after start fails a 3s window on the connection error', async () => {
    const s = await serve((_q, r) => json(r, 200, { status: 'ok' }));
    const crash = setTimeout(() => void s.close(), 1000);
    try {
      const result = await gate({ url: s.url, window: '3s', timeout: '10s' });
      expect(result.verdict).toBe('fail');
      // refused, or reset when a probe's connection was accepted just as the listener closed
      expect(result.reason).toMatch(/connection (refused|reset)/);
      // it answered first, then the window caught the crash (never before it)
      expect(result.probes[0].ok).toBe(true);
      expect(result.detectedAtMs).toBeGreaterThanOrEqual(900);
    } finally {
      clearTimeout(crash);
    }
  });

  test('a server that accepts and never answers fails on the probe timeout', async () => {
    const s = await serve(() => undefined);
    const result = await gate({ url: s.url, 'probe-timeout': '300ms', timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/no answer within 300ms/);
    expect(result.probes[0]).toMatchObject({ ok: false, status: null, latencyMs: null });
  });

  test('a slow start passes within grace and timeout (no false positive)', async () => {
    const port = await freePort();
    let late: TestServer | undefined;
    const boot = setTimeout(async () => {
      late = await serve(
        (_q, r, _n, uptime) =>
          uptime < 700 ? json(r, 503, { status: 'starting' }) : json(r, 200, { status: 'ok' }),
        port
      );
    }, 1000);
    try {
      const result = await gate({
        url: `http://127.0.0.1:${port}/health`,
        grace: '1s',
        timeout: '6s',
        'expect-json': 'status=ok'
      });
      expect(result.verdict).toBe('pass');
      expect(result.probes.some(p => p.error?.includes('connection refused'))).toBe(true);
      expect(result.probes.some(p => p.status === 503)).toBe(true);
      expect(late).toBeDefined();
    } finally {
      clearTimeout(boot);
    }
  });

  test('200 with {"status":"degraded"} fails the JSON expectation', async () => {
    const s = await serve((_q, r) => json(r, 200, { status: 'degraded' }));
    const result = await gate({ url: s.url, 'expect-json': 'status=ok', timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/JSON status is "degraded", expected "ok"/);
    expect(result.probes[0].status).toBe(200);
  });

  test('a complete answer with the wrong content (HTML where JSON is expected) fails at once, not at the 2-minute timeout', async () => {
    const s = await serve((_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      r.end('<html><body>Welcome to nginx!</body></html>');
    });
    const result = await gate({ url: s.url, 'expect-json': 'status=ok', timeout: '120s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/the service answers, and the answer is wrong: .* body is not JSON/);
    // decided on the first round: one probe, not a timeout's worth
    expect(result.probes).toHaveLength(1);
  });

  test('expect-release: the answer must name the release, in a JSON field or an x-release header', async () => {
    const base = { interval: '200ms', window: '2s', timeout: '1s', 'probe-timeout': '1s' };
    const config = (raw: RawInputs, expected: string) => {
      const c = parseGateConfig(new Inputs([...gateOptions, ...releaseProofOptions], { ...base, ...raw }), {
        release: true
      });
      return {
        ...c,
        expect: { ...c.expect, release: c.expect.release && { ...c.expect.release, expected } }
      };
    };
    const byJson = await serve((_q, r) => json(r, 200, { release: 'v1' }));
    expect(
      (await waitForStableHealth(config({ url: byJson.url, 'expect-release': 'true' }, 'v2'))).reason
    ).toMatch(/JSON release is "v1": the code of another release answers, expected "v2"/);
    const byHeader = await serve((_q, r) => {
      r.writeHead(200, { 'x-release': 'v2' });
      r.end('ok');
    });
    expect(
      (
        await waitForStableHealth(
          config({ url: byHeader.url, 'expect-release': 'true', window: '400ms' }, 'v2')
        )
      ).verdict
    ).toBe('pass');
  });

  test('answers slower than the latency budget fail', async () => {
    const s = await serve((_q, r) => setTimeout(() => json(r, 200, { status: 'ok' }), 250));
    const result = await gate({ url: s.url, 'max-latency': '100ms', timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/over the latency budget of 100ms/);
  });

  test('a wrong version fails (the old release still serving)', async () => {
    const s = await serve((_q, r) => json(r, 200, { version: '1.4.0' }));
    const result = await gate({ url: s.url, 'expect-version': '1.5.0', timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/version "1\.4\.0", expected "1\.5\.0"/);
  });

  test('several URLs: all must pass', async () => {
    const good = await serve((_q, r) => json(r, 200, {}));
    const bad = await serve((_q, r) => json(r, 500, {}));
    const result = await gate({ url: [good.url, bad.url], timeout: '1s' });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain(bad.url);
    expect(good.requests).toBeGreaterThan(0);
  });

  test('every probe opens a new connection, as a load balancer does (no kept-alive socket hides a dead listener)', async () => {
    const s = await serve((_q, r) => {
      r.setHeader('connection', 'keep-alive');
      json(r, 200, {});
    });
    const result = await gate({ url: s.url, window: '1s' });
    expect(result.verdict).toBe('pass');
    expect(s.connections).toBe(s.requests);
    expect(s.requests).toBeGreaterThanOrEqual(5);
  });

  test('a restart counter that rises fails the gate at once, while HTTP is healthy', async () => {
    const s = await serve((_q, r) => json(r, 200, {}));
    const counter = new ManualCounter("pm2 restart count of app 'api'");
    const config = parseGateConfig(new Inputs(gateOptions, { url: s.url, interval: '200ms', window: '3s' }));
    setTimeout(() => counter.increment(), 1000);
    const result = await waitForStableHealth(config, { signals: [counter] });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/pm2 restart count of app 'api' rose from 0 to 1/);
    // never before the rise; how soon after it is the bench's business
    expect(result.detectedAtMs!).toBeGreaterThanOrEqual(1000);
    expect(result.probes.every(p => p.ok)).toBe(true);
  });

  test('a counter that cannot be read fails the gate while HTTP is healthy; one that misses a reading now and then does not', async () => {
    const s = await serve((_q, r) => json(r, 200, {}));
    const config = parseGateConfig(new Inputs(gateOptions, { url: s.url, interval: '200ms', window: '2s' }));
    const lost = {
      name: "pm2 restart count of app 'api'",
      read: () => Promise.reject(new Error("'pm2 jlist' exited 255:\nstderr:\nssh: connection refused"))
    };
    const lines: string[] = [];
    const blind = await waitForStableHealth(config, { signals: [lost], log: line => lines.push(line) });
    expect(blind.verdict).toBe('fail');
    expect(blind.reason).toMatch(
      /pm2 restart count of app 'api' could not be read 3 rounds in a row since \d+\.\ds \(last: 'pm2 jlist' exited 255: stderr: ssh: connection refused\)/
    );
    expect(blind.probes.every(p => p.ok)).toBe(true);
    expect(
      lines.filter(l =>
        l.endsWith(
          "could not read pm2 restart count of app 'api': 'pm2 jlist' exited 255: stderr: ssh: connection refused"
        )
      )
    ).toHaveLength(3);

    // the baseline and every other reading fail: the first reading that works is the baseline
    let reads = 0;
    const flaky = {
      name: 'flaky counter',
      read: async () => {
        reads++;
        if (reads % 2 === 1) throw new Error('busy');
        return 7;
      }
    };
    const passed = await waitForStableHealth(config, { signals: [flaky] });
    expect(passed.verdict).toBe('pass');
  });
});
