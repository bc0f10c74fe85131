/**
 * Blue/green behind a real nginx (issue 14), local target with real PM2. One site, one nginx,
 * one PM2 daemon for the file; the steps build on each other as a team's deploys do. A client
 * keeps calling through nginx during each deploy: what it saw is what users would have seen (it
 * resends a GET once when nginx's reload closed its kept-alive connection, as browsers do).
 */
import { mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { freePort, startClient, startNginx } from '../scripts/nginx-peer.mjs';
import { cli, pm2Bin, pm2List, usePm2Home } from './helpers/pm2.js';
import { cliPath, runNode } from './helpers/run-bundle.js';

interface Client {
  counts: { ok: number; failed: number; retried: number; versions: Record<string, number>; errors: string[] };
  stop(): Promise<Client['counts']>;
}

const pm2 = usePm2Home();
const work = mkdtempSync(join(tmpdir(), 'shipgate-bluegreen-'));
const app = 'bg';
const root = join(work, 'site');
let nginx: Awaited<ReturnType<typeof startNginx>>;
let ports: number[];

beforeAll(async () => {
  nginx = await startNginx({ dir: join(work, 'nginx'), app });
  ports = [await freePort(), await freePort()];
});
afterAll(() => {
  nginx?.stop();
  pm2.kill();
});

const source = (version: string, kind = 'good', crashAfterMs?: number) =>
  writeSampleRelease(join(work, 'src', version), { name: app, version, port: 1, kind, crashAfterMs });

const flags = (window = '1s', extra: string[] = []) => [
  '--target',
  'local',
  '--path',
  root,
  '--pm2-bin',
  pm2Bin,
  ...nginx.flags(ports),
  '--url',
  nginx.url,
  '--interval',
  '150ms',
  '--healthy-threshold',
  '2',
  '--window',
  window,
  '--switch-window',
  '1s',
  '--timeout',
  '60s',
  ...extra
];

const deploy = (version: string, kind = 'good', extra: string[] = [], window = '1s', crashAfterMs?: number) =>
  cli([
    'deploy',
    '--source',
    source(version, kind, crashAfterMs),
    '--release',
    version,
    ...flags(window, extra),
    '--json'
  ]);

/** The pid of the slot's online process (null when none). */
const pidOf = (slot: 'blue' | 'green') =>
  pm2List(`${app}-${slot}`).find(p => p.pm2_env.status === 'online')?.pid ?? null;

async function through(): Promise<string | null> {
  try {
    const res = await fetch(nginx.url, { signal: AbortSignal.timeout(2000) });
    return ((await res.json()) as { version: string }).version;
  } catch {
    return null;
  }
}

async function withClient<T>(run: () => Promise<T>): Promise<{ result: T; seen: Client['counts'] }> {
  const client: Client = startClient(nginx.url);
  const result = await run();
  return { result, seen: await client.stop() };
}

describe('blue/green behind nginx, local target', () => {
  test('first deploy: starts in the blue slot, gated on its port, then nginx points at it', async () => {
    const run = await deploy('v1', 'good', ['--keep-warm', 'until-next-deploy']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ verdict: 'pass', strategy: 'blue-green', slot: 'blue' });
    expect(run.stderr).toMatch(/gate: the blue slot on port \d+, before any traffic moves/);
    expect(nginx.upstream()).toContain(`server 127.0.0.1:${ports[0]};`);
    expect(await through()).toBe('v1');
    expect(readlinkSync(join(root, 'current'))).toBe('releases/v1');
  });

  test('good deploy: a client calling through nginx never fails; the old slot stays warm', async () => {
    const bluePid = pidOf('blue');
    const { result: run, seen } = await withClient(() => deploy('v2'));
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ verdict: 'pass', slot: 'green' });
    expect(seen.errors).toEqual([]);
    expect(seen.failed).toBe(0);
    expect(seen.versions.v1).toBeGreaterThan(0);
    expect(seen.versions.v2).toBeGreaterThan(0);
    expect(await through()).toBe('v2');
    // keep-warm until-next-deploy is remembered: v1 still runs, untouched
    expect(pidOf('blue')).toBe(bluePid);
  });

  test('warm rollback: one proxy switch, the old process was never restarted', async () => {
    const bluePid = pidOf('blue');
    const { result: run, seen } = await withClient(() => cli(['rollback', ...flags(), '--json']));
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ release: 'v1', verdict: 'pass', slot: 'blue', warm: true });
    expect(seen.failed).toBe(0);
    expect(await through()).toBe('v1');
    expect(pidOf('blue')).toBe(bluePid);
    expect(readlinkSync(join(root, 'current'))).toBe('releases/v1');
  });

  test('crash at boot (the first outage): refused in its slot, nginx never moved, users saw nothing', async () => {
    const before = nginx.upstream();
    const bluePid = pidOf('blue');
    const { result: run, seen } = await withClient(() => deploy('v3', 'stale-dist'));
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ verdict: 'fail', slot: 'green', restoredRelease: 'v1' });
    expect(run.json.evidence.lines.join('\n')).toMatch(/SyntaxError/);
    expect(run.stderr).toMatch(/the proxy never pointed at it/);
    expect(seen.failed).toBe(0);
    expect(Object.keys(seen.versions)).toEqual(['v1']);
    expect(nginx.upstream()).toBe(before);
    expect(pidOf('blue')).toBe(bluePid);
    expect(pidOf('green')).toBeNull();
  });

  test('crash inside the window: refused before traffic, the current release never stopped', async () => {
    const bluePid = pidOf('blue');
    const { result: run, seen } = await withClient(() => deploy('v4', 'late-crash', [], '4s', 1000));
    expect(run.code).toBe(1);
    // whichever sees the crash first in its round, the slot's counters or its probe (scheduling)
    expect(run.json.gate.reason).toMatch(/restart count|errored|stopped|waiting|connection (refused|reset)/);
    expect(run.json.evidence.lines.join('\n')).toMatch(/TypeError: Cannot read properties of undefined/);
    expect(seen.failed).toBe(0);
    expect(Object.keys(seen.versions)).toEqual(['v1']);
    expect(pidOf('blue')).toBe(bluePid);
  });

  test('failure after the switch: nginx is switched back at once to the warm slot', async () => {
    const bluePid = pidOf('blue');
    const { result: run, seen } = await withClient(() => deploy('v5', 'rejects-proxy'));
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({
      verdict: 'fail',
      slot: 'green',
      switchedBack: true,
      restoredRelease: 'v1'
    });
    expect(run.stderr).toMatch(/switched back to the blue slot \(v1\)/);
    expect(seen.versions.v1).toBeGreaterThan(0);
    expect(await through()).toBe('v1');
    expect(nginx.upstream()).toContain(`server 127.0.0.1:${ports[0]};`);
    expect(pidOf('blue')).toBe(bluePid);
    expect(pidOf('green')).toBeNull();
  });

  test('cold rollback: a release no slot runs starts in the idle slot and is gated there first', async () => {
    const run = await cli(['rollback', '--to', 'v2', ...flags('1s', ['--keep-warm', 'window']), '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ release: 'v2', verdict: 'pass', slot: 'green' });
    expect(run.json.warm).toBeUndefined();
    expect(run.stderr).toMatch(/the green slot on port \d+, before any traffic moves/);
    expect(await through()).toBe('v2');
    // keep-warm window: once the window through the proxy passed, the old slot stopped
    expect(pidOf('blue')).toBeNull();
    const list = await cli(['releases', '--target', 'local', '--path', root, '--json']);
    expect(list.json.current).toBe('v2');
    expect(list.json.releases.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual([
      'v5:bad',
      'v4:bad',
      'v3:bad',
      'v2:good',
      'v1:good'
    ]);
  });
});

describe('the scheduled monitor on a blue/green target', () => {
  test('watches the restarts of the slot nginx sends the traffic to', async () => {
    const run = await cli([
      'gate',
      '--url',
      nginx.url,
      '--path',
      root,
      '--app',
      app,
      '--pm2-bin',
      pm2Bin,
      '--interval',
      '150ms',
      '--window',
      '500ms',
      '--healthy-threshold',
      '1',
      '--json'
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/nginx sends the traffic to bg-green; its restarts are watched/);
  });
});

describe('bad input is refused before anything switches', () => {
  const unchanged = async (run: { code: number; stderr: string }, code: number, message: RegExp) => {
    const before = nginx.upstream();
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(nginx.upstream()).toBe(before);
    expect(await through()).toBe('v2');
  };

  test('a slot port in use by another process: exit 2', async () => {
    const squatter = createServer();
    await new Promise<void>(resolve => squatter.listen(ports[0], '127.0.0.1', resolve));
    try {
      await unchanged(await deploy('x1'), 2, /slot port \d+ \(the blue slot\) is in use/);
    } finally {
      await new Promise(resolve => squatter.close(resolve));
    }
  });

  test('a configuration nginx -t refuses: exit 2 with what nginx said', async () => {
    const broken = join(work, 'broken.conf');
    writeFileSync(broken, 'events {}\nhttp { this is not nginx; }\n');
    const test = `${nginx.testCommand.replace(/-c \S+/, `-c ${broken}`)}`;
    await unchanged(
      await deploy('x2', 'good', ['--proxy-test-command', test]),
      2,
      /refuses the nginx configuration/
    );
  });

  test('a configuration that does not include the upstream file: exit 2 naming the include', async () => {
    const other = join(work, 'no-include.conf');
    writeFileSync(other, `events {}\nhttp { server { listen 127.0.0.1:${await freePort()}; } }\n`);
    const test = `${nginx.testCommand.replace(/-c \S+/, `-c ${other}`)}`;
    await unchanged(
      await deploy('x3', 'good', ['--proxy-test-command', test]),
      2,
      /does not include .*\.upstream/
    );
  });

  test('process: command cannot run two slots: exit 2', async () => {
    const command = ['--process', 'command', '--restart-command', 'true', '--expect-release', 'true'];
    await unchanged(await deploy('x5', 'good', command), 2, /use process: pm2/);
  });

  test('a proxy that does not answer: exit 3', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/health`;
    await unchanged(await deploy('x4', 'good', ['--url', closed]), 3, /the proxy does not answer/);
  });
});

describe('an interrupt leaves the proxy on a good slot', () => {
  test('SIGINT during the slot gate: exit 130, nginx never moved, the serving release untouched', async () => {
    const before = nginx.upstream();
    const greenPid = pidOf('green');
    const run = await runNode(
      [cliPath, 'deploy', '--source', source('v6'), '--release', 'v6', ...flags('60s'), '--json'],
      { PM2_HOME: pm2.home },
      120_000,
      undefined,
      out => /before any traffic moves[\s\S]*\[ +\d+\.\d+s\] http/.test(out),
      'SIGINT'
    );
    expect(run.code).toBe(130);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'fail', interrupted: 'SIGINT' });
    expect(nginx.upstream()).toBe(before);
    expect(await through()).toBe('v2');
    expect(pidOf('green')).toBe(greenPid);
    expect(pidOf('blue')).toBeNull();
  });
});
