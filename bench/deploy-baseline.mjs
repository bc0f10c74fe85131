// This build beside an older one, in one run, alternating: what a deploy costs now that it proves
// which code serves (checksummed upload, byte-for-byte verification on the host, the /proc proof),
// and what each build leaves serving. SHIPGATE_BASELINE_CLI names the older bundle's cli.js, e.g.
//   mkdir -p /tmp/base && git archive afe3eed dist-action | tar -x -C /tmp/base
//   SHIPGATE_BASELINE_CLI=/tmp/base/dist-action/cli.js npm run bench -- deploy-baseline
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
import { freePort, median, repoRoot } from './util.mjs';

const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');
const current = join(repoRoot, 'dist-action', 'cli.js');

function run(cli, args, env) {
  return new Promise(resolve => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'ignore' });
    child.on('close', code => resolve({ code, ms: performance.now() - start }));
  });
}

async function served(url) {
  try {
    const res = await fetch(url);
    return (await res.json()).version ?? '?';
  } catch {
    return 'nothing';
  }
}

/** v1 (good), v2 (good, same size as v1), v3 (crash at boot): the wall time of each command and what serves after it. */
async function walk(cli, target) {
  const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-base-'));
  const env = { ...process.env, PM2_HOME: join(work, 'pm2') };
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    const where = target ? target.flags(env, work) : ['--pm2-bin', pm2];
    const gate = [
      '--url',
      url,
      '--interval',
      '250ms',
      '--window',
      '2s',
      '--healthy-threshold',
      '2',
      '--timeout',
      '20s'
    ];
    // written up front with one mtime: v1 and v2 differ only in content (the issue-10 walk)
    const sources = Object.fromEntries(
      [
        ['v1', 'good'],
        ['v2', 'good'],
        ['v3', 'stale-dist']
      ].map(([id, kind]) => [
        id,
        writeSampleRelease(join(work, 'src', id), { name: 'api', version: id, port, kind })
      ])
    );
    const stamp = new Date(Math.floor(Date.now() / 1000) * 1000);
    for (const id of ['v1', 'v2']) utimesSync(join(sources[id], 'server.cjs'), stamp, stamp);
    const deploy = async id => {
      const source = sources[id];
      const ran = await run(
        cli,
        ['deploy', '--path', join(work, 'app'), '--source', source, '--release', id, ...where, ...gate],
        env
      );
      return { ...ran, serves: await served(url) };
    };
    await deploy('v1');
    const good = await deploy('v2');
    const bad = await deploy('v3');
    return { good, bad };
  } finally {
    try {
      execFileSync(pm2, ['kill'], { env, stdio: 'ignore' });
    } catch {
      // gone
    }
    rmSync(work, { recursive: true, force: true });
  }
}

async function sshTarget() {
  const { startSshd } = await import('../scripts/sshd-peer.mjs');
  const sshd = await startSshd();
  return {
    sshd,
    flags: (env, work) => {
      const wrapper = join(work, 'pm2-wrapper');
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

export async function deployBaseline(runs = 3) {
  const baseline = process.env.SHIPGATE_BASELINE_CLI;
  if (!baseline) {
    return [
      { benchmark: 'not run: SHIPGATE_BASELINE_CLI names no older build (see bench/deploy-baseline.mjs)' }
    ];
  }
  const ssh = await sshTarget();
  const rows = [];
  try {
    for (const [label, target] of [
      ['local', null],
      ['ssh', ssh]
    ]) {
      const samples = { baseline: [], current: [] };
      for (let i = 0; i < runs; i++) {
        // alternate, so that the machine's load falls on both alike
        samples.baseline.push(await walk(baseline, target));
        samples.current.push(await walk(current, target));
      }
      for (const [step, what] of [
        ['good', 'good deploy v1 -> v2 (same size, same second)'],
        ['bad', 'crash at boot v3, until restored and verified']
      ]) {
        const med = build => median(samples[build].map(s => s[step].ms));
        const shown = build =>
          [...new Set(samples[build].map(s => `exit ${s[step].code}, serves ${s[step].serves}`))].join('; ');
        rows.push({
          benchmark: `${label}: ${what}`,
          runs,
          baseline: `${Math.round(med('baseline'))} ms`,
          'this build': `${Math.round(med('current'))} ms`,
          ratio: (med('current') / med('baseline')).toFixed(2),
          'baseline leaves': shown('baseline'),
          'this build leaves': shown('current')
        });
      }
    }
  } finally {
    await ssh.sshd.stop();
  }
  return rows;
}
