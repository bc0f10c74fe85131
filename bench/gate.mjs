// Gate benchmarks: detection latency after a crash, and the bundled action's cold start.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { median, repoRoot } from './util.mjs';

const { parseGateConfig, gateOptions } = await import(join(repoRoot, 'lib', 'gate', 'config.js'));
const { waitForStableHealth } = await import(join(repoRoot, 'lib', 'gate', 'run.js'));
const { Inputs } = await import(join(repoRoot, 'lib', 'options.js'));

function listen(handler) {
  return new Promise(resolve => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const CRASH_BASE_MS = 3000;

/** late-crash: healthy, then the listener closes (connection refused). flapping: 200, then 503. */
async function detectionOnce(mode, interval, phase) {
  // the crash lands at a different point of the probe interval each run
  const intervalMs = interval.endsWith('ms') ? parseInt(interval) : parseInt(interval) * 1000;
  const crashAtMs = CRASH_BASE_MS + phase * intervalMs;
  let failing = false;
  const server = await listen((_req, res) => {
    res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  const url = `http://127.0.0.1:${server.address().port}/health`;
  const config = parseGateConfig(new Inputs(gateOptions, { url, interval, window: '30s', timeout: '20s' }));
  const gateStart = performance.now();
  const crash = setTimeout(() => {
    if (mode === 'late-crash') {
      server.closeAllConnections();
      server.close();
    } else failing = true;
  }, crashAtMs);
  const result = await waitForStableHealth(config);
  clearTimeout(crash);
  server.closeAllConnections();
  server.close();
  if (result.verdict !== 'fail') throw new Error(`${mode}: gate passed`);
  const decidedAt = performance.now() - gateStart;
  return decidedAt - crashAtMs;
}

export async function detectionLatency(runs = 5) {
  const rows = [];
  for (const mode of ['late-crash', 'flapping']) {
    for (const interval of ['500ms', '2s']) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await detectionOnce(mode, interval, (i + 0.5) / runs));
      const intervalMs = interval.endsWith('ms') ? parseInt(interval) : parseInt(interval) * 1000;
      const goal = intervalMs + 1000;
      const med = median(samples);
      rows.push({
        benchmark: `detection after crash (${mode})`,
        setting: `interval ${interval}`,
        runs,
        median: `${Math.round(med)} ms`,
        max: `${Math.round(Math.max(...samples))} ms`,
        goal: `<= ${goal} ms`,
        ok: med <= goal ? 'yes' : 'NO'
      });
    }
  }
  return rows;
}

/** From spawning the bundled entry to the first request reaching the server. */
async function coldStartOnce(entry) {
  let firstRequestAt = null;
  const server = await listen((_req, res) => {
    firstRequestAt ??= performance.now();
    res.writeHead(200);
    res.end('ok');
  });
  const url = `http://127.0.0.1:${server.address().port}/health`;
  const started = performance.now();
  const args =
    entry === 'cli'
      ? [
          join(repoRoot, 'dist-action', 'cli.js'),
          'gate',
          '--url',
          url,
          '--interval',
          '100ms',
          '--window',
          '100ms',
          '--healthy-threshold',
          '1'
        ]
      : [join(repoRoot, 'dist-action', 'main.js')];
  const env =
    entry === 'cli'
      ? { PATH: process.env.PATH }
      : {
          PATH: process.env.PATH,
          INPUT_COMMAND: 'gate',
          INPUT_URL: url,
          INPUT_INTERVAL: '100ms',
          INPUT_WINDOW: '100ms',
          'INPUT_HEALTHY-THRESHOLD': '1'
        };
  await new Promise(resolve => spawn(process.execPath, args, { env, stdio: 'ignore' }).on('close', resolve));
  server.close();
  return firstRequestAt - started;
}

export async function coldStart(runs = 10) {
  const rows = [];
  for (const entry of ['cli', 'main']) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await coldStartOnce(entry));
    const med = median(samples);
    rows.push({
      benchmark: `cold start to first probe (dist-action/${entry}.js)`,
      setting: `node ${process.version}`,
      runs,
      median: `${Math.round(med)} ms`,
      max: `${Math.round(Math.max(...samples))} ms`,
      goal: '< 300 ms',
      ok: med < 300 ? 'yes' : 'NO'
    });
  }
  return rows;
}
