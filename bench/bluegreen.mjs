// Blue/green behind a real nginx beside in-place, on the same app and the same nginx setup
// (real PM2 with its own PM2_HOME, 127.0.0.1 only). autocannon (10 connections) calls through
// nginx during each deploy; the in-place app sits behind nginx on a fixed port.
//  - good deploy: failed requests;
//  - crash at boot (incident 1), crash 4 s after start (inside the window): failed requests, and
//    whether the release that served before was ever stopped;
//  - a crash once real traffic reaches the release (after its window on the slot: traffic moved):
//    failed requests (bounded by detection), then switched back;
//  - rollback: from the command's start until the old release answers through nginx.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startNginx } from '../scripts/nginx-peer.mjs';
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
import { freePort, median, repoRoot, shipgateJson } from './util.mjs';

const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');
const WINDOW = '6s';

/** One target: nginx in front, its own PM2 daemon, v1 deployed with the strategy. */
async function site(strategy, keepaliveRequests) {
  const work = mkdtempSync(join(tmpdir(), `shipgate-bench-bg-`));
  const env = { ...process.env, PM2_HOME: join(work, 'pm2') };
  const nginx = await startNginx({ dir: join(work, 'nginx'), app: 'api', keepaliveRequests });
  const fixedPort = await freePort();
  const slots = [await freePort(), await freePort()];
  if (strategy === 'in-place') {
    // the in-place app listens on one port; nginx points at it once
    writeFileSync(nginx.upstreamFile, `upstream shipgate_api { server 127.0.0.1:${fixedPort}; }\n`);
    execFileSync('sh', ['-c', nginx.reloadCommand]);
  }
  let n = 0;
  const common = (window, extra) => [
    '--path',
    join(work, 'app'),
    '--pm2-bin',
    pm2,
    '--url',
    nginx.url,
    '--interval',
    '300ms',
    '--healthy-threshold',
    '2',
    '--window',
    window,
    '--timeout',
    '30s',
    ...(strategy === 'blue-green'
      ? [...nginx.flags(slots), '--switch-window', '8s', '--keep-warm', 'until-next-deploy']
      : []),
    ...extra
  ];
  const deploy = (kind = 'good', { crashAfterMs = 4000, window = WINDOW, extra = [] } = {}) => {
    const id = `v${++n}`;
    const src = writeSampleRelease(join(work, 'src', id), {
      name: 'api',
      version: id,
      port: fixedPort,
      kind,
      crashAfterMs
    });
    return shipgateJson(['deploy', '--source', src, '--release', id, ...common(window, extra)], env);
  };
  const rollback = () => shipgateJson(['rollback', ...common('2s', [])], env);
  const first = await deploy();
  if (first.json?.verdict !== 'pass')
    throw new Error(`bench: v1 (${strategy}) did not pass:\n${first.stderr}`);
  /** pids of the processes serving the release that nginx reaches now. */
  const servingPids = () => {
    const list = JSON.parse(
      execFileSync(pm2, ['jlist'], { env, encoding: 'utf8' }).replace(/^[^[]*/, '')
    ).filter(p => p.pm2_env.status === 'online');
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(nginx.upstream())[1]);
    return list
      .filter(p => Number(p.pm2_env.PORT ?? p.pm2_env.env?.PORT) === port)
      .map(p => `${p.name}:${p.pid}`)
      .sort()
      .join(',');
  };
  return {
    nginx,
    deploy,
    rollback,
    servingPids,
    close: () => {
      nginx.stop();
      try {
        execFileSync(pm2, ['kill'], { env, stdio: 'ignore' });
      } catch {
        // gone
      }
      rmSync(work, { recursive: true, force: true });
    }
  };
}

/** autocannon through nginx for as long as `during` runs, plus a second on each side. */
async function underLoad(url, during) {
  const instance = autocannon({ url, connections: 10, duration: 600 });
  await new Promise(resolve => setTimeout(resolve, 1000));
  const result = await during();
  await new Promise(resolve => setTimeout(resolve, 1000));
  instance.stop();
  const load = await instance;
  return { result, requests: load.requests.total, failed: load.errors + load.timeouts + load.non2xx };
}

