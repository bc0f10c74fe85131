import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExecOptions, ExecResult, Host } from './host.js';

const MAX_OUTPUT = 16 * 1024 * 1024;

/** The host is this machine: commands run without a shell, files are copied with fs.cp. */
export class LocalHost implements Host {
  readonly description = 'local';

  exec(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise(resolve => {
      const child = execFile(
        argv[0],
        argv.slice(1),
        {
          cwd: options.cwd,
          env: { ...process.env, ...options.env },
          timeout: options.timeoutMs ?? 10 * 60_000,
          maxBuffer: MAX_OUTPUT,
          encoding: 'utf8'
        },
        (error, stdout, stderr) => {
          const code = error
            ? typeof (error as { code?: unknown }).code === 'number'
              ? (error as { code: number }).code
              : 127
            : 0;
          resolve({ code, stdout, stderr: error && !stderr ? error.message : stderr });
        }
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  }

  async upload(localDir: string, remoteDir: string): Promise<void> {
    await mkdir(remoteDir, { recursive: true });
    await cp(localDir, remoteDir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: source => !source.split('/').includes('.git')
    });
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

  async close(): Promise<void> {}
}
