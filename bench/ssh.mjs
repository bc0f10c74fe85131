// Deploy over SSH to a real sshd on 127.0.0.1: bytes sent by a first deploy and by a repeat
// deploy of a 50 MB release with one changed file (rsync --link-dest), and SSH handshakes per deploy.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
import { startSshd } from '../scripts/sshd-peer.mjs';
import { freePort, repoRoot, shipgateJson } from './util.mjs';

const deploy = (args, env) => shipgateJson(['deploy', ...args], env);

const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');

export async function sshDeploys() {
  const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-ssh-'));
  const pm2Home = join(work, 'pm2');
  const wrapper = join(work, 'pm2-wrapper');
  writeFileSync(wrapper, `#!/bin/sh\nPM2_HOME='${pm2Home}' exec '${pm2}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const sshd = await startSshd();
  try {
    const port = await freePort();
    const source = writeSampleRelease(join(work, 'src'), { name: 'api', version: 'v1', port });
    // 50 MB of incompressible assets in 50 files
    for (let i = 0; i < 50; i++) writeFileSync(join(source, `asset-${i}.bin`), randomBytes(1024 * 1024));
    const args = id => [
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
      '--path',
      join(work, 'srv', 'app'),
      '--source',
      source,
      '--release',
      id,
      '--pm2-bin',
      wrapper,
      '--url',
      `http://127.0.0.1:${port}/health`,
      '--interval',
      '500ms',
      '--window',
      '2s',
      '--healthy-threshold',
      '2'
    ];
    const rows = [];
    for (const [id, label] of [
      ['r1', 'first deploy, 50 MB release'],
      ['r2', 'repeat deploy, one file changed']
    ]) {
      if (id === 'r2') appendFileSync(join(source, 'server.cjs'), '\n// changed\n');
      const before = sshd.handshakes();
      const started = performance.now();
      const { json, stderr } = await deploy(args(id), { ...process.env });
      const sent = Number(/upload: sent (\d+) bytes/.exec(stderr)?.[1] ?? NaN);
      rows.push({
        benchmark: `ssh ${label}`,
        setting: 'rsync --link-dest',
        runs: 1,
        median: `${sent >= 1048576 ? `${(sent / 1048576).toFixed(1)} MB` : `${(sent / 1024).toFixed(1)} KiB`} sent, upload ${json.timings.uploadMs} ms, total ${Math.round(performance.now() - started)} ms`,
        goal: id === 'r2' ? 'a small fraction of the first' : '',
        ok: id === 'r2' ? (sent < 0.05 * 52428800 ? 'yes' : 'NO') : ''
      });
      const handshakes = sshd.handshakes() - before;
      rows.push({
        benchmark: `ssh handshakes per deploy (${id})`,
        setting: 'ControlMaster',
        runs: 1,
        median: String(handshakes),
        goal: '1',
        ok: handshakes === 1 ? 'yes' : 'NO'
      });
    }
    return rows;
  } finally {
    try {
      execFileSync(pm2, ['kill'], { env: { ...process.env, PM2_HOME: pm2Home }, stdio: 'ignore' });
    } catch {
      // gone
    }
    await sshd.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
