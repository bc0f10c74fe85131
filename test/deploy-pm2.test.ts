import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './helpers/http-servers.js';
import { cli } from './helpers/cli.js';
import { health, pm2Bin, pm2List, real, servingDirs, usePm2Home } from './helpers/pm2.js';
import { runActionStep } from './helpers/run-bundle.js';
import { gateFlags, pm2Site } from './helpers/sites.js';

const pm2 = usePm2Home();
const work = mkdtempSync(join(tmpdir(), 'shipgate-deploy-'));
afterAll(() => pm2.kill());

/** A PM2 site of this file's daemon, with its release list. */
async function site() {
  const s = await pm2Site({ work, pm2Bin });
  const releases = async (): Promise<{ current: string; releases: Array<{ id: string; status: string }> }> =>
    (await cli(['releases', '--path', s.path, '--json'])).json as never;
  return Object.assign(s, { releases });
}

describe('deploy to a local target with real PM2', () => {
  test('first and second deploy: the new code really serves, every process from the new release (cwd: __dirname trap)', async () => {
    const s = await site();
    const first = await s.deploy('v1');
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      release: 'v1',
      previousRelease: null,
      verdict: 'pass',
      rolledBack: false,
      restoredRelease: null
    });
    expect(Object.keys(first.json.timings).sort()).toEqual(['gateMs', 'rollbackMs', 'switchMs', 'uploadMs']);
    expect(first.json.gate.verdict).toBe('pass');
    expect((await health(s.port))?.version).toBe('v1');

    const second = await s.deploy('v2', 'good', ['--expect-version', 'v2']);
    expect(second.code).toBe(0);
    expect(second.json).toMatchObject({ release: 'v2', previousRelease: 'v1', verdict: 'pass' });
    expect(second.stderr).toMatch(/pm2: reloading/);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v2');
    const history = readFileSync(join(s.path, '.shipgate', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(history.map(h => [h.action, h.release, h.verdict])).toEqual([
      ['deploy', 'v1', 'pass'],
      ['deploy', 'v2', 'pass']
    ]);
    expect(history[1]).toMatchObject({ previousRelease: 'v1', actor: expect.any(String) });
  });

  test('an app started by the common recipe (cwd resolved to release 1) is moved to the new release', async () => {
    const s = await site();
    // what Capistrano-style scripts do: start through current, where cwd: __dirname resolves to releases/v1
    const v1 = join(s.path, 'releases', 'v1');
    mkdirSync(join(s.path, 'releases'), { recursive: true });
    execFileSync('cp', ['-a', s.source('v1'), v1]);
    execFileSync('ln', ['-s', 'releases/v1', join(s.path, 'current')]);
    execFileSync(pm2Bin, ['start', join(s.path, 'current', 'ecosystem.config.cjs')], {
      env: process.env,
      stdio: 'ignore'
    });
    expect(servingDirs(s.app)).toEqual([real(v1)]);

    const result = await s.deploy('v2');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/delete and start .*a reload would keep the old code/);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
  });

  test('crash at boot (the stale dist/ SyntaxError): caught, rolled back to the last good release, evidence shown', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const bad = await s.deploy('v2', 'stale-dist');
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({
      release: 'v2',
      previousRelease: 'v1',
      verdict: 'fail',
      rolledBack: true,
      restoredRelease: 'v1'
    });
    expect(bad.json.gate.reason).toMatch(/pm2 (restart count|processes) .* rose/);
    expect(bad.json.gate.detectedAtMs).not.toBeNull();
    expect(bad.json.restoreGate.verdict).toBe('pass');
    expect(bad.json.timings.rollbackMs).toBeGreaterThan(0);
    expect(bad.stderr).toMatch(/CRITICAL \| SyntaxError: Identifier '__dirname' has already been declared/);
    expect(bad.json.reason).toMatch(/SyntaxError: Identifier '__dirname' has already been declared/);
    expect(bad.json.evidence.restarts).toBeGreaterThan(0);
    expect((await health(s.port))?.version).toBe('v1');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v1'))]);
    const list = await s.releases();
    expect(list.current).toBe('v1');
    expect(list.releases.map(r => [r.id, r.status])).toEqual([
      ['v2', 'bad'],
      ['v1', 'good']
    ]);
  });

  test("a crash 4 s after start is caught by the window, not passed on the first 200; evidence is this release's only", async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    expect((await s.deploy('boot', 'stale-dist')).code).toBe(1);
    const late = await s.deploy('v2', 'late-crash', ['--window', '6s']);
    expect(late.code).toBe(1);
    expect(late.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v1' });
    // it answered 200 first; the window (longer than the 4 s it takes to crash) caught it
    expect(late.json.gate.reason).toMatch(/pm2 (restart count|processes) .* rose/);
    expect(late.stderr).toMatch(/CRITICAL \| TypeError: Cannot read properties of undefined/);
    // the SyntaxError of the earlier release in the same PM2 log is not this release's evidence
    expect(late.json.evidence.lines.join('\n')).not.toContain('SyntaxError');
    expect(late.json.reason).toMatch(/\[log: TypeError/);
    expect((await health(s.port))?.version).toBe('v1');
  });

  test('two bad releases in a row go back to the last good one, not to N-1; rollback --to previous then has nothing (exit 3)', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const b1 = await s.deploy('b1', 'stale-dist', ['--rollback-on-failure', 'false']);
    expect(b1.json).toMatchObject({ verdict: 'fail', rolledBack: false });
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/b1');
    const b2 = await s.deploy('b2', 'stale-dist');
    expect(b2.code).toBe(1);
    expect(b2.json).toMatchObject({ previousRelease: 'b1', rolledBack: true, restoredRelease: 'v1' });
    expect((await health(s.port))?.version).toBe('v1');

    const none = await s.rollback();
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/no good release other than v1/);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
  });

  test('rollback --to previous goes to the last good release before current, gated; --to ID goes to that one', async () => {
    const s = await site();
    for (const id of ['v1', 'v2']) expect((await s.deploy(id)).code).toBe(0);
    expect((await s.deploy('v3', 'stale-dist')).json.restoredRelease).toBe('v2');
    const back = await s.rollback(['--to', 'previous']);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({
      release: 'v1',
      previousRelease: 'v2',
      verdict: 'pass',
      rolledBack: true,
      restoredRelease: 'v1'
    });
    expect(back.json.gate.verdict).toBe('pass');
    expect((await health(s.port))?.version).toBe('v1');
    const forward = await s.rollback(['--to', 'v2']);
    expect(forward.code).toBe(0);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    const missing = await s.rollback(['--to', 'v9']);
    expect(missing.code).toBe(2);
    // a release whose ecosystem file no longer loads is refused before current moves
    writeFileSync(join(s.path, 'releases', 'v1', 'ecosystem.config.cjs'), 'module.exports = {');
    const broken = await s.rollback(['--to', 'v1']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/Invalid input 'pm2-config': ecosystem.config.cjs could not be loaded/);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v2');
    expect((await health(s.port))?.version).toBe('v2');
  });

  test('no good release at all: the first deploy fails, exit 1, says there is nothing to roll back to', async () => {
    const s = await site();
    const bad = await s.deploy('v1', 'stale-dist');
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ verdict: 'fail', rolledBack: false, restoredRelease: null });
    expect(bad.json.reason).toMatch(/No good release to switch back to/);
  });

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
      const unproven = await cli([
        'deploy',
        '--path',
        s.path,
        '--source',
        s.source('v1'),
        '--release',
        'v1',
        '--process',
        'command',
        '--restart-command',
        restart,
        ...gate
      ]);
      expect(unproven.code).toBe(2);
      expect(unproven.stderr).toMatch(/cannot see which code your processes run: the gate must prove it/);
      expect(existsSync(join(s.path, 'releases'))).toBe(false);
      const ok = await cli([
        'deploy',
        '--path',
        s.path,
        '--source',
        s.source('v1'),
        '--release',
        'v1',
        '--process',
        'command',
        '--restart-command',
        restart,
        '--expect-version',
        'v1',
        ...gate
      ]);
      expect(ok.code).toBe(0);
      expect((await health(s.port))?.version).toBe('v1');
      const late = await cli([
        'deploy',
        '--path',
        s.path,
        '--source',
        s.source('v2', 'late-crash', { crashAfterMs: 1000 }),
        '--release',
        'v2',
        '--process',
        'command',
        '--restart-command',
        restart,
        '--expect-version',
        'v2',
        ...gate
      ]);
      expect(late.code).toBe(1);
      expect(late.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v1' });
      expect(late.json.gate.reason).toMatch(/connection refused/);
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

describe('deploy through the bundled action (dist-action/main.js), as the runner runs it', () => {
  test('outputs, and a job summary that shows the crash without opening a server', async () => {
    const s = await site();
    const inputs = (id: string, kind: string) => ({
      command: 'deploy',
      path: s.path,
      source: s.source(id, kind),
      release: id,
      app: s.app,
      'pm2-bin': pm2Bin,
      url: `http://127.0.0.1:${s.port}/health`,
      interval: '250ms',
      window: '1s',
      'healthy-threshold': '2',
      timeout: '10s',
      target: 'local',
      process: 'pm2',
      'pm2-config': 'ecosystem.config.cjs',
      keep: '5',
      'rollback-on-failure': 'true',
      'lock-expiry': '30m',
      'expect-status': '200-299',
      'probe-timeout': '5s',
      grace: '0s',
      'max-failures': '0',
      'version-field': 'version'
    });
    const env = {
      PM2_HOME: process.env.PM2_HOME,
      GITHUB_ACTOR: 'octocat',
      GITHUB_SHA: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
      GITHUB_RUN_ID: '777'
    };
    const good = await runActionStep('main', inputs('v1', 'good'), env);
    expect(good.code).toBe(0);
    expect(good.outputs).toMatchObject({
      release: 'v1',
      verdict: 'pass',
      'rolled-back': 'false',
      'previous-release': ''
    });
    expect(good.summary).toMatch(/Deploy v1: PASS/);

    const bad = await runActionStep('main', inputs('v2', 'stale-dist'), env);
    expect(bad.code).toBe(1);
    expect(bad.outputs).toMatchObject({
      release: 'v2',
      verdict: 'fail',
      'rolled-back': 'true',
      'restored-release': 'v1',
      'previous-release': 'v1'
    });
    expect(bad.stdout).toMatch(/::error::release v2 failed its gate/);
    expect(bad.summary).toMatch(/Failure evidence/);
    expect(bad.summary).toMatch(
      /<b>🛑 SyntaxError: Identifier &#39;__dirname&#39; has already been declared<\/b>/
    );
    expect(bad.summary).toMatch(/Gate of restored v1: PASS/);
    const history = readFileSync(join(s.path, '.shipgate', 'history.jsonl'), 'utf8');
    expect(history).toContain('"actor":"octocat"');
    expect(history).toContain('"runId":"777"');
    expect(history).toContain('"commit":"ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12"');
  });
});

describe('gate as a scheduled monitor of a PM2 app (path + app)', () => {
  test('restarts between two checks fail the next check at once; a quiet interval passes', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const check = () =>
      cli(['gate', '--path', s.path, '--app', s.app, '--pm2-bin', pm2Bin, ...gateFlags(s.port), '--json']);
    const first = await check();
    expect(first.code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(s.path, '.shipgate', `monitor-${s.app}.json`), 'utf8'))
    ).toMatchObject({ app: s.app, restarts: expect.any(Number) });

    // between two checks the app crash-loops (here: two restarts), then answers again
    execFileSync(pm2Bin, ['restart', s.app], { env: process.env, stdio: 'ignore' });
    execFileSync(pm2Bin, ['restart', s.app], { env: process.env, stdio: 'ignore' });
    for (let i = 0; i < 40 && !(await health(s.port)); i++) await new Promise(r => setTimeout(r, 100));
    const second = await check();
    expect(second.code).toBe(1);
    expect(second.json.reason).toMatch(
      new RegExp(`pm2 restart count of app '${s.app}' since the last check \\(.*\\) rose from \\d+ to \\d+`)
    );

    const third = await check();
    expect(third.code).toBe(0);

    // a deploy between two checks reloads the app (PM2 counts a restart): that is no alarm
    expect((await s.deploy('v2')).code).toBe(0);
    const afterDeploy = await check();
    expect(afterDeploy.code).toBe(0);

    // while a deploy holds the lock, the watch stands aside (HTTP only), with a warning
    mkdirSync(join(s.path, '.shipgate', 'lock'));
    const lockOwner = (expiresAt: Date) =>
      JSON.stringify({
        owner: 'ci',
        runId: '9',
        pid: 1,
        hostname: 'other',
        createdAt: new Date().toISOString(),
        expiresAt: expiresAt.toISOString()
      });
    writeFileSync(join(s.path, '.shipgate', 'lock', 'owner.json'), lockOwner(new Date(Date.now() + 600_000)));
    execFileSync(pm2Bin, ['restart', s.app], { env: process.env, stdio: 'ignore' });
    for (let i = 0; i < 40 && !(await health(s.port)); i++) await new Promise(r => setTimeout(r, 100));
    const duringDeploy = await check();
    expect(duringDeploy.code).toBe(0);
    expect(duringDeploy.stderr).toMatch(/a deploy holds the lock .* this check is HTTP only/);

    // an expired lock (a deploy killed long ago) does not switch the watch off for good
    writeFileSync(join(s.path, '.shipgate', 'lock', 'owner.json'), lockOwner(new Date(Date.now() - 1000)));
    execFileSync(pm2Bin, ['restart', s.app], { env: process.env, stdio: 'ignore' });
    for (let i = 0; i < 40 && !(await health(s.port)); i++) await new Promise(r => setTimeout(r, 100));
    const afterExpired = await check();
    expect(afterExpired.code).toBe(1);
    expect(afterExpired.json.reason).toMatch(/since the last check .* rose/);
  });

  test('an app name without the deploy root is bad input (exit 2)', async () => {
    const result = await cli(['gate', '--app', 'web', '--url', 'http://127.0.0.1:1/health']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid input 'path'/);
  });
});

