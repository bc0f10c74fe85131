// A real OpenSSH server on 127.0.0.1 for the tests and the benchmark: its own host key,
// config and free port, key login only. Needs /usr/sbin/sshd and ssh-keygen (Debian's
// openssh-server and openssh-client); files under /tmp need StrictModes no.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../bench/util.mjs';

const sshdBin = ['/usr/sbin/sshd', '/usr/bin/sshd'].find(p => existsSync(p)) ?? 'sshd';

/**
 * options.user: the account the client logs in as (default: the current user). Another account
 * (a non-root deploy user) needs the key files readable, which they are: nothing secret is in
 * this folder but the client key, which stays mode 0600 for the client.
 * options.config: more sshd_config lines (e.g. `AllowStreamLocalForwarding no`).
 */
export async function startSshd(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-sshd-'));
  chmodSync(dir, 0o755);
  mkdirSync('/run/sshd', { recursive: true });
  const keygen = file =>
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'shipgate-test', '-f', file]);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'other_host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  chmodSync(join(dir, 'authorized_keys'), 0o644);
  const port = await freePort();
  const user = options.user ?? userInfo().username;
  const logFile = join(dir, 'sshd.log');
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'LogLevel VERBOSE',
      'MaxStartups 50',
      'MaxSessions 50',
      ...(options.config ?? []),
      ''
    ].join('\n')
  );
  const hostLine = pub =>
    `[127.0.0.1]:${port} ${readFileSync(pub, 'utf8').split(' ').slice(0, 2).join(' ')}\n`;
  writeFileSync(join(dir, 'known_hosts'), hostLine(join(dir, 'host_key.pub')));
  writeFileSync(join(dir, 'wrong_known_hosts'), hostLine(join(dir, 'other_host_key.pub')));
  const child = spawn(sshdBin, ['-D', '-e', '-f', config, '-E', logFile], { stdio: 'ignore' });
  const sshArgs = [
    '-p',
    String(port),
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-i',
    join(dir, 'client_key'),
    `${user}@127.0.0.1`,
    'true'
  ];
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      execFileSync('ssh', sshArgs, { stdio: 'ignore', timeout: 5000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`sshd did not start: ${existsSync(logFile) ? readFileSync(logFile, 'utf8') : error}`);
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
  return {
    port,
    user,
    dir,
    keyFile: join(dir, 'client_key'),
    privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    knownHostsFile: join(dir, 'known_hosts'),
    wrongKnownHostsFile: join(dir, 'wrong_known_hosts'),
    logFile,
    /** "Accepted publickey" lines so far: one per SSH handshake. */
    handshakes: () =>
      existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .split('\n')
            .filter(l => l.includes('Accepted publickey')).length
        : 0,
    /** Kills every session of this sshd (drops live connections); the listener stays. */
    dropConnections() {
      try {
        execFileSync('pkill', ['-KILL', '-P', String(child.pid)]);
      } catch {
        // no session
      }
    },
    stop: () =>
      new Promise(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(resolve, 3000).unref();
      })
  };
}
