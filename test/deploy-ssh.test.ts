import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
  chmodSync,
  mkdirSync,
  utimesSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePm2List } from '../src/platforms/host/process/pm2.js';
import { deployUser } from './helpers/deploy-user.js';
import { cli } from './helpers/cli.js';
import { health, healthAgain, real } from './helpers/pm2.js';
import { quickGate, startReleaseHealth, statusSource } from './helpers/release-health.js';
import { cliPath, runActionStep } from './helpers/run-bundle.js';
import { pm2Site, sshFlags } from './helpers/sites.js';
import { startSshd, TestSshd } from './helpers/sshd.js';

// a non-root deploy user whose home is not the deploy path; pm2 in an nvm-style folder, named by --pm2-bin
const user = deployUser('deploy-ssh');
const remotePm2 = user.pm2Bin;
const work = mkdtempSync(join(tmpdir(), 'shipgate-ssh-deploy-'));
chmodSync(work, 0o755);
user.own(work);

let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startSshd({ user: user.name });
});
afterAll(async () => {
  try {
    user.run([remotePm2, 'kill']);
  } catch {
    // no daemon
  }
  await sshd?.stop();
});

/** Where every online process of the app really runs from (/proc/<pid>/cwd), from the user's PM2. */
function servingDirs(app: string): string[] {
  return parsePm2List(user.run([remotePm2, 'jlist']))
    .filter(p => p.name === app && p.pid > 0 && p.pm2_env.status === 'online')
    .map(p => readlinkSync(`/proc/${p.pid}/cwd`));
}

/** A PM2 site in a folder of the deploy user's, deployed over SSH. */
let dirs = 0;
const serverDir = () => {
  const dir = join(work, `srv${++dirs}`);
  mkdirSync(dir);
  user.own(dir);
  return dir;
};
async function site() {
  const s = await pm2Site({
    work,
    pm2Bin: remotePm2,
    prefix: 'sshapp',
    target: () => sshFlags(sshd),
    root: serverDir
  });
  return Object.assign(s, { ssh: () => sshFlags(sshd) });
}

