/**
 * Blue/green over SSH: a real OpenSSH server on 127.0.0.1, logged in as a non-root deploy user
 * who owns the "server's" nginx (its own prefix, config and port) and PM2. The slot is probed
 * through a forward of the SSH connection, never by reaching the slot port from the runner.
 */
import { chmodSync, mkdirSync, mkdtempSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { writeSampleRelease } from '../scripts/sample-apps.mjs';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { freePort, startClient, startNginx } from '../scripts/nginx-peer.mjs';
import { deployUser } from './helpers/deploy-user.js';
import { cli } from './helpers/pm2.js';
import { startSshd, TestSshd } from './helpers/sshd.js';

const user = deployUser('bluegreen-ssh');
const work = mkdtempSync(join(tmpdir(), 'shipgate-bluegreen-ssh-'));
chmodSync(work, 0o755);
const app = 'bgssh';
let sshd: TestSshd;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let ports: number[];

beforeAll(async () => {
  mkdirSync(join(work, 'srv'));
  mkdirSync(join(work, 'src'));
  user.own(join(work, 'srv'));
  sshd = await startSshd({ user: user.name });
  nginx = await startNginx({ dir: join(work, 'nginx'), app, user: user.name });
  ports = [await freePort(), await freePort()];
});
afterAll(async () => {
  nginx?.stop();
  try {
    user.run([user.pm2Bin, 'kill']);
  } catch {
    // no daemon
  }
  await sshd?.stop();
});

const root = join(work, 'srv', 'app');
const flags = () => [
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
  root,
  '--pm2-bin',
  user.pm2Bin,
  ...nginx.flags(ports),
  '--keep-warm',
  'until-next-deploy',
  '--switch-window',
  '1s',
  '--url',
  nginx.url,
  '--interval',
  '200ms',
  '--healthy-threshold',
  '2',
  '--window',
  '1s',
  '--timeout',
  '60s',
  '--json'
];
const deploy = (version: string, kind = 'good') =>
  cli([
    'deploy',
    '--source',
    writeSampleRelease(join(work, 'src', version), { name: app, version, port: 1, kind }),
    '--release',
    version,
    ...flags()
  ]);

async function through(): Promise<string | null> {
  try {
    const res = await fetch(nginx.url, { signal: AbortSignal.timeout(2000) });
    return ((await res.json()) as { version: string }).version;
  } catch {
    return null;
  }
}

describe('blue/green over SSH, nginx on the server', () => {
  test('deploys gated through a forward, a crash at boot refused before traffic, a warm rollback', async () => {
    expect((await deploy('v1')).code).toBe(0);
    expect(await through()).toBe('v1');

    const client = startClient(nginx.url);
    const v2 = await deploy('v2');
    const v3 = await deploy('v3', 'stale-dist');
    const seen = await client.stop();
    expect(v2.code).toBe(0);
    expect(v2.json).toMatchObject({ verdict: 'pass', strategy: 'blue-green', slot: 'green' });
    // the slot was probed on a local port forwarded over SSH, not on its own port from here
    const probed = /gate: http:\/\/127\.0\.0\.1:(\d+)\/health every/.exec(
      v2.stderr.split('before any traffic moves')[1]
    );
    expect(probed && Number(probed[1])).not.toBe(ports[1]);
    expect(v3.code).toBe(1);
    expect(v3.stderr).toMatch(/the proxy never pointed at it/);
    expect(v3.json.evidence.lines.join('\n')).toMatch(/SyntaxError/);
    expect(seen.failed).toBe(0);
    expect(Object.keys(seen.versions).sort()).toEqual(['v1', 'v2']);
    expect(nginx.upstream()).toContain(`127.0.0.1:${ports[1]};`);
    expect(await through()).toBe('v2');

    // v3 took the idle slot (v1's): a rollback to v1 is cold, then v2 is warm again
    const back = await cli(['rollback', ...flags()]);
    expect(back.json).toMatchObject({ release: 'v1', verdict: 'pass', slot: 'blue' });
    expect(back.json.warm).toBeUndefined();
    const warm = await cli(['rollback', '--to', 'v2', ...flags()]);
    expect(warm.code).toBe(0);
    expect(warm.json).toMatchObject({ release: 'v2', slot: 'green', warm: true });
    expect(await through()).toBe('v2');
    expect(readlinkSync(join(root, 'current'))).toBe('releases/v2');
  });
});
