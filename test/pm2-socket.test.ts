import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Pm2ProcessManager, parsePm2List } from '../src/platforms/host/process/pm2.js';
import { Pm2ListReader, Pm2Process } from '../src/platforms/host/process/pm2-rpc.js';
import { Host } from '../src/platforms/host/transport/host.js';
import { LocalHost } from '../src/platforms/host/transport/local.js';
import { SshHost } from '../src/platforms/host/transport/ssh.js';
import { DeployUser, deployUser } from './helpers/deploy-user.js';
import { pm2Daemon } from './helpers/pm2.js';
import { startSshd } from './helpers/sshd.js';

// The gate reads PM2's process list every round. After the first `pm2 jlist` it reads it on the
// daemon's socket (no pm2 CLI process per round; over SSH a forward, not a session). These tests
// hold the readings against what `pm2 jlist` says at the same moment, with real PM2 daemons and
// a real OpenSSH server, and count the pm2 commands run through a wrapper that logs them.

const work = mkdtempSync(join(tmpdir(), 'shipgate-pm2-socket-'));
const appFile = join(work, 'app.js');
writeFileSync(appFile, "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1');\n");
// the deploy user runs the app too
chmodSync(work, 0o755);
const daemons: Array<() => void> = [];

afterAll(() => {
  for (const kill of daemons) kill();
  rmSync(work, { recursive: true, force: true });
});

/**
 * A pm2 with a daemon of its own, behind a wrapper that logs each command: `calls('jlist')`.
 * With a deploy user: that user's nvm-style pm2, run as that user (what an SSH deploy logs in as).
 */
function countingPm2(name: string, user?: DeployUser) {
  const inner = user ? user.pm2Daemon(name) : pm2Daemon(name);
  const logDir = mkdtempSync(join(tmpdir(), 'shipgate-pm2-calls-'));
  user?.own(logDir);
  const log = join(logDir, 'calls.log');
  const bin = join(dirname(inner), `pm2-${name}-counting`);
  writeFileSync(bin, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${inner}' "$@"\n`);
  chmodSync(bin, 0o755);
  const pm2 = (...args: string[]) =>
    user ? user.run([inner, ...args]) : execFileSync(inner, args, { encoding: 'utf8', timeout: 60_000 });
  daemons.push(() => {
    try {
      pm2('kill');
    } catch {
      // gone
    }
    rmSync(logDir, { recursive: true, force: true });
    rmSync(bin, { force: true });
  });
  return {
    bin,
    pm2,
    calls: (command: string) => {
      try {
        return readFileSync(log, 'utf8')
          .split('\n')
          .filter(line => line === command).length;
      } catch {
        return 0;
      }
    },
    /** What `pm2 jlist` says now (not through the counting wrapper). */
    list: () => parsePm2List(pm2('jlist')),
    home: user ? join(user.home, `.pm2-${name}`) : join(dirname(inner), 'home')
  };
}

/** The fields the gate and the serving proof read. */
const summary = (processes: Pm2Process[]) =>
  processes
    .map(p => ({
      name: p.name,
      id: p.pm_id,
      pid: p.pid,
      status: p.pm2_env.status,
      restarts: p.pm2_env.restart_time
    }))
    .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));

/** One reading through the manager equals what `pm2 jlist` says of `web` at that moment. */
async function readsLikeJlist(pm: Pm2ProcessManager, host: Host, pm2: ReturnType<typeof countingPm2>) {
  expect(summary(await pm.list(host))).toEqual(summary(pm2.list().filter(p => p.name === 'web')));
}

const manager = (bin: string) => new Pm2ProcessManager({ bin, configFile: null, app: 'web', stateDir: work });

function controlDir(): string {
  const dir = mkdtempSync('/tmp/sg-');
  chmodSync(dir, 0o700);
  return dir;
}

