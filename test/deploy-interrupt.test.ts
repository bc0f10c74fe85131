/**
 * Ctrl-C or a cancelled run during the gate (issue 16): the signal goes to the real CLI process
 * and to the action's main step; the post step finishes what a killed main could not. After
 * each, the last good release serves, the interrupted one is recorded as such, the lock is free.
 */
import { existsSync, mkdtempSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
import { freePort } from './helpers/http-servers.js';
import { cli } from './helpers/cli.js';
import { health, pm2Bin, usePm2Home } from './helpers/pm2.js';
import { cliPath, runActionStep, runNode } from './helpers/run-bundle.js';
import { gateFlags } from './helpers/sites.js';

const pm2 = usePm2Home();
afterAll(() => pm2.kill());
const work = mkdtempSync(join(tmpdir(), 'shipgate-interrupt-'));
let n = 0;

async function site() {
  const id = ++n;
  const app = `int${id}`;
  const root = join(work, `site${id}`, 'app');
  const port = await freePort();
  const source = (version: string) =>
    writeSampleRelease(join(work, 'src', `${app}-${version}`), { name: app, version, port, kind: 'good' });
  const flags = (window = '1s') => [
    '--target',
    'local',
    '--path',
    root,
    '--app',
    app,
    '--pm2-bin',
    pm2Bin,
    ...gateFlags(port, { window })
  ];
  return { app, root, port, source, flags };
}

const env = () => ({ PM2_HOME: pm2.home, PATH: process.env.PATH ?? '' });
/** The gate of the new release has started: its processes are proven and probes run. */
const gating = (release: string) => (output: string) =>
  output.includes(`run release ${release}`) &&
  /\[ +\d+\.\d+s\] http/.test(output.split(`run release ${release}`)[1] ?? '');

describe('an interrupted deploy restores the last good release', () => {
  test('SIGINT to the CLI mid-gate: exit 130, the last good release serves, the release is recorded interrupted, the lock is free', async () => {
    const s = await site();
    expect((await cli(['deploy', '--source', s.source('v1'), '--release', 'v1', ...s.flags()])).code).toBe(0);
    const run = await runNode(
      [cliPath, 'deploy', '--source', s.source('v2'), '--release', 'v2', ...s.flags('120s'), '--json'],
      env(),
      120_000,
      undefined,
      gating('v2'),
      'SIGINT'
    );
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted by SIGINT: restoring/);
    expect(JSON.parse(run.stdout)).toMatchObject({
      verdict: 'fail',
      interrupted: 'SIGINT',
      rolledBack: true,
      restoredRelease: 'v1'
    });
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
    expect(existsSync(join(s.root, '.shipgate', 'lock'))).toBe(false);
    const list = await cli(['releases', '--target', 'local', '--path', s.root, '--json']);
    expect(list.json.releases.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      'v2:interrupted',
      'v1:good'
    ]);
    // a later rollback --to previous from v1 has nothing good before it; a new deploy works
    expect((await cli(['deploy', '--source', s.source('v3'), '--release', 'v3', ...s.flags()])).code).toBe(0);
    expect((await health(s.port))?.version).toBe('v3');
  });

  test("SIGINT to the action's main step mid-gate (a cancelled run): main restores; the post step has nothing left to do", async () => {
    const s = await site();
    expect((await cli(['deploy', '--source', s.source('v1'), '--release', 'v1', ...s.flags()])).code).toBe(0);
    const inputs = actionInputs(s, 'v2', '120s');
    const main = await runActionStep('main', inputs, env(), undefined, undefined, gating('v2'), 'SIGINT');
    expect(main.code).not.toBe(0);
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
    const post = await runActionStep('post', inputs, { ...env(), ...stateEnv(main.state) }, main.dir);
    expect(post.code).toBe(0);
    expect(existsSync(join(s.root, '.shipgate', 'lock'))).toBe(false);
    expect((await health(s.port))?.version).toBe('v1');
  });

  test('main killed outright mid-gate: the post step switches back to the last good release and frees the lock', async () => {
    const s = await site();
    expect((await cli(['deploy', '--source', s.source('v1'), '--release', 'v1', ...s.flags()])).code).toBe(0);
    const inputs = actionInputs(s, 'v2', '120s');
    const main = await runActionStep('main', inputs, env(), undefined, undefined, gating('v2'), 'SIGKILL');
    expect(main.code).not.toBe(0);
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v2');
    expect(existsSync(join(s.root, '.shipgate', 'lock'))).toBe(true);
    const post = await runActionStep('post', inputs, { ...env(), ...stateEnv(main.state) }, main.dir);
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(
      /::warning::the run was cancelled while v2 was being gated: switched back to v1/
    );
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
    expect(existsSync(join(s.root, '.shipgate', 'lock'))).toBe(false);
    const list = await cli(['releases', '--target', 'local', '--path', s.root, '--json']);
    expect(list.json.releases.find((r: { id: string }) => r.id === 'v2').status).toBe('interrupted');
  });
});

function actionInputs(
  s: Awaited<ReturnType<typeof site>>,
  release: string,
  window: string
): Record<string, string> {
  return {
    command: 'deploy',
    target: 'local',
    path: s.root,
    source: s.source(release),
    release,
    app: s.app,
    'pm2-bin': pm2Bin,
    url: `http://127.0.0.1:${s.port}/health`,
    interval: '500ms',
    window,
    'healthy-threshold': '2',
    timeout: '30s',
    'expect-status': '200-299',
    'version-field': 'version',
    'probe-timeout': '5s',
    grace: '0s',
    'max-failures': '0',
    keep: '5',
    'rollback-on-failure': 'true',
    'lock-expiry': '30m',
    'expect-release': 'false',
    'release-field': 'release'
  };
}

function stateEnv(state: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(state)) out[`STATE_${k}`] = v;
  return out;
}
