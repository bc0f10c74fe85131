import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { hashKeyFiles, runtimeLabel } from './keys.js';
import { CANDIDATE_FILES, PresetPlan, Runtime, WorkspaceFacts } from './presets.js';

/** The I/O edge of detection: which candidate files exist, and the few file contents it reads. */
export function readWorkspaceFacts(workspace: string, workdir: string, env = process.env): WorkspaceFacts {
  const inWorkdir = (file: string) => join(workspace, workdir, file);
  const read = (file: string, limit = 64 * 1024): string | undefined => {
    try {
      return readFileSync(inWorkdir(file), 'utf8').slice(0, limit);
    } catch {
      return undefined;
    }
  };
  const files = CANDIDATE_FILES.filter(f => existsSync(inWorkdir(f))).map(f =>
    workdir ? `${workdir}/${f}` : f
  );
  let packageManager: string | undefined;
  let dependencies: string[] = [];
  const packageJson = read('package.json', 1024 * 1024);
  if (packageJson) {
    try {
      const parsed = JSON.parse(packageJson) as Record<string, unknown>;
      if (typeof parsed.packageManager === 'string') packageManager = parsed.packageManager;
      for (const field of ['dependencies', 'devDependencies']) {
        const deps = parsed[field];
        if (deps && typeof deps === 'object') dependencies = dependencies.concat(Object.keys(deps));
      }
    } catch {
      // a broken package.json is not ours to report; detection goes by files
    }
  }
  return {
    files,
    workdir,
    packageManager,
    dependencies,
    yarnrc: read('.yarnrc.yml'),
    yarnLockHead: read('yarn.lock', 2048),
    tsconfig: read('tsconfig.json'),
    home: env.HOME || homedir(),
    platform: process.platform,
    env: { ...env }
  };
}

export function keyFileHashFor(plan: PresetPlan, workspace: string): string {
  return hashKeyFiles(
    plan.keyFiles.map(path => {
      try {
        return { path, content: readFileSync(join(workspace, path)) };
      } catch {
        return { path, content: null };
      }
    })
  );
}

function run(command: string, args: string[], cwd: string): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(command, args, { cwd, timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim())
    );
  });
}

/**
 * The project's runtime, not the action's: the action runs on the runner's own Node, while the
 * build uses whatever setup-node / setup-go put on PATH.
 */
export async function probeRuntimes(
  needed: Runtime[],
  cwd: string,
  goModText: string | undefined
): Promise<Partial<Record<Runtime, string>>> {
  const result: Partial<Record<Runtime, string>> = { none: 'any' };
  const jobs: Promise<void>[] = [];
  if (needed.includes('node')) {
    jobs.push(
      run('node', ['--version'], cwd).then(v => {
        result.node = runtimeLabel('node', v ?? process.version);
      })
    );
  }
  if (needed.includes('go')) {
    jobs.push(
      run('go', ['env', 'GOVERSION'], cwd).then(v => {
        // without a go binary, the toolchain (or go) line of go.mod says which Go the build will use
        const fromMod = /^toolchain\s+go(\S+)/m.exec(goModText ?? '') ?? /^go\s+(\S+)/m.exec(goModText ?? '');
        result.go = runtimeLabel('go', v ?? fromMod?.[1]);
      })
    );
  }
  await Promise.all(jobs);
  return result;
}

/** Expands `~` and workspace-relative paths; used to tell whether there is anything to save. */
export function expandCachePath(path: string, workspace: string, home: string): string {
  if (path === '~' || path.startsWith('~/')) return join(home, path.slice(1));
  return path.startsWith('/') ? path : join(workspace, path);
}

export function anyPathExists(paths: string[], workspace: string, home: string): boolean {
  return paths.some(p => {
    if (/[*?[]/.test(p) || p.startsWith('!')) return true; // globs: let the library resolve them
    try {
      statSync(expandCachePath(p, workspace, home));
      return true;
    } catch {
      return false;
    }
  });
}