// nginx closes a kept-alive client connection after keepalive_requests (default 1000); autocannon
// does not resend, so under steady load it counts a few ECONNRESET with no deploy at all. Every
// row raises the limit so that it counts what the deploy caused; the control rows show both.
const KEEPALIVE_REQUESTS = 1_000_000;

async function scenario(strategy, name, run, keepaliveRequests = KEEPALIVE_REQUESTS) {
  const s = await site(strategy, keepaliveRequests);
  try {
    const before = s.servingPids();
    const { result, requests, failed } = await underLoad(s.nginx.url, () => run(s));
    const j = result.json ?? {};
    return {
      benchmark: `${name}`,
      strategy,
      verdict: `exit ${result.code}${j.switchedBack ? ', switched back' : j.rolledBack ? ', rolled back' : ''}`,
      failed: `${failed} of ${requests}`,
      'current stopped':
        name.includes('good deploy') || name.startsWith('control')
          ? ''
          : s.servingPids() === before
            ? 'never'
            : 'yes'
    };
  } finally {
    s.close();
  }
}

/** From the rollback command's start until the old release answers through nginx. */
async function rollbackTime(strategy) {
  const s = await site(strategy);
  try {
    await s.deploy();
    const started = performance.now();
    let servedAt = null;
    const command = s.rollback();
    while (servedAt === null && performance.now() - started < 60_000) {
      try {
        const res = await fetch(s.nginx.url, { signal: AbortSignal.timeout(1000) });
        if ((await res.json()).version === 'v1') servedAt = performance.now() - started;
      } catch {
        // not yet
      }
      if (servedAt === null) await new Promise(resolve => setTimeout(resolve, 10));
    }
    const result = await command;
    return { servedAt, warm: result.json?.warm === true, code: result.code };
  } finally {
    s.close();
  }
}

export async function bluegreen(rollbackRuns = 3) {
  const rows = [];
  const cases = [
    ['good deploy', s => s.deploy()],
    ['crash at boot (incident 1)', s => s.deploy('stale-dist')],
    ['crash 4 s after start (inside the window)', s => s.deploy('late-crash', { crashAfterMs: 4000 })],
    [
      'crash 1 s after real traffic reaches it (after the window, traffic moved)',
      s => s.deploy('crash-under-traffic', { crashAfterMs: 1000 })
    ]
  ];
  const idle = () => new Promise(resolve => setTimeout(() => resolve({ code: 0, json: {} }), 10_000));
  rows.push(
    await scenario(
      'blue-green',
      'control: 10 s of steady load, nothing deployed, keepalive_requests 1000 (nginx default)',
      idle,
      null
    )
  );
  rows.push(
    await scenario(
      'blue-green',
      `control: 10 s of steady load, nothing deployed, keepalive_requests ${KEEPALIVE_REQUESTS} (every row below)`,
      idle
    )
  );
  for (const [name, run] of cases) {
    for (const strategy of ['in-place', 'blue-green']) rows.push(await scenario(strategy, name, run));
  }
  for (const strategy of ['in-place', 'blue-green']) {
    const samples = [];
    for (let i = 0; i < rollbackRuns; i++) samples.push(await rollbackTime(strategy));
    const times = samples.map(r => r.servedAt).filter(t => t !== null);
    const med = times.length ? Math.round(median(times)) : null;
    rows.push({
      benchmark: `rollback: command start -> old release serves through nginx (median of ${samples.length})`,
      strategy,
      verdict: samples.map(r => `exit ${r.code}${r.warm ? ' warm' : ''}`).join(', '),
      failed: med === null ? 'never served' : `${med} ms`,
      'current stopped':
        strategy === 'blue-green' ? `goal < 1000 ms: ${med !== null && med < 1000 ? 'yes' : 'NO'}` : ''
    });
  }
  return rows;
}
