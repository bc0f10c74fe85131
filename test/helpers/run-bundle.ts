import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(repoRoot, 'dist-action', 'cli.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
  cwd?: string,
  /** Polled every 50 ms: when it returns true the process is killed (a cancelled run). */
  killWhen?: (output: string) => boolean,
  /** The signal it gets then: SIGKILL (killed outright), or SIGINT as a runner cancelling a step sends first. */
  killSignal: NodeJS.Signals = 'SIGKILL'
): Promise<Ran> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let signalled = false;
    const poll = killWhen
      ? setInterval(() => {
          if (!signalled && killWhen(stdout + stderr)) {
            signalled = true;
            child.kill(killSignal);
          }
        }, 50)
      : undefined;
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      clearInterval(poll);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export const runCliBundle = (args: string[], env: NodeJS.ProcessEnv = {}) => runNode([cliPath, ...args], env);

/** Parses the runner's `name<<DELIMITER ... DELIMITER` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    result[m[1]] = value.join('\n');
  }
  return result;
}

export interface ActionRun extends Ran {
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  dir: string;
}

/** Runs a bundled entry (dist-action/main.js or post.js) as the runner does: INPUT_* and file commands. */
export async function runActionStep(
  entry: 'main' | 'post',
  inputs: Record<string, string>,
  extraEnv: NodeJS.ProcessEnv = {},
  dir = mkdtempSync(join(tmpdir(), 'shipgate-action-')),
  /** The step's working directory (the runner uses GITHUB_WORKSPACE). */
  cwd?: string,
  killWhen?: (output: string) => boolean,
  killSignal: NodeJS.Signals = 'SIGKILL'
): Promise<ActionRun> {
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md')
  };
  for (const f of Object.values(files)) writeFileSync(f, '', { flag: 'a' });
  const env: NodeJS.ProcessEnv = { ...files, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true', ...extraEnv };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const ran = await runNode(
    [join(repoRoot, 'dist-action', `${entry}.js`)],
    env,
    120_000,
    cwd,
    killWhen,
    killSignal
  );
  return {
    ...ran,
    dir,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  };
}
