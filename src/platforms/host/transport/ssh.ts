import { randomBytes } from 'node:crypto';
import { accessSync, constants, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ConfigurationError, OperationError } from '../../../errors.js';
import { createServer } from 'node:net';
import {
  connectUnix,
  ExecOptions,
  ExecResult,
  Host,
  HostSocket,
  OpenSockets,
  Reach,
  spawnCapture,
  UploadOptions
} from './host.js';
import { rsyncArgs, rsyncSentBytes } from './rsync.js';

/** One POSIX-shell word: single quotes, with ' written as '\''. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The remote command line: every part quoted; nothing a user typed reaches the shell unquoted. */
export function remoteCommand(argv: string[], options: ExecOptions = {}): string {
  const env = Object.entries(options.env ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`internal: bad environment name ${k}`);
    return `${k}=${shellQuote(v)}`;
  });
  const command = [...(env.length ? ['env', ...env] : []), ...argv.map(shellQuote)].join(' ');
  return options.cwd ? `cd ${shellQuote(options.cwd)} && ${command}` : command;
}

/**
 * Paths that end up in ssh options (key file, known hosts, the temporary folder they are written
 * to): letters, digits and `._/@+,:=~-` only. No quote, white space, `$`, `%` (ssh's own tokens)
 * or other character that a shell, rsync's `-e` splitting or ssh's config parser would read.
 */
const PLAIN_PATH = /^[A-Za-z0-9._/@+,:=~-]+$/;

export function validateSshPath(path: string, input: string): string {
  if (!PLAIN_PATH.test(path))
    throw new ConfigurationError(
      'must be a path of letters, digits and ._/@+,:=~- only (no quotes, spaces, $, % or other characters that a shell, rsync or ssh would interpret)',
      input
    );
  return path;
}