describe("PM2's process list on the daemon's socket", () => {
  test('local: one pm2 jlist, then every reading comes from the socket and matches pm2 jlist at that moment', async () => {
    const pm2 = countingPm2('sock-local');
    pm2.pm2('start', appFile, '--name', 'web');
    pm2.pm2('start', appFile, '--name', 'other');
    const host = new LocalHost();
    const pm = manager(pm2.bin);
    try {
      await readsLikeJlist(pm, host, pm2);
      expect(pm2.calls('jlist')).toBe(1);
      for (let i = 0; i < 3; i++) await readsLikeJlist(pm, host, pm2);
      // live, not a copy: a restart shows at once, with its new pid
      const before = (await pm.list(host))[0];
      pm2.pm2('restart', 'web');
      const after = (await pm.list(host))[0];
      expect(after.pm2_env.restart_time).toBe(before.pm2_env.restart_time + 1);
      expect(after.pid).not.toBe(before.pid);
      expect(summary([after])).toEqual(summary(pm2.list().filter(p => p.name === 'web')));
      // the gate's two counters
      const [restarts, down] = pm.signals(host);
      expect(await restarts.read()).toBe(1);
      expect(await down.read()).toBe(0);
      pm2.pm2('stop', 'web');
      expect(await down.read()).toBe(1);
      expect(pm2.calls('jlist')).toBe(1);

      // the daemon goes away (pm2 kill, a crash, pm2 update): the reading is pm2 jlist again,
      // which starts a fresh daemon that knows no app: the gate sees the app down
      pm2.pm2('kill');
      expect(await pm.list(host)).toEqual([]);
      expect(await down.read()).toBe(1);
      expect(pm2.calls('jlist')).toBe(3);
      // the new daemon's socket is used once it lists a process
      pm2.pm2('start', appFile, '--name', 'web');
      await pm.list(host);
      const jlists = pm2.calls('jlist');
      await readsLikeJlist(pm, host, pm2);
      expect(summary(await pm.list(host))).toHaveLength(1);
      expect(pm2.calls('jlist')).toBe(jlists);
    } finally {
      await host.close();
    }
  });

  test('a socket that is not the daemon pm2 jlist talks to, or not PM2 at all, is never read: pm2 jlist answers every time', async () => {
    const a = countingPm2('sock-a');
    const b = countingPm2('sock-b');
    a.pm2('start', appFile, '--name', 'web');
    b.pm2('start', appFile, '--name', 'elsewhere');
    const host = new LocalHost();
    // every reader below is told (by its jlist) that the daemon's home is somewhere else
    const reader = (home: string) => {
      let jlists = 0;
      const r = new Pm2ListReader(
        host,
        async () => {
          jlists++;
          return a.list().map(p => ({ ...p, pm2_env: { ...p.pm2_env, PM2_HOME: home } }));
        },
        { timeoutMs: 500, maxAttempts: 3 }
      );
      return { r, jlists: () => jlists };
    };
    const servers: Server[] = [];
    const fakeDaemon = async (name: string, answer: (socket: Socket) => void) => {
      const home = mkdtempSync(join(tmpdir(), `shipgate-${name}-`));
      let connections = 0;
      const server = createServer(socket => {
        connections++;
        socket.on('error', () => undefined);
        answer(socket);
      });
      servers.push(server);
      await new Promise<void>(resolve => server.listen(join(home, 'rpc.sock'), resolve));
      return { home, connections: () => connections };
    };
    try {
      const truth = summary(a.list());
      // another PM2 daemon, with other processes
      const other = reader(b.home);
      // a socket that answers garbage, and one that never answers
      const garbage = await fakeDaemon('garbage', socket =>
        socket.on('data', () => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'))
      );
      const silent = await fakeDaemon('silent', () => undefined);
      const readers = [other, reader(garbage.home), reader(silent.home)];
      for (const { r, jlists } of readers) {
        for (let i = 0; i < 5; i++) {
          expect(summary(await r.all())).toEqual(truth);
          // pm2 jlist answered this reading, not the socket
          expect(jlists()).toBe(i + 1);
        }
        expect(jlists()).toBe(5);
      }
      // a socket that fails is tried again a few times, not on every reading
      expect(garbage.connections()).toBe(3);
      expect(silent.connections()).toBe(3);
    } finally {
      for (const server of servers) server.close();
      await host.close();
    }
  });

  describe('over SSH, as a non-root deploy user with an nvm-style pm2', () => {
    const user = deployUser('pm2-socket');
    /**
     * A real sshd (with more config lines) that lets the deploy user in, that user's counting pm2
     * with `web` started, and a host through them for `body`. Whatever `body` opened, closing the
     * host leaves no forwarded socket behind in the control folder.
     */
    async function overSsh(
      name: string,
      config: string[],
      body: (host: Host, pm2: ReturnType<typeof countingPm2>, controlFolder: string) => Promise<void>
    ): Promise<void> {
      const sshd = await startSshd({ user: user.name, config });
      const pm2 = countingPm2(name, user);
      pm2.pm2('start', appFile, '--name', 'web');
      const dir = controlDir();
      const host = new SshHost({
        host: '127.0.0.1',
        port: sshd.port,
        user: sshd.user,
        keyFile: sshd.keyFile,
        knownHostsFile: sshd.knownHostsFile,
        insecureSkipHostKeyCheck: false,
        controlDir: dir
      });
      try {
        await body(host, pm2, dir);
      } finally {
        await host.close();
        await sshd.stop();
      }
      expect(readdirSync(dir).filter(entry => entry.startsWith('s-'))).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    }

    test('a forward through the connection carries every reading after the first; closing the host removes it', async () => {
      await overSsh('sock-ssh', [], async (host, pm2, dir) => {
        const pm = manager(pm2.bin);
        for (let i = 0; i < 4; i++) await readsLikeJlist(pm, host, pm2);
        expect(pm2.calls('jlist')).toBe(1);
        pm2.pm2('restart', 'web');
        const [restarts] = pm.signals(host);
        expect(await restarts.read()).toBe(1);
        expect(pm2.calls('jlist')).toBe(1);
        expect(readdirSync(dir).filter(entry => entry.startsWith('s-'))).toHaveLength(1);
      });
    });

    test('a server that forbids socket forwarding: every reading is pm2 jlist, and right', async () => {
      await overSsh('sock-noforward', ['AllowStreamLocalForwarding no'], async (host, pm2) => {
        const pm = manager(pm2.bin);
        for (let i = 0; i < 5; i++) await readsLikeJlist(pm, host, pm2);
        expect(pm2.calls('jlist')).toBe(5);
      });
    });
  });
});
