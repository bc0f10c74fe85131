import { spawn } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import { gateOptions, parseGateConfig } from '../../gate/config.js';
import { waitForStableHealth } from '../../gate/run.js';
import { SignalSource } from '../../gate/signals.js';
import { Inputs } from '../../options.js';
import { RawFinding } from '../types.js';

export { bootSmokeMeta } from './boot-smoke-meta.js';

export interface BootOptions {
  dir: string;
  command: string;
  url: string;
  timeoutMs: number;
  windowMs: number;
  /** The whole environment of the app (the caller filters the runner's: util/child-env.ts). */
  env: Record<string, string>;
  log: (line: string) => void;
}

const OUTPUT_LIMIT = 64 * 1024;

/** The first line that names an error, else the first line of stderr. */
export function firstErrorLine(output: string): string | null {
  const lines = output
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '');
  return (
    lines.find(l => /^(\w*Error|Error)\b|^\w+Error:|\bpanic:|^FATAL|^fatal:|Uncaught/.test(l)) ??
    lines[0] ??
    null
  );
}

/** `/abs/dir/dist/server.js:51` (how Node prints a SyntaxError's place) inside the repository. */
export function errorLocation(output: string, dir: string): { file: string; line: number } | null {
  const root = resolve(dir);
  for (const match of output.matchAll(/(?:^|\(|\s|file:\/\/)(\/[^\s():]+):(\d+)(?::\d+)?/gm)) {
    const path = resolve(match[1]);
    if (path.startsWith(root + sep) && !path.includes(`${sep}node_modules${sep}`))
      return { file: relative(root, path).split(sep).join('/'), line: Number(match[2]) };
  }
  return null;
}

/** Starts the artifact, gates its health URL for a short window, stops it. I/O: a process and HTTP. */
export async function runBootSmoke(options: BootOptions): Promise<RawFinding[]> {
  const config = parseGateConfig(
    new Inputs(gateOptions, {
      url: options.url,
      interval: '250ms',
      'probe-timeout': '2s',
      'healthy-threshold': '2',
      window: `${options.windowMs}ms`,
      timeout: `${options.timeoutMs}ms`
    })
  );
  options.log(`validate: boot-smoke: starting \`${options.command}\` in ${options.dir}`);
  const child = spawn('sh', ['-c', options.command], {
    cwd: options.dir,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const state: { exited: boolean; code: number | null } = { exited: false, code: null };
  const exitedPromise = new Promise<void>(done =>
    child.on('close', (code, signal) => {
      state.exited = true;
      state.code = code ?? (signal ? 128 : null);
      done();
    })
  );
  const exitSignal: SignalSource = {
    name: 'exit of the booted process',
    read: async () => (state.exited ? 1 : 0)
  };
  const result = await waitForStableHealth(config, { signals: [exitSignal] });
  const crashed = state.exited;
  const exitCode = state.code;
  if (!state.exited && child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await exitedPromise;
    clearTimeout(killer);
  }
  await exitedPromise;
  options.log(`validate: boot-smoke: ${result.verdict} (${result.reason})`);
  if (result.verdict === 'pass') return [];
  const location = errorLocation(output, options.dir);
  const first = firstErrorLine(output);
  return [
    {
      file: location?.file ?? null,
      line: location?.line ?? null,
      message: crashed
        ? `\`${options.command}\` exited${exitCode !== null ? ` with code ${exitCode}` : ''} during the boot smoke test${first ? `: ${first}` : ' without output'}.`
        : `\`${options.command}\` did not stay healthy at ${options.url}: ${result.reason}${first ? ` (first error line: ${first})` : ''}.`,
      evidence: `the production start command given by --boot, gated on ${options.url}`
    }
  ];
}
