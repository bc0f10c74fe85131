/**
 * Where releases live. The release algorithm talks to a host only through this interface,
 * with commands given as argument lists, so the same code drives a local folder and an SSH
 * server. Nothing above this interface touches the local filesystem.
 */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Sent on standard input. */
  input?: string;
}

export interface Host {
  /** For messages: "local" or "deploy@example.com:22". */
  readonly description: string;
  /** Runs argv[0] with the rest as arguments; no shell unless argv says `sh -c`. */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Copies the contents of a local directory into a new directory on the host. */
  upload(localDir: string, remoteDir: string, options?: { linkDest?: string }): Promise<void>;
  /** A small text file, or null when it does not exist. */
  readFile(path: string): Promise<string | null>;
  /** Writes a small text file atomically (temporary file, then rename). */
  writeFile(path: string, content: string): Promise<void>;
  /** Releases connections and temporary files. */
  close(): Promise<void>;
  /** Bytes the last upload sent, when the transfer tool tells. */
  readonly lastUploadBytes?: number | null;
}

export class HostCommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly result: ExecResult
  ) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    super(`'${argv.join(' ')}' exited ${result.code}${detail ? `: ${detail}` : ''}`);
    this.name = 'HostCommandError';
  }
}

/** Runs a command and throws HostCommandError when it does not exit 0. */
export async function run(host: Host, argv: string[], options?: ExecOptions): Promise<string> {
  const result = await host.exec(argv, options);
  if (result.code !== 0) throw new HostCommandError(argv, result);
  return result.stdout;
}

/** The file operations the release algorithm needs, built from plain commands. */
export const fsOps = {
  mkdirp: (host: Host, ...paths: string[]) => run(host, ['mkdir', '-p', '--', ...paths]),
  remove: (host: Host, ...paths: string[]) => run(host, ['rm', '-rf', '--', ...paths]),
  /** Atomic: a temporary symlink renamed over the target (`mv -T`), never rm then ln. */
  async switchSymlink(host: Host, target: string, link: string): Promise<void> {
    const temporary = `${link}.tmp-${process.pid}-${Date.now()}`;
    await run(host, ['ln', '-sfn', '--', target, temporary]);
    await run(host, ['mv', '-Tf', '--', temporary, link]);
  },
  async readlink(host: Host, link: string): Promise<string | null> {
    const result = await host.exec(['readlink', '--', link]);
    return result.code === 0 ? result.stdout.trim() : null;
  },
  async list(host: Host, dir: string): Promise<string[]> {
    const result = await host.exec(['ls', '-1A', '--', dir]);
    return result.code === 0 ? result.stdout.split('\n').filter(Boolean) : [];
  },
  async exists(host: Host, path: string): Promise<boolean> {
    return (await host.exec(['test', '-e', path])).code === 0;
  },
  async realpath(host: Host, path: string): Promise<string | null> {
    const result = await host.exec(['readlink', '-f', '--', path]);
    return result.code === 0 ? result.stdout.trim() : null;
  },
  /** Free space in KiB where `path` (or its nearest existing parent) lives; null when unknown. */
  async freeKiB(host: Host, path: string): Promise<number | null> {
    const result = await host.exec([
      'sh',
      '-c',
      'p="$1"; while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done; df -Pk -- "$p" | tail -n 1',
      'sh',
      path
    ]);
    const available = Number(result.stdout.trim().split(/\s+/)[3]);
    return result.code === 0 && Number.isFinite(available) ? available : null;
  },
  /** mkdir without -p: fails when it exists, so it is an atomic test-and-set (the lock). */
  async tryMkdir(host: Host, path: string): Promise<boolean> {
    return (await host.exec(['mkdir', '--', path])).code === 0;
  },
  async append(host: Host, path: string, line: string): Promise<void> {
    // Appends of one short line with O_APPEND are atomic; done through the shell's >> with the
    // path passed as an argument, never pasted into the script.
    await run(host, ['sh', '-c', 'printf "%s\\n" "$1" >> "$2"', 'sh', line, path]);
  }
};
