import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './helpers/http-servers.js';
import { cli } from './helpers/cli.js';
import { health, healthAgain, pm2Bin } from './helpers/pm2.js';
import { runActionStep } from './helpers/run-bundle.js';
import { gateFlags, pm2SitesOfThisFile } from './helpers/sites.js';

const { work, site } = pm2SitesOfThisFile();

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
      interval: '500ms',
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
    await healthAgain(s.port);
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
    await healthAgain(s.port);
    const duringDeploy = await check();
    expect(duringDeploy.code).toBe(0);
    expect(duringDeploy.stderr).toMatch(/a deploy holds the lock .* this check is HTTP only/);

    // an expired lock (a deploy killed long ago) does not switch the watch off for good
    writeFileSync(join(s.path, '.shipgate', 'lock', 'owner.json'), lockOwner(new Date(Date.now() - 1000)));
    execFileSync(pm2Bin, ['restart', s.app], { env: process.env, stdio: 'ignore' });
    await healthAgain(s.port);
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
