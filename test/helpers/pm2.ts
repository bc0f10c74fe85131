import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePm2List } from '../../src/platforms/host/process/pm2.js';
import type { Pm2Process } from '../../src/platforms/host/process/pm2-rpc.js';
import { repoRoot } from './run-bundle.js';

export const pm2Bin = join(repoRoot, 'node_modules', '.bin', 'pm2');

/**
 * A PM2 daemon of our own: PM2_HOME in a temporary folder, started now (tests that run side by
 * side would each try to start it on their first call), killed at the end.
 */
export function usePm2Home(): { home: string; kill: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'shipgate-pm2-'));
  process.env.PM2_HOME = home;
  execFileSync(pm2Bin, ['ping'], {
    env: { ...process.env, PM2_HOME: home },
    stdio: 'ignore',
    timeout: 60_000
  });
  return {
    home,
    kill: () => {
      try {
        execFileSync(pm2Bin, ['kill'], {
          env: { ...process.env, PM2_HOME: home },
          stdio: 'ignore',
          timeout: 30_000
        });
      } catch {
        // already gone
      }
    }
  };
}

/** The in-process CLI lives in cli.ts; re-exported for the tests that import it from here. */
export { cli, type CliRun } from './cli.js';

/**
 * A pm2 with a daemon of its own (a wrapper that sets PM2_HOME in a temporary folder), for
 * `--pm2-bin`: tests that reload side by side each need one, since one PM2 daemon refuses a
 * reload while another reload runs. End it with `<wrapper> kill`.
 */
export function pm2Daemon(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `shipgate-pm2-${name}-`));
  return writePm2Wrapper(join(dir, 'pm2'), join(dir, 'home'), `'${realpathSync(pm2Bin)}'`);
}

/** Writes `file`: a pm2 that runs `pm2` (a shell word) with PM2_HOME set, so a daemon of its own. */
export function writePm2Wrapper(file: string, pm2Home: string, pm2: string): string {
  writeFileSync(file, `#!/bin/sh\nPM2_HOME='${pm2Home}'\nexport PM2_HOME\nexec ${pm2} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

export function pm2List(app: string): Pm2Process[] {
  return parsePm2List(execFileSync(pm2Bin, ['jlist'], { env: process.env, encoding: 'utf8' })).filter(
    p => p.name === app
  );
}

/** Where every online process of the app really runs from (/proc/<pid>/cwd). */
export function servingDirs(app: string): string[] {
  return pm2List(app)
    .filter(p => p.pid > 0 && p.pm2_env.status === 'online')
    .map(p => readlinkSync(`/proc/${p.pid}/cwd`));
}

export const real = (path: string): string => realpathSync(path);

export async function health(port: number): Promise<{ version: string; cwd: string } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return (await res.json()) as { version: string; cwd: string };
  } catch {
    return null;
  }
}

/** The app's answer once it answers again (after a restart); null if it does not within 4 s. */
export async function healthAgain(port: number): Promise<{ version: string; cwd: string } | null> {
  for (let i = 0; i < 40; i++) {
    const answer = await health(port);
    if (answer) return answer;
    await new Promise(r => setTimeout(r, 100));
  }
  return null;
}
