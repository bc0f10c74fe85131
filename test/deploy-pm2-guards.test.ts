import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { health, pm2Bin, pm2List } from './helpers/pm2.js';
import { gateFlags, pm2SitesOfThisFile } from './helpers/sites.js';

const { work, site } = pm2SitesOfThisFile();

describe('deploy to a local target with real PM2: bad input, locks, pruning, shared files, process: command', () => {
  test('identifiers with shell metacharacters: exit 2, nothing runs, nothing is created', async () => {
    const s = await site();
    const marker = join(work, 'INJECTED');
    const source = s.source('v1');
    const base = [
      'deploy',
      '--source',
      source,
      '--pm2-bin',
      pm2Bin,
      '--url',
      `http://127.0.0.1:${s.port}/health`
    ];
    const attempts = [
      [...base, '--path', s.path, '--release', `v1;touch ${marker}`],
      [...base, '--path', s.path, '--release', `$(touch ${marker})`],
      [...base, '--path', s.path, '--app', `web$(touch ${marker})`],
      [...base, '--path', `${s.path};touch ${marker}`],
      [...base, '--path', s.path, '--shared', `../$(touch ${marker})`],
      [
        'rollback',
        '--path',
        s.path,
        '--to',
        `v1;touch ${marker}`,
        '--url',
        `http://127.0.0.1:${s.port}/health`
      ]
    ];
    for (const args of attempts) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Invalid input '(release|app|path|shared|to)'/);
    }
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(s.path)).toBe(false);
  });

  test('a held lock stops a second deploy with exit 3; an expired one is broken with a warning', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const lock = join(s.path, '.shipgate', 'lock');
    mkdirSync(lock);
    const owner = {
      owner: 'ci-bot',
      runId: '1234',
      pid: 1,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 600_000).toISOString()
    };
    writeFileSync(join(lock, 'owner.json'), JSON.stringify(owner));
    const held = await s.deploy('v2');
    expect(held.code).toBe(3);
    expect(held.stderr).toMatch(/locked by ci-bot \(run 1234\)/);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v1');
    expect(existsSync(join(s.path, 'releases', 'v2'))).toBe(false);

    writeFileSync(
      join(lock, 'owner.json'),
      JSON.stringify({ ...owner, expiresAt: new Date(Date.now() - 1000).toISOString() })
    );
    const broken = await s.deploy('v2');
    expect(broken.code).toBe(0);
    expect(broken.stderr).toMatch(/breaking the deploy lock .* held by ci-bot \(run 1234\).*: it expired/);
    expect(existsSync(lock)).toBe(false);
  });

  test('keep counts good releases; the current and the last good release survive pruning', async () => {
    const s = await site();
    for (const id of ['g1', 'g2', 'g3']) expect((await s.deploy(id, 'good', ['--keep', '1'])).code).toBe(0);
    expect(readdirSync(join(s.path, 'releases')).sort()).toEqual(['g2', 'g3']);
    const bad = await s.deploy('b1', 'stale-dist', ['--keep', '1', '--rollback-on-failure', 'false']);
    expect(bad.code).toBe(1);
    expect((await s.deploy('g4', 'good', ['--keep', '1'])).code).toBe(0);
    // g4 current, g3 the last good before it; b1 (bad, older than the kept good one) and g2 go
    expect(readdirSync(join(s.path, 'releases')).sort()).toEqual(['g3', 'g4']);
  });

  test('shared files are linked into every release; a missing shared file stops the deploy with exit 3 and nothing switched', async () => {
    const s = await site();
    const missing = await s.deploy('v1', 'good', ['--shared', '.env']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/shared file '.env' is neither/);
    expect(existsSync(join(s.path, 'current'))).toBe(false);
    mkdirSync(join(s.path, 'shared'), { recursive: true });
    writeFileSync(join(s.path, 'shared', '.env'), 'SECRET=1\n');
    const ok = await s.deploy('v1', 'good', ['--shared', '.env,logs/']);
    expect(ok.code).toBe(0);
    expect(readlinkSync(join(s.path, 'releases', 'v1', '.env'))).toBe(join(s.path, 'shared', '.env'));
    expect(readlinkSync(join(s.path, 'releases', 'v1', 'logs'))).toBe(join(s.path, 'shared', 'logs'));
    const install = await s.deploy('v2', 'good', [
      '--shared',
      '.env',
      '--install-command',
      'test -f .env && echo installed > installed.txt'
    ]);
    expect(install.code).toBe(0);
    expect(readFileSync(join(s.path, 'releases', 'v2', 'installed.txt'), 'utf8')).toBe('installed\n');
    const failedInstall = await s.deploy('v3', 'good', ['--install-command', 'exit 7']);
    expect(failedInstall.code).toBe(3);
    expect(existsSync(join(s.path, 'releases', 'v3'))).toBe(false);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v2');
  });

  test('process: command cannot see which code runs: refused (exit 2) unless the gate proves it; with expect-version it deploys and rolls back', async () => {
    const s = await site();
    const pidFile = join(s.path, 'shared', 'app.pid');
    const restart = `kill $(cat "${pidFile}" 2>/dev/null) 2>/dev/null; sleep 0.3; PORT=${s.port} nohup node server.cjs >/dev/null 2>&1 & echo $! > "${pidFile}"`;
    mkdirSync(join(s.path, 'shared'), { recursive: true });
    // the late crash comes 1 s after start: the window must outlast it
    const gate = [...gateFlags(s.port, { window: '2s' }), '--json'];
    try {
      const deploy = (release: string, source: string, extra: string[] = []) =>
        cli([
          'deploy',
          '--path',
          s.path,
          '--source',
          source,
          '--release',
          release,
          '--process',
          'command',
          '--restart-command',
          restart,
          ...extra,
          ...gate
        ]);
      const unproven = await deploy('v1', s.source('v1'));
      expect(unproven.code).toBe(2);
      expect(unproven.stderr).toMatch(/cannot see which code your processes run: the gate must prove it/);
      expect(existsSync(join(s.path, 'releases'))).toBe(false);
      const ok = await deploy('v1', s.source('v1'), ['--expect-version', 'v1']);
      expect(ok.code).toBe(0);
      expect((await health(s.port))?.version).toBe('v1');
      const late = await deploy('v2', s.source('v2', 'late-crash', { crashAfterMs: 1000 }), [
        '--expect-version',
        'v2'
      ]);
      expect(late.code).toBe(1);
      expect(late.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v1' });
      // refused, or reset when a probe's connection was accepted just as the process died
      expect(late.json.gate.reason).toMatch(/connection (refused|reset)/);
      expect((await health(s.port))?.version).toBe('v1');
    } finally {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')));
      } catch {
        // not running
      }
    }
  });

  test('pm2 missing on the target: exit 3 before anything changes', async () => {
    const s = await site();
    const result = await cli([
      'deploy',
      '--path',
      s.path,
      '--source',
      s.source('v1'),
      '--pm2-bin',
      '/nonexistent/pm2',
      '--url',
      `http://127.0.0.1:${s.port}/health`
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/pm2 is not usable/);
    expect(existsSync(join(s.path, 'current'))).toBe(false);
    expect(pm2List(s.app)).toEqual([]);
  });
});