describe('what a release may leave behind (issue 15: environment)', () => {
  /** A release whose code dies when BROKEN_FLAG is set, and reports the keys it got. */
  function envRelease(dir: string, app: string, port: number, version: string, env: Record<string, string>) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'server.cjs'),
      `if (process.env.BROKEN_FLAG) { console.error('TypeError: BROKEN_FLAG is set'); process.exit(1); }
const watched = ['BROKEN_FLAG', 'NODE_OPTIONS', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'INPUT_TELEGRAM-BOT-TOKEN', 'DATABASE_URL'];
require('node:http').createServer((q, s) => s.end(JSON.stringify({ status: 'ok', version: ${JSON.stringify(version)}, keys: watched.filter(k => k in process.env) }))).listen(${port}, '127.0.0.1');`
    );
    writeFileSync(
      join(dir, 'ecosystem.config.cjs'),
      `module.exports = { apps: [{ name: ${JSON.stringify(app)}, script: 'server.cjs', max_restarts: 3, min_uptime: '10s', env: ${JSON.stringify(env)} }] };`
    );
    return dir;
  }

  test('a key a failed release added (BROKEN_FLAG, NODE_OPTIONS) does not survive the restore: the last good release runs with its own environment', async () => {
    const app = 'envapp';
    const port = await freePort();
    const path = join(work, 'env1');
    const gate = gateFlags(port);
    const deploy = (id: string, env: Record<string, string>) =>
      cli([
        'deploy',
        '--source',
        envRelease(join(work, 'src', `env-${id}`), app, port, id, env),
        '--release',
        id,
        '--path',
        path,
        '--app',
        app,
        '--pm2-bin',
        pm2Bin,
        '--json',
        ...gate
      ]);
    expect((await deploy('v1', { A: '1' })).code).toBe(0);
    const bad = await deploy('v2', { A: '1', BROKEN_FLAG: '1', NODE_OPTIONS: '--max-old-space-size=64' });
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ rolledBack: true, restoredRelease: 'v1' });
    expect(bad.json.restoreGate.verdict).toBe('pass');
    const answer = (await health(port)) as unknown as { version: string; keys: string[] };
    expect(answer).toMatchObject({ version: 'v1', keys: [] });
    const list = await cli(['releases', '--path', path, '--json']);
    expect(list.json.releases.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      'v2:bad',
      'v1:good'
    ]);
    // the identical good code deploys again
    expect((await deploy('v3', { A: '1' })).code).toBe(0);
  });

  test("a local deploy's app, install and restart never get the runner's tokens; pass-env names what they may have", async () => {
    const app = 'scrubbed';
    const port = await freePort();
    const path = join(work, 'env2');
    const secrets = {
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-123',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token-456',
      'INPUT_TELEGRAM-BOT-TOKEN': '123:telegram',
      DATABASE_URL: 'postgres://db/app'
    };
    Object.assign(process.env, secrets);
    try {
      const run = await cli([
        'deploy',
        '--source',
        envRelease(join(work, 'src', 'scrub-v1'), app, port, 'v1', {}),
        '--release',
        'v1',
        '--path',
        path,
        '--app',
        app,
        '--pm2-bin',
        pm2Bin,
        '--pass-env',
        'DATABASE_URL',
        '--install-command',
        'env > install-env.txt',
        ...gateFlags(port)
      ]);
      expect(run.code).toBe(0);
      const answer = (await health(port)) as unknown as { keys: string[] };
      expect(answer.keys).toEqual(['DATABASE_URL']);
      const installEnv = readFileSync(join(path, 'releases', 'v1', 'install-env.txt'), 'utf8');
      for (const value of ['runtime-token-123', 'oidc-token-456', '123:telegram'])
        expect(installEnv).not.toContain(value);
      const dump = execFileSync(pm2Bin, ['jlist'], { env: process.env, encoding: 'utf8' });
      for (const value of ['runtime-token-123', 'oidc-token-456', '123:telegram'])
        expect(dump).not.toContain(value);
    } finally {
      for (const k of Object.keys(secrets)) delete process.env[k];
    }
  });

  test('the target remembers the ecosystem file and app: rollback needs neither flag; a missing file is named before any upload, with the one that exists', async () => {
    const s = await site();
    const src = s.source('v1');
    execFileSync('mv', [join(src, 'ecosystem.config.cjs'), join(src, 'app.config.cjs')]);
    const wrong = await cli([
      'deploy',
      '--source',
      src,
      '--release',
      'v1',
      '--path',
      s.path,
      '--pm2-bin',
      pm2Bin,
      '--pm2-config',
      'ecosystem.config.js',
      '--url',
      `http://127.0.0.1:${s.port}/health`
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/has no ecosystem\.config\.js/);
    expect(existsSync(s.path)).toBe(false);
    const gate = gateFlags(s.port);
    const deploy = (id: string) => {
      const dir = s.source(id);
      execFileSync('mv', [join(dir, 'ecosystem.config.cjs'), join(dir, 'app.config.cjs')]);
      return cli([
        'deploy',
        '--source',
        dir,
        '--release',
        id,
        '--path',
        s.path,
        '--pm2-bin',
        pm2Bin,
        '--pm2-config',
        'app.config.cjs',
        ...gate
      ]);
    };
    expect((await deploy('v1')).code).toBe(0);
    expect((await deploy('v2')).code).toBe(0);
    const back = await cli(['rollback', '--path', s.path, ...gate, '--json']);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({ release: 'v1', verdict: 'pass' });
    expect((await health(s.port))?.version).toBe('v1');
  });
});
