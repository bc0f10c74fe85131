/**
 * Issue 10's matrix: every PM2 shape, deployed v1 -> v2 -> a bad v3 -> restore, on a target,
 * asserting what /health answers from the CODE of the release that serves, never what shipgate
 * logged. Shared by the local and the SSH test files so both run the same cases.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, CliRun } from './cli.js';
import { freePort } from './http-servers.js';
import { Shape, shapes, writeShapeRelease } from './shape-apps.js';

export interface MatrixTarget {
  name: 'local' | 'ssh';
  /** Target flags for the CLI (--pm2-bin comes from pm2Daemon). */
  flags(): string[];
  /** A folder the deploying user may write into. */
  workDir(): string;
  /**
   * A pm2 on the target with a daemon of its own (a wrapper that sets PM2_HOME): the cases run
   * side by side, and one PM2 daemon refuses a reload while another reload runs.
   */
  pm2Daemon(name: string): string;
  /** Runs that pm2 as the deploying user on the target (for cleanup and "by hand" steps). */
  pm2(bin: string, args: string[], cwd?: string): string;
  /** Gives a folder to the deploying user. */
  own?(path: string): void;
}

/** Answers of `n` fresh connections: a cluster's workers all count. */
export async function healthAnswers(port: number, n = 1): Promise<Array<Record<string, unknown> | null>> {
  const one = () =>
    new Promise<Record<string, unknown> | null>(resolve => {
      const req = http.get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 2000 }, res => {
        let body = '';
        res.on('data', c => (body += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as Record<string, unknown>);
          } catch {
            resolve(null);
          }
        });
      });
      req.on('error', () => resolve(null));
      req.on('timeout', () => req.destroy());
    });
  const answers = [];
  for (let i = 0; i < n; i++) answers.push(await one());
  return answers;
}

const versions = async (port: number, n: number) =>
  [...new Set((await healthAnswers(port, n)).map(a => (a ? String(a.version) : 'no answer')))].sort();

export function proofMatrix(target: MatrixTarget): void {
  let n = 0;
  async function site(shape: Shape | 'by-hand') {
    const id = `${target.name === 'ssh' ? 'r' : 'l'}${++n}`;
    const app = `${id}-${shape}`;
    const base = mkdtempSync(join(target.workDir(), `${id}-`));
    target.own?.(base);
    const root = join(base, 'app');
    const port = await freePort();
    const pm2Bin = target.pm2Daemon(app);
    const pm2 = (args: string[], cwd?: string) => target.pm2(pm2Bin, args, cwd);
    const sources = join(mkdtempSync(join(tmpdir(), 'shipgate-matrix-src-')), app);
    mkdirSync(sources, { recursive: true });
    // all three written now, in the same second, with the same sizes: only the content differs
    const src = (version: string, bad = false) =>
      writeShapeRelease(join(sources, version), {
        shape: shape === 'by-hand' ? 'fork-relative' : shape,
        app,
        version,
        port,
        root,
        bad
      });
    const dirs = { v1: src('v1'), v2: src('v2'), v3: src('v3', true) };
    const deploy = (release: 'v1' | 'v2' | 'v3'): Promise<CliRun> =>
      cli([
        'deploy',
        '--source',
        dirs[release],
        '--release',
        release,
        '--path',
        root,
        '--app',
        app,
        ...target.flags(),
        '--pm2-bin',
        pm2Bin,
        '--url',
        `http://127.0.0.1:${port}/health`,
        '--interval',
        '500ms',
        '--window',
        '1s',
        '--healthy-threshold',
        '2',
        '--timeout',
        '60s',
        '--json'
      ]);
    return {
      app,
      root,
      port,
      deploy,
      pm2,
      cleanup: () => {
        try {
          pm2(['kill']);
        } catch {
          // already gone
        }
        rmSync(sources, { recursive: true, force: true });
      }
    };
  }

  const explain = (run: CliRun) => `exit ${run.code}\n${run.stderr.split('\n').slice(-25).join('\n')}`;

  async function walk(s: Awaited<ReturnType<typeof site>>, replicas: number, preload: boolean) {
    const v1 = await s.deploy('v1');
    expect(explain(v1)).toMatch(/^exit 0/);
    expect(await versions(s.port, replicas)).toEqual(['v1']);

    const v2 = await s.deploy('v2');
    expect(explain(v2)).toMatch(/^exit 0/);
    expect(v2.stderr).not.toMatch(/skipping the check/);
    expect(await versions(s.port, replicas)).toEqual(['v2']);
    if (preload) expect((await healthAnswers(s.port))[0]?.preload).toBe('v2');

    const v3 = await s.deploy('v3');
    expect(explain(v3)).toMatch(/^exit 1/);
    expect(v3.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v2' });
    expect(await versions(s.port, replicas)).toEqual(['v2']);
    if (preload) expect((await healthAnswers(s.port))[0]?.preload).toBe('v2');
  }

  // the shapes are independent (own app, port, root and PM2 daemon): they run side by side,
  // which overlaps their gate windows (jest's maxConcurrency bounds how many at once)
  test.concurrent.each(shapes)(
    '%s: v1 -> v2 -> bad v3 -> restore; /health answers the code of the release that serves',
    async shape => {
      const s = await site(shape);
      try {
        await walk(s, shape === 'cluster' ? 6 : 1, shape === 'node-args');
      } finally {
        s.cleanup();
      }
    }
  );

  test('an app first started by hand with `cd current && pm2 start` (pinned to release 1) moves to each new release', async () => {
    const s = await site('by-hand');
    try {
      expect(explain(await s.deploy('v1'))).toMatch(/^exit 0/);
      // the common recipe: PM2 resolves cwd and script to releases/v1 and keeps them for good
      s.pm2(['delete', s.app]);
      s.pm2(['start', 'ecosystem.config.cjs'], join(s.root, 'current'));
      // wait for the hand-started app to answer (the bound only ends a hung test)
      for (let i = 0; i < 100 && (await versions(s.port, 1))[0] !== 'v1'; i++)
        await new Promise(r => setTimeout(r, 100));
      expect(await versions(s.port, 1)).toEqual(['v1']);
      const v2 = await s.deploy('v2');
      expect(explain(v2)).toMatch(/^exit 0/);
      // PM2 never moves cwd or script on reload: shipgate says why it starts the app afresh
      expect(v2.stderr).toMatch(/delete and start .*a reload would keep the old code/);
      expect(await versions(s.port, 1)).toEqual(['v2']);
      const v3 = await s.deploy('v3');
      expect(v3.json).toMatchObject({ verdict: 'fail', restoredRelease: 'v2' });
      expect(await versions(s.port, 1)).toEqual(['v2']);
    } finally {
      s.cleanup();
    }
  });
}

/** Runs a pm2 (a pm2Daemon wrapper) as this process's user. */
export const pm2Here = (bin: string, args: string[], cwd?: string): string =>
  execFileSync(bin, args, { encoding: 'utf8', env: process.env, cwd });