export interface SshTools {
  ssh: string;
  rsync: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The OpenSSH client and rsync of this machine. SHIPGATE_SSH_BIN and SHIPGATE_RSYNC_BIN name them
 * (absolute paths to executables, else exit 2); without them, /usr/bin/ssh and /usr/bin/rsync
 * where they exist on Linux (as on GitHub's Ubuntu runners), and only then the PATH: a step that
 * ran before the deploy cannot put its own `ssh` in front of the real one (and read the key).
 */
export function resolveSshTools(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): SshTools {
  const pick = (name: 'ssh' | 'rsync', variable: string): string => {
    const given = env[variable];
    if (given) {
      if (!isAbsolute(given) || !executable(given))
        throw new ConfigurationError(
          `${variable} must be the absolute path of an executable, got '${given}'`
        );
      return given;
    }
    const usual = `/usr/bin/${name}`;
    return platform === 'linux' && executable(usual) ? usual : name;
  };
  return { ssh: pick('ssh', 'SHIPGATE_SSH_BIN'), rsync: pick('rsync', 'SHIPGATE_RSYNC_BIN') };
}

export interface SshOptions {
  host: string;
  port: number;
  user: string;
  keyFile: string | null;
  /** null only with insecureSkipHostKeyCheck. */
  knownHostsFile: string | null;
  insecureSkipHostKeyCheck: boolean;
  /** A private folder for the ControlMaster socket. */
  controlDir: string;
  /** rsync --bwlimit in KiB/s (0: none); for slow links. */
  bwlimitKiB?: number;
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[?[0-9A-Fa-f:.]+\]?)$/;
const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

export function validateSshHost(host: string): string {
  if (!HOST.test(host) || host.startsWith('-'))
    throw new ConfigurationError(`'${host}' is not a host name or IP address`, 'host');
  return host.replace(/^\[|\]$/g, '');
}

export function validateSshUser(user: string): string {
  if (!USER.test(user)) throw new ConfigurationError(`'${user}' is not a user name`, 'user');
  return user;
}

type Run = ExecResult;

/**
 * A server reached with the OpenSSH client and rsync, as GitHub's runners ship them. One
 * multiplexed connection (ControlMaster) carries every command of a run; the host key is always
 * checked against known hosts unless the user turned that off explicitly.
 */
export class SshHost implements Host {
  readonly description: string;
  private readonly tools: SshTools;
  private readonly sockets = new OpenSockets();

  constructor(private readonly options: SshOptions) {
    this.description = `${options.user}@${options.host}:${options.port}`;
    this.tools = resolveSshTools();
  }

  /** Options shared by ssh and rsync's ssh: as an argument list. */
  private sshOptions(): string[] {
    const o = this.options;
    const opts = [
      '-p',
      String(o.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=15',
      '-o',
      'ServerAliveInterval=15',
      '-o',
      'ServerAliveCountMax=2',
      '-o',
      'ControlMaster=auto',
      '-o',
      `ControlPath=${o.controlDir}/cm-%C`,
      '-o',
      'ControlPersist=120',
      '-o',
      'LogLevel=ERROR'
    ];
    if (o.keyFile) opts.push('-i', o.keyFile, '-o', 'IdentitiesOnly=yes');
    if (o.insecureSkipHostKeyCheck) {
      opts.push('-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null');
    } else {
      opts.push(
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${o.knownHostsFile}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null'
      );
    }
    return opts;
  }

  private get destination(): string {
    return `${this.options.user}@${this.options.host}`;
  }

  private explain(result: Run): Run {
    // linear by construction: no unbounded quantifier next to another (`No .* host key` was
    // quadratic: 300 KB of a chatty install's stderr stalled a deploy for 40 s with the lock held)
    if (
      /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No [\w-]{1,32} host key is known/i.test(
        result.stderr
      )
    ) {
      throw new OperationError(
        `the host key of ${this.options.host}:${this.options.port} does not match the known hosts (${this.options.knownHostsFile}): refusing to connect. ${result.stderr.trim().split('\n').slice(-2).join(' ')}`
      );
    }
    if (result.code === 255) {
      throw new OperationError(
        `ssh to ${this.description} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ') || 'connection error'}`
      );
    }
    return result;
  }

  async exec(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    // the remote command gets cwd and env inside its command line; ssh itself runs with ours
    const result = await spawnCapture(
      this.tools.ssh,
      [...this.sshOptions(), this.destination, '--', remoteCommand(argv, options)],
      { input: options.input, timeoutMs: options.timeoutMs, onLine: options.onLine, signal: options.signal }
    );
    return this.explain(result);
  }

  /**
   * rsync's -e. rsync splits it with rules of its own (quotes, no backslash escapes), so a `'` in
   * a key or known-hosts path used to end a word there and turn the rest into ssh options
   * (`-oProxyCommand=...` ran on the runner). -e holds no path of a user's: it runs a wrapper in
   * the private control folder, a fixed quote-free path, where /bin/sh reads the shell-quoted
   * ssh command line.
   */
  private rsyncShell(): string {
    const wrapper = `${this.options.controlDir}/rsync-ssh`;
    if (!/^\/[A-Za-z0-9._/-]+$/.test(wrapper))
      throw new Error(`internal: the control folder ${wrapper} is not a plain path`);
    const command = [this.tools.ssh, ...this.sshOptions()].map(shellQuote).join(' ');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${command} "$@"\n`, { mode: 0o700 });
    return `/bin/sh ${wrapper}`;
  }

  async upload(localDir: string, remoteDir: string, options: UploadOptions): Promise<number | null> {
    const extra = ['-e', this.rsyncShell()];
    if (this.options.bwlimitKiB) extra.push(`--bwlimit=${this.options.bwlimitKiB}`);
    // rsync itself runs `rsync --server ...` through ssh; the remote path is one protected argument
    extra.push('--protect-args');
    const result = await spawnCapture(
      this.tools.rsync,
      rsyncArgs(localDir, `${this.destination}:${remoteDir}`, options, extra),
      {
        input: options.files.join('\0'),
        onLine: options.onLine && (line => options.onLine!(line)),
        signal: options.signal
      },
      60 * 60_000
    );
    if (result.code !== 0) {
      this.explain(result);
      throw new OperationError(
        `upload to ${this.description}:${remoteDir} failed (rsync exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`
      );
    }
    return rsyncSentBytes(result.stdout);
  }

  async readFile(path: string): Promise<string | null> {
    const result = await this.exec([
      'sh',
      '-c',
      'if [ -e "$1" ]; then cat -- "$1"; else exit 44; fi',
      'sh',
      path
    ]);
    if (result.code === 44) return null;
    if (result.code !== 0)
      throw new OperationError(`cannot read ${path} on ${this.description}: ${result.stderr.trim()}`);
    return result.stdout;
  }

  async writeFile(path: string, content: string): Promise<void> {
    const result = await this.exec(
      [
        'sh',
        '-c',
        'mkdir -p -- "$(dirname -- "$1")" && cat > "$1.tmp.$$" && mv -f -- "$1.tmp.$$" "$1"',
        'sh',
        path
      ],
      { input: content }
    );
    if (result.code !== 0)
      throw new OperationError(`cannot write ${path} on ${this.description}: ${result.stderr.trim()}`);
  }

  /**
   * Adds `-L spec` to the multiplexed connection (opened first if it is not yet); returns what
   * cancels it. `what` names the forward in the error.
   */
  private async forward(spec: string, what: string): Promise<() => Promise<void>> {
    const control = (op: 'forward' | 'cancel') =>
      spawnCapture(this.tools.ssh, [...this.sshOptions(), '-O', op, '-L', spec, this.destination], {
        timeoutMs: 20_000
      });
    // the master exists once a command ran; the first exec opens it
    await this.exec(['true']);
    const result = await control('forward');
    if (result.code !== 0)
      throw new OperationError(
        `could not forward ${what} on ${this.description}: ${result.stderr.trim().slice(0, 300)}`
      );
    return async () => void (await control('cancel'));
  }

  /** A forward through the multiplexed connection: 127.0.0.1:<free port> here -> 127.0.0.1:<port> there. */
  async reach(port: number): Promise<Reach> {
    const local = await freeLocalPort();
    const cancel = await this.forward(
      `127.0.0.1:${local}:127.0.0.1:${port}`,
      `a local port to 127.0.0.1:${port}`
    );
    return { port: local, close: cancel };
  }

  /**
   * A local socket in the private control folder, forwarded through the multiplexed connection
   * to `path` on the server (OpenSSH's stream-local forwarding; a server that forbids it
   * refuses, and the caller does without).
   */
  async openSocket(path: string): Promise<HostSocket> {
    const local = `${this.options.controlDir}/s-${randomBytes(6).toString('hex')}`;
    let cancel: () => Promise<void> = async () => undefined;
    const release = async () => {
      await cancel();
      rmSync(local, { force: true });
    };
    try {
      cancel = await this.forward(`${local}:${path}`, `a local socket to ${path}`);
      return this.sockets.track(await connectUnix(local), release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.sockets.closeAll();
    await spawnCapture(this.tools.ssh, [...this.sshOptions(), '-O', 'exit', this.destination], {
      timeoutMs: 10_000
    });
  }
}

function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
