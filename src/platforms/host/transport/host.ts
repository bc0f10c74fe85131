/**
 * Where releases live on a host platform. The host platform talks to a machine only through
 * this interface, with commands given as argument lists, so the same code drives this machine
 * and an SSH server.
 */
import { spawn } from 'node:child_process';
import { connect, Socket } from 'node:net';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  /** Added to the command's environment (on a local host, to the scrubbed one). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Sent on standard input. */
  input?: string;
  /** Each line as it comes (long steps: install, restart), with the stream it came on. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Kills the command. */
  signal?: AbortSignal;
}

export interface UploadOptions {
  /** A release already on the host whose unchanged files are reused (by content, never by size and time). */
  reference?: string;
  /**
   * link: unchanged files are hard links to the reference (nothing will write to them);
   * copy: they are copied on the host, so a step that writes in place (an install) can never
   * change another release's bytes.
   */
  reuse: 'link' | 'copy';
  /** Paths relative to the local directory: what ships (the ignore file already applied). */
  files: string[];
  onLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface Host {
  /** For messages: "local" or "deploy@example.com:22". */
  readonly description: string;
  /** Runs argv[0] with the rest as arguments; no shell unless argv says `sh -c`. */
  exec(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Copies the listed files of a local directory into a new directory on the host; returns bytes sent when known. */
  upload(localDir: string, remoteDir: string, options: UploadOptions): Promise<number | null>;
  /** A small text file, or null when it does not exist. */
  readFile(path: string): Promise<string | null>;
  /** Writes a small text file atomically (temporary file, then rename). */
  writeFile(path: string, content: string): Promise<void>;
  /**
   * A local port that reaches `127.0.0.1:<port>` on the host (the same port on this machine; a
   * forward through the connection over SSH): blue/green probes a slot before traffic moves.
   */
  reach(port: number): Promise<Reach>;
  /**
   * A byte stream to a unix socket on the host (over SSH: a forward of a local socket through
   * the connection, no process on the server). It never keeps this process alive, and the host
   * closes it with itself.
   */
  openSocket(path: string): Promise<HostSocket>;
  /** Releases connections, open sockets and temporary files. */
  close(): Promise<void>;
}

export interface HostSocket {
  readonly stream: Socket;
  close(): Promise<void>;
}

/** Connects to a unix socket on this machine; the socket never holds the process open. */
export function connectUnix(path: string, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to ${path} timed out`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.unref();
      resolve(socket);
    });
    socket.once('error', error => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** The sockets a host opened, closed together when the host closes. */
export class OpenSockets {
  private readonly open = new Set<HostSocket>();
  track(socket: Socket, release: () => Promise<void> = async () => undefined): HostSocket {
    // an error on an idle socket (the far end went away) must not become an uncaught exception
    socket.on('error', () => undefined);
    const handle: HostSocket = {
      stream: socket,
      close: async () => {
        if (!this.open.delete(handle)) return;
        socket.destroy();
        await release().catch(() => undefined);
      }
    };
    this.open.add(handle);
    return handle;
  }
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map(handle => handle.close()));
  }
}

export interface Reach {
  port: number;
  close(): Promise<void>;
}

/** The last lines of a command's output, both streams: yarn and others print their errors on stdout. */
export function outputTail(result: ExecResult, lines = 12): string {
  const tail = (text: string) =>
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .slice(-lines)
      .map(line => boundLine(line, 500));
  const err = tail(result.stderr);
  const out = tail(result.stdout);
  const parts: string[] = [];
  if (out.length) parts.push(`stdout:\n${out.join('\n')}`);
  if (err.length) parts.push(`stderr:\n${err.join('\n')}`);
  return parts.join('\n');
}

export class HostCommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly result: ExecResult
  ) {
    const detail = outputTail(result, 8);
    const shown = argv.length > 6 ? [...argv.slice(0, 6), '...'] : argv;
    super(`'${shown.join(' ').slice(0, 300)}' exited ${result.code}${detail ? `:\n${detail}` : ''}`);
    this.name = 'HostCommandError';
  }
}

/** Runs a command and throws HostCommandError when it does not exit 0. */
export async function run(host: Host, argv: string[], options?: ExecOptions): Promise<string> {
  const result = await host.exec(argv, options);
  if (result.code !== 0) throw new HostCommandError(argv, result);
  return result.stdout;
}

const MAX_KEPT = 4 * 1024 * 1024;
/** A line longer than this is cut in the log (a chatty install can write megabytes on one line). */
const MAX_LINE = 2000;

export function boundLine(line: string, max = MAX_LINE): string {
  return line.length > max ? `${line.slice(0, max)}... (${line.length - max} more characters)` : line;
}

/** Keeps the last MAX_KEPT characters of a stream; splits lines for onLine. */
class StreamTail {
  text = '';
  private partial = '';
  constructor(private readonly onLine?: (line: string) => void) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > MAX_KEPT) this.text = this.text.slice(-MAX_KEPT);
    if (!this.onLine) return;
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(boundLine(line.replace(/\r$/, '')));
    // a line that never ends is still shown, cut, and not kept whole in memory
    if (this.partial.length > MAX_KEPT) this.partial = this.partial.slice(0, MAX_LINE + 1);
  }
  end(): void {
    if (this.onLine && this.partial) this.onLine(boundLine(this.partial));
    this.partial = '';
  }
}

/**
 * Spawns a program without a shell, captures the tail of both streams, streams lines, and stops
 * it on timeout or abort (exit code 124 / 130, as timeout(1) and a shell report them).
 */
export function spawnCapture(
  file: string,
  args: string[],
  options: ExecOptions & { env?: NodeJS.ProcessEnv | Record<string, string> } = {},
  defaultTimeoutMs = 10 * 60_000
): Promise<ExecResult> {
  return new Promise(resolve => {
    const out = new StreamTail(options.onLine && (line => options.onLine!(line, 'stdout')));
    const err = new StreamTail(options.onLine && (line => options.onLine!(line, 'stderr')));
    let settled = false;
    let stopCode: number | null = null;
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv | undefined,
      stdio: ['pipe', 'pipe', 'pipe']
    });
    const stop = (code: number) => {
      if (settled || stopCode !== null) return;
      stopCode = code;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    const timer = setTimeout(() => stop(124), options.timeoutMs ?? defaultTimeoutMs);
    const onAbort = () => stop(130);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
    const finish = (code: number, message?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      const stderr = message && !err.text ? message : err.text;
      resolve({
        code: stopCode ?? code,
        stdout: out.text,
        stderr: stopCode === 124 ? `${stderr}\n(timed out)` : stderr
      });
    };
    child.on('error', error => finish(127, error.message));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 + 15 : 1)));
    child.stdin.on('error', () => undefined);
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}
