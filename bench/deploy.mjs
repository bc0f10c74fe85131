// Deploy benchmarks with real PM2 (own PM2_HOME) on 127.0.0.1:
//  - time from the switch to detection, to the last good release serving again, and to it being
//    verified (its restore gate passed), for a crash at boot and a late crash;
//  - failed requests under load (autocannon, 10 connections) during a good deploy and a rollback
//    of a cluster-mode app, beside plain `pm2 reload` of the same app.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
import { freePort, median, repoRoot, shipgateJson } from './util.mjs';

const shipgate = (args, env) => shipgateJson(args, env).then(r => r.json);

const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');
const WINDOW = '5s';

async function withPm2(fn) {
  const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-'));
  const env = { ...process.env, PM2_HOME: join(work, 'pm2') };
  try {
    return await fn(work, env);
  } finally {
    try {
      execFileSync(pm2, ['kill'], { env, stdio: 'ignore' });
    } catch {
      // gone
    }
    rmSync(work, { recursive: true, force: true });
  }
}

const firstPass = gate => gate?.probes.find(p => p.ok)?.atMs ?? null;

async function recoveryOnce(kind, target = null) {
  return withPm2(async (work, env) => {
    const port = await freePort();
    const path = join(work, 'app');
    const where = target ? target.flags(env) : ['--pm2-bin', pm2];
    const gate = [
      '--url',
      `http://127.0.0.1:${port}/health`,
      '--interval',
      '500ms',
      '--window',
      WINDOW,
      '--healthy-threshold',
      '2',
      '--timeout',
      '20s'
    ];
    const deploy = (id, k) =>
      shipgate(
        [
          'deploy',
          '--path',
          path,
          '--source',
          writeSampleRelease(join(work, 'src', id), {
            name: 'api',
            version: id,
            port,
            kind: k,
            crashAfterMs: 3000
          }),
          '--release',
          id,
          ...where,
          ...gate
        ],
        env
      );
    const good = await deploy('v1', 'good');
    if (good.verdict !== 'pass') throw new Error('bench: v1 did not pass');
    const bad = await deploy('v2', kind);
    if (!bad.rolledBack) throw new Error(`bench: v2 (${kind}) was not rolled back`);
    // switchMs: from the switch until the processes are restarted and proven; then the gate's clock
    const detected = bad.timings.switchMs + bad.gate.detectedAtMs;
    const rollbackStart = bad.timings.switchMs + bad.timings.gateMs;
    const restoreActivation = bad.timings.rollbackMs - bad.restoreGate.elapsedMs;
    return {
      detected,
      serving: rollbackStart + restoreActivation + firstPass(bad.restoreGate),
      verified: rollbackStart + bad.timings.rollbackMs
    };
  });
}

/** The same release over SSH (a real sshd on 127.0.0.1, pm2 through a wrapper with the bench's PM2_HOME). */
async function sshTarget() {
  const { startSshd } = await import('../scripts/sshd-peer.mjs');
  const sshd = await startSshd();
  return {
    sshd,
    flags: env => {
      const wrapper = join(env.PM2_HOME, '..', 'pm2-wrapper');
      writeFileSync(wrapper, `#!/bin/sh\nPM2_HOME='${env.PM2_HOME}' exec '${pm2}' "$@"\n`);
      chmodSync(wrapper, 0o755);
      return [
        '--target',
        'ssh',
        '--host',
        '127.0.0.1',
        '--port',
        String(sshd.port),
        '--user',
        sshd.user,
        '--ssh-key-file',
        sshd.keyFile,
        '--known-hosts-file',
        sshd.knownHostsFile,
        '--pm2-bin',
        wrapper
      ];
    }
  };
}

