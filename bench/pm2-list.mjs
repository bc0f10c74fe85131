// One reading of PM2's process list (what each gate round asks twice: restarts and processes
// down), side by side: `pm2 jlist` (a pm2 CLI process each time) and a call on the daemon's
// socket (what shipgate does after the first reading), on this machine and over SSH to a real
// sshd on 127.0.0.1. CPU is this process and the children it waited for (local only: over SSH
// the pm2 CLI runs under sshd).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd } from '../scripts/sshd-peer.mjs';
import { median, repoRoot } from './util.mjs';

const lib = (...path) => import(join(repoRoot, 'lib', ...path));
const { Pm2ProcessManager, withPm2Path, parsePm2List } = await lib('platforms', 'host', 'process', 'pm2.js');
const { LocalHost } = await lib('platforms', 'host', 'transport', 'local.js');
const { SshHost } = await lib('platforms', 'host', 'transport', 'ssh.js');

const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');

/** CPU ms of this process plus its waited-for children (clock ticks of 10 ms). */
function cpuMs() {
  const usage = process.cpuUsage();
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (usage.user + usage.system) / 1000 + (Number(fields[13]) + Number(fields[14])) * 10;
}

async function measure(read, runs) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    const t = performance.now();
    const list = await read();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
    if (!list.some(p => p.name === 'web')) throw new Error('the reading lost the app');
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export async function pm2ListReadings(runs = 15) {
  const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-pm2-list-'));
  const bin = join(work, 'pm2');
  writeFileSync(bin, `#!/bin/sh\nPM2_HOME='${join(work, 'home')}' exec '${pm2}' "$@"\n`);
  chmodSync(bin, 0o755);
  writeFileSync(
    join(work, 'app.js'),
    "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1');\n"
  );
  execFileSync(bin, ['start', join(work, 'app.js'), '--name', 'web'], { stdio: 'ignore' });
  const sshd = await startSshd();
  const controlDir = mkdtempSync('/tmp/sg-');
  chmodSync(controlDir, 0o700);
  const hosts = {
    local: new LocalHost(),
    ssh: new SshHost({
      host: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      keyFile: sshd.keyFile,
      knownHostsFile: sshd.knownHostsFile,
      insecureSkipHostKeyCheck: false,
      controlDir
    })
  };
  const rows = [];
  try {
    for (const [target, host] of Object.entries(hosts)) {
      const jlist = async () => parsePm2List((await host.exec(withPm2Path(bin, [bin, 'jlist']))).stdout);
      const manager = new Pm2ProcessManager({ bin, configFile: null, app: 'web', stateDir: work });
      await manager.list(host); // the first reading is pm2 jlist; it opens the socket
      await jlist(); // the SSH connection is up for both
      const socket = () => manager.list(host);
      // side by side: alternate so that a busy moment of the machine falls on both
      const a = { wall: [], cpu: [] };
      const b = { wall: [], cpu: [] };
      for (let i = 0; i < runs; i++) {
        for (const [read, into] of [
          [jlist, a],
          [socket, b]
        ]) {
          const m = await measure(read, 1);
          into.wall.push(m.wall);
          into.cpu.push(m.cpu);
        }
      }
      const j = { wall: median(a.wall), cpu: median(a.cpu) };
      const s = { wall: median(b.wall), cpu: median(b.cpu) };
      rows.push({
        benchmark: 'pm2 process list, one reading',
        target,
        runs,
        'pm2 jlist (median ms)': Math.round(j.wall),
        'socket (median ms)': j.wall >= 10 ? Math.round(s.wall * 10) / 10 : s.wall.toFixed(2),
        'wall ratio': `${Math.round(j.wall / Math.max(s.wall, 0.01))}x`,
        'CPU here, jlist / socket (median ms)':
          target === 'local' ? `${Math.round(j.cpu)} / ${Math.round(s.cpu)}` : 'n/a (under sshd)'
      });
    }
  } finally {
    await hosts.local.close();
    await hosts.ssh.close();
    await sshd.stop();
    execFileSync(bin, ['kill'], { stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
    rmSync(controlDir, { recursive: true, force: true });
  }
  return rows;
}
