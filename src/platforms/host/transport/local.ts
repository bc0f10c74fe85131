import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OperationError } from '../../../errors.js';
import { childEnvironment } from '../../../util/child-env.js';
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
import { resolveSshTools } from './ssh.js';

/**
 * The host is this machine. Commands run without a shell and with a scrubbed environment;
 * releases are copied with rsync, like over SSH, so both targets reuse unchanged files the same
 * way and honour the same ignore file.
 */
export class LocalHost implements Host {
  readonly description = 'local';
  private readonly sockets = new OpenSockets();
  constructor(private readonly passEnv: readonly string[] = []) {}

  exec(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return spawnCapture(argv[0], argv.slice(1), {
      ...options,
      env: { ...childEnvironment(process.env, this.passEnv), ...options.env }
    });
  }

  async upload(localDir: string, remoteDir: string, options: UploadOptions): Promise<number | null> {
    await mkdir(remoteDir, { recursive: true });
    const result = await spawnCapture(
      resolveSshTools().rsync,
      rsyncArgs(localDir, remoteDir, options),
      {
        input: options.files.join('\0'),
        onLine: options.onLine && (line => options.onLine!(line)),
        signal: options.signal
      },
      60 * 60_000
    );
    if (result.code !== 0) {
      throw new OperationError(
        `copy into ${remoteDir} failed (rsync exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`
      );
    }
    return rsyncSentBytes(result.stdout);
  }

  async readFile(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async writeFile(path: string, content: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temporary, content, { mode: 0o644 });
    await rename(temporary, path);
  }

  async reach(port: number): Promise<Reach> {
    return { port, close: async () => undefined };
  }

  async openSocket(path: string): Promise<HostSocket> {
    return this.sockets.track(await connectUnix(path));
  }

  async close(): Promise<void> {
    await this.sockets.closeAll();
  }
}