export async function recovery(runs = 5) {
  const rows = [];
  const ssh = await sshTarget();
  const cases = [
    ['stale-dist', null, 'crash at boot (stale dist/ SyntaxError)'],
    ['late-crash', null, 'late crash (3 s after start)'],
    ['stale-dist', ssh, 'crash at boot over SSH']
  ];
  try {
    for (const [kind, target, label] of cases) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await recoveryOnce(kind, target));
      const med = key => median(samples.map(s => s[key]));
      rows.push({
        benchmark: `${label}: switch -> detected`,
        setting: `interval 500ms`,
        runs,
        median: `${Math.round(med('detected'))} ms`,
        goal: '',
        ok: ''
      });
      rows.push({
        benchmark: `${label}: switch -> last good serving`,
        setting: 'first passing probe',
        runs,
        median: `${Math.round(med('serving'))} ms`,
        goal: '',
        ok: ''
      });
      const goal = kind === 'stale-dist' ? 10_000 : null;
      rows.push({
        benchmark: `${label}: switch -> last good verified`,
        setting: `restore gate window ${WINDOW}`,
        runs,
        median: `${Math.round(med('verified'))} ms`,
        goal: goal ? `< ${goal} ms` : '',
        ok: goal ? (med('verified') < goal ? 'yes' : 'NO') : ''
      });
    }
  } finally {
    await ssh.sshd.stop();
  }
  return rows;
}

/** Load for as long as `during` runs; returns autocannon's counts. */
async function underLoad(url, during) {
  const instance = autocannon({ url, connections: 10, duration: 600 });
  await new Promise(resolve => setTimeout(resolve, 1000));
  await during();
  await new Promise(resolve => setTimeout(resolve, 1000));
  instance.stop();
  const result = await instance;
  return { requests: result.requests.total, failed: result.errors + result.timeouts + result.non2xx };
}

async function loadScenario(name) {
  return withPm2(async (work, env) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    const path = join(work, 'app');
    const mode = name.includes('fork') ? 'fork' : 'cluster';
    const src = id =>
      writeSampleRelease(join(work, 'src', id), {
        name: 'api',
        version: id,
        port,
        execMode: mode,
        instances: mode === 'cluster' ? 2 : 1
      });
    const gate = [
      '--url',
      url,
      '--interval',
      '500ms',
      '--window',
      '3s',
      '--healthy-threshold',
      '2',
      '--pm2-bin',
      pm2
    ];
    if (name.startsWith('plain')) {
      // the common recipe: start through current, then `pm2 reload` after each deploy
      mkdirSync(join(path, 'releases'), { recursive: true });
      cpSync(src('v1'), join(path, 'releases', 'v1'), { recursive: true });
      symlinkSync('releases/v1', join(path, 'current'));
      execFileSync(pm2, ['start', join(path, 'current', 'ecosystem.config.cjs')], { env, stdio: 'ignore' });
      await new Promise(resolve => setTimeout(resolve, 1500));
      // asynchronously: a blocking call would freeze the load generator in this process too
      return underLoad(
        url,
        () =>
          new Promise(resolve => spawn(pm2, ['reload', 'api'], { env, stdio: 'ignore' }).on('close', resolve))
      );
    }
    await shipgate(['deploy', '--path', path, '--source', src('v1'), '--release', 'v1', ...gate], env);
    if (name.includes('deploy')) {
      return underLoad(url, () =>
        shipgate(['deploy', '--path', path, '--source', src('v2'), '--release', 'v2', ...gate], env)
      );
    }
    await shipgate(['deploy', '--path', path, '--source', src('v2'), '--release', 'v2', ...gate], env);
    return underLoad(url, () => shipgate(['rollback', '--path', path, '--to', 'previous', ...gate], env));
  });
}

export async function failedRequests() {
  const rows = [];
  for (const name of [
    'shipgate deploy (cluster x2)',
    'shipgate rollback (cluster x2)',
    'plain pm2 reload (cluster x2)',
    'plain pm2 reload (fork)'
  ]) {
    const { requests, failed } = await loadScenario(name);
    rows.push({
      benchmark: `failed requests under load: ${name}`,
      setting: 'autocannon, 10 connections',
      runs: 1,
      median: `${failed} of ${requests}`,
      goal: name.startsWith('shipgate') ? '0' : '(reference)',
      ok: name.startsWith('shipgate') ? (failed === 0 ? 'yes' : 'NO') : ''
    });
  }
  return rows;
}