describe('deploy over SSH to a real OpenSSH server on 127.0.0.1', () => {
  test('full deploy, a failed gate with rollback, rollback --to previous; one SSH handshake per deploy', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const before = sshd.handshakes();
    const v2 = await s.deploy('v2');
    expect(v2.code).toBe(0);
    expect(sshd.handshakes() - before).toBe(1);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    expect(v2.stderr).toMatch(/upload: sent \d+ bytes/);

    const bad = await s.deploy('v3', 'stale-dist');
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v2' });
    expect(bad.stderr).toMatch(/CRITICAL \| SyntaxError: Identifier '__dirname' has already been declared/);
    expect((await health(s.port))?.version).toBe('v2');

    const back = await s.rollback(['--to', 'previous']);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({ release: 'v1', previousRelease: 'v2', verdict: 'pass' });
    expect((await health(s.port))?.version).toBe('v1');
    const list = await cli(['releases', '--path', s.path, '--json', ...s.ssh()]);
    expect(list.json.current).toBe('v1');
    expect(list.json.releases.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      'v3:bad',
      'v2:good',
      'v1:good'
    ]);
  });

  test('a changed file of the same size and time still ships: the new release serves its own code (rsync quick check)', async () => {
    const s = await site();
    // v1 and v2 written in the same second with the same sizes: only the content differs
    const one = s.source('v1');
    const two = s.source('v2');
    const stamp = new Date('2026-01-01T00:00:00Z');
    for (const dir of [one, two])
      for (const file of readdirSync(dir)) utimesSync(join(dir, file), stamp, stamp);
    const deploy = (id: string, dir: string) =>
      cli(['deploy', '--source', dir, '--release', id, ...s.common()]);
    expect((await deploy('v1', one)).code).toBe(0);
    expect((await health(s.port))?.version).toBe('v1');
    expect((await deploy('v2', two)).code).toBe(0);
    expect((await health(s.port))?.version).toBe('v2');
    expect(readFileSync(join(s.path, 'releases', 'v2', 'server.cjs'), 'utf8')).toContain('"v2"');
  });

  test('gate as a monitor over SSH: PM2 restarts since the previous check fail the next check', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const check = () =>
      cli([
        'gate',
        '--path',
        s.path,
        '--app',
        s.app,
        '--pm2-bin',
        remotePm2,
        ...s.ssh(),
        ...s.gate,
        '--window',
        '1s',
        '--json'
      ]);
    expect((await check()).code).toBe(0);
    user.run([remotePm2, 'restart', s.app]);
    await healthAgain(s.port);
    const after = await check();
    expect(after.code).toBe(1);
    expect(after.json.reason).toMatch(/since the last check .* rose from/);
  });

  test('a wrong host key is refused: exit 3, the host key named, nothing created on the host', async () => {
    const s = await site();
    const args = ['deploy', '--source', s.source('v1'), '--release', 'v1', ...s.common()];
    args[args.indexOf(sshd.knownHostsFile)] = sshd.wrongKnownHostsFile;
    const result = await cli(args);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/host key of 127\.0\.0\.1:\d+ does not match the known hosts/);
    expect(existsSync(s.path)).toBe(false);
  });

  test('no known hosts at all: refused before connecting (exit 2) unless insecure-skip-host-key-check, which warns', async () => {
    const s = await site();
    const noKnown = sshFlags(sshd, { knownHosts: false });
    const before = sshd.handshakes();
    const refused = await cli(['releases', '--path', s.path, ...noKnown]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Invalid input 'known-hosts': the host key must be verified/);
    expect(sshd.handshakes()).toBe(before);
    const insecure = await cli([
      'releases',
      '--path',
      s.path,
      ...noKnown,
      '--insecure-skip-host-key-check',
      'true'
    ]);
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toMatch(/warning: insecure-skip-host-key-check is on/);
  });

  test('the connection dropped in the middle of an upload: current unchanged, the partial release cleaned by the next deploy', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const big = s.source('v2');
    writeFileSync(join(big, 'assets.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
    process.env.SHIPGATE_RSYNC_BWLIMIT = '1024';
    try {
      const running = cli(['deploy', '--source', big, '--release', 'v2', ...s.common()]);
      const partial = join(s.path, 'releases', '.partial-v2');
      for (let i = 0; i < 200 && !existsSync(partial); i++) await new Promise(r => setTimeout(r, 50));
      expect(existsSync(partial)).toBe(true);
      await new Promise(r => setTimeout(r, 300));
      sshd.dropConnections();
      const dropped = await running;
      expect(dropped.code).toBe(3);
      expect(dropped.stderr).toMatch(/upload to .* failed|ssh to .* failed/);
    } finally {
      delete process.env.SHIPGATE_RSYNC_BWLIMIT;
    }
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
    const next = await s.deploy('v3');
    expect(next.code).toBe(0);
    expect(readdirSync(join(s.path, 'releases')).filter(n => n.startsWith('.partial') || n === 'v2')).toEqual(
      []
    );
  });

  test('two deploys at once to the same path: one proceeds, the other exits 3; current is always a complete release', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const [a, b] = await Promise.all([s.deploy('va'), s.deploy('vb')]);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    const loser = a.code === 3 ? a : b;
    expect(loser.stderr).toMatch(/is locked by/);
    const current = readlinkSync(join(s.path, 'current'));
    expect(['releases/va', 'releases/vb']).toContain(current);
    expect(existsSync(join(s.path, current, 'ecosystem.config.cjs'))).toBe(true);
  });

  test('a run killed while holding the lock: its owner process is provably gone from this machine, so the next deploy breaks it with a warning', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const lock = join(s.path, '.shipgate', 'lock');
    const child = spawn(
      process.execPath,
      [cliPath, 'deploy', '--source', s.source('v2'), '--release', 'v2', ...s.common(), '--window', '20s'],
      { env: { ...process.env }, stdio: 'ignore' }
    );
    for (let i = 0; i < 400 && !existsSync(join(lock, 'owner.json')); i++)
      await new Promise(r => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise(r => child.once('exit', r));
    expect(existsSync(lock)).toBe(true);
    const next = await s.deploy('v3');
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/breaking the deploy lock .*: its owner process \d+ on .* is gone/);
  });

  test('an install step that writes in place over SSH never changes the release it rolls back to (same bytes as when it passed)', async () => {
    const path = join(serverDir(), 'app');
    const healthServer = await startReleaseHealth(path);
    try {
      const lib = { 'node_modules/lib/index.js': 'module.exports = 1;\n' };
      const deploy = (id: string, status: string, extra: string[] = []) =>
        cli([
          'deploy',
          '--source',
          statusSource(join(work, 'src', `inplace-${id}`), status, lib),
          '--release',
          id,
          '--path',
          path,
          ...sshFlags(sshd),
          '--process',
          'command',
          '--restart-command',
          'true',
          ...quickGate(healthServer.url),
          '--json',
          ...extra
        ]);
      expect((await deploy('v1', 'ok')).code).toBe(0);
      const passed = readFileSync(join(path, 'releases', 'v1', 'node_modules/lib/index.js'), 'utf8');
      const bad = await deploy('v2', 'broken', [
        '--install-command',
        'echo patched >> node_modules/lib/index.js'
      ]);
      expect(bad.code).toBe(1);
      expect(bad.json).toMatchObject({ rolledBack: true, restoredRelease: 'v1' });
      expect(readFileSync(join(path, 'releases', 'v2', 'node_modules/lib/index.js'), 'utf8')).toMatch(
        /patched/
      );
      expect(readFileSync(join(path, 'releases', 'v1', 'node_modules/lib/index.js'), 'utf8')).toBe(passed);
    } finally {
      await healthServer.close();
    }
  });

  test('injection attempts in host, user, path, release id and app name: exit 2, the marker never appears', async () => {
    const s = await site();
    const marker = join(work, 'PWNED');
    const ssh = (host: string, user: string) => sshFlags(sshd, { host, user });
    const base = [
      'deploy',
      '--source',
      s.source('v1'),
      '--url',
      `http://127.0.0.1:${s.port}/health`,
      '--pm2-bin',
      remotePm2
    ];
    const attempts = [
      [...base, '--path', s.path, ...ssh(`127.0.0.1;touch ${marker}`, sshd.user)],
      [...base, '--path', s.path, ...ssh('-oProxyCommand=touch_marker', sshd.user)],
      [...base, '--path', s.path, ...ssh('127.0.0.1', `${sshd.user}$(touch ${marker})`)],
      [...base, '--path', `${s.path}$(touch ${marker})`, ...ssh('127.0.0.1', sshd.user)],
      [...base, '--path', s.path, '--release', `v1';touch ${marker};'`, ...ssh('127.0.0.1', sshd.user)],
      [...base, '--path', s.path, '--app', `x\`touch ${marker}\``, ...ssh('127.0.0.1', sshd.user)],
      [...base, '--path', s.path, '--port', '22;id', ...ssh('127.0.0.1', sshd.user).slice(0, 2)]
    ];
    for (const args of attempts) {
      const result = await cli(args);
      expect(result.code).toBe(2);
    }
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(s.path)).toBe(false);
  });

  test('pm2 missing on the server: exit 3 before anything changes', async () => {
    const s = await site();
    const args = ['deploy', '--source', s.source('v1'), '--release', 'v1', ...s.common()];
    args[args.indexOf(remotePm2)] = '/nonexistent/pm2';
    const result = await cli(args);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/pm2 is not usable on .*@127\.0\.0\.1/);
    expect(existsSync(join(s.path, 'current'))).toBe(false);
  });

  test("the private key (ssh-key input) never appears in any output, summary or state; the post step removes it and frees a cancelled run's lock", async () => {
    const s = await site();
    const runnerTemp = mkdtempSync(join(tmpdir(), 'shipgate-runner-'));
    mkdirSync(runnerTemp, { recursive: true });
    const inputs = {
      command: 'deploy',
      target: 'ssh',
      host: '127.0.0.1',
      port: String(sshd.port),
      user: sshd.user,
      'ssh-key': sshd.privateKey,
      'known-hosts': readFileSync(sshd.knownHostsFile, 'utf8'),
      'insecure-skip-host-key-check': 'false',
      path: s.path,
      source: s.source('v1'),
      release: 'v1',
      app: s.app,
      'pm2-bin': remotePm2,
      process: 'pm2',
      'pm2-config': 'ecosystem.config.cjs',
      url: `http://127.0.0.1:${s.port}/health`,
      interval: '500ms',
      window: '1s',
      'healthy-threshold': '2',
      timeout: '10s',
      keep: '5',
      'rollback-on-failure': 'true',
      'lock-expiry': '30m'
    };
    const main = await runActionStep('main', inputs, { RUNNER_TEMP: runnerTemp });
    expect(main.stdout.split('\n').filter(l => l.startsWith('::error::'))).toEqual([]);
    expect(main.code).toBe(0);
    expect(main.outputs.verdict).toBe('pass');
    const stateEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(main.state)) stateEnv[`STATE_${k}`] = v;
    const post = await runActionStep('post', inputs, { ...stateEnv, RUNNER_TEMP: runnerTemp }, main.dir);
    expect(post.code).toBe(0);

    const keyLines = sshd.privateKey.split('\n').filter(l => l.length >= 16 && !l.startsWith('-----'));
    const remoteFiles = [
      join(s.path, '.shipgate', 'history.jsonl'),
      ...readdirSync(join(s.path, '.shipgate', 'pm2')).map(f => join(s.path, '.shipgate', 'pm2', f))
    ];
    const texts = [
      main.stdout
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n'),
      main.stderr,
      post.stdout
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
        .join('\n'),
      post.stderr,
      readFileSync(join(main.dir, 'output'), 'utf8'),
      readFileSync(join(main.dir, 'state'), 'utf8'),
      readFileSync(join(main.dir, 'summary.md'), 'utf8'),
      ...remoteFiles.map(f => readFileSync(f, 'utf8'))
    ];
    for (const text of texts) for (const line of keyLines) expect(text).not.toContain(line);
    // every line of the key was masked for the runner
    for (const line of keyLines) expect(main.stdout).toContain(`::add-mask::${line}`);
    // the key file was written under RUNNER_TEMP with mode 0600 and is gone after the run
    expect(readdirSync(runnerTemp).filter(n => n.startsWith('shipgate-ssh-'))).toEqual([]);

    // a run cancelled mid-deploy (main killed while it holds the lock): the post step frees the
    // lock, only because it is still this run's, and removes the key
    const lock = join(s.path, '.shipgate', 'lock', 'owner.json');
    const killed = await runActionStep(
      'main',
      { ...inputs, release: 'v2', window: '30s' },
      { RUNNER_TEMP: runnerTemp },
      undefined,
      undefined,
      () => existsSync(lock)
    );
    expect(killed.code).not.toBe(0);
    expect(existsSync(lock)).toBe(true);
    expect(readdirSync(runnerTemp).filter(n => n.startsWith('shipgate-ssh-'))).toHaveLength(1);
    const killedState: Record<string, string> = {};
    for (const [k, v] of Object.entries(killed.state)) killedState[`STATE_${k}`] = v;
    const cleanup = await runActionStep(
      'post',
      inputs,
      { ...killedState, RUNNER_TEMP: runnerTemp },
      killed.dir
    );
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toMatch(/::warning::released the deploy lock on .* left by this run/);
    expect(existsSync(join(s.path, '.shipgate', 'lock'))).toBe(false);
    expect(readdirSync(runnerTemp).filter(n => n.startsWith('shipgate-ssh-'))).toEqual([]);

    // without host key verification: it works, and says so in the log and the job summary
    const insecure = await runActionStep(
      'main',
      { ...inputs, release: 'v3', 'known-hosts': '', 'insecure-skip-host-key-check': 'true' },
      { RUNNER_TEMP: runnerTemp }
    );
    expect(insecure.code).toBe(0);
    expect(insecure.stdout).toMatch(/::warning::insecure-skip-host-key-check is on/);
    expect(insecure.summary).toMatch(/Warning:<\/b> insecure-skip-host-key-check is on/);
  });
});
