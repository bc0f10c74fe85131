import { ConfigurationError } from '../errors.js';
import { parseJsonLoose, posixJoin } from '../util/text.js';

/**
 * What to cache and how to key it, decided from a snapshot of the workspace (no I/O here).
 *
 * dependency presets hold downloaded packages: keyed on the lockfiles, saved only when their
 * exact key missed. build presets hold build outputs that change on every commit: saved under a
 * run-unique key so that they stay fresh.
 */
export type PresetKind = 'dependency' | 'build';
export type Runtime = 'node' | 'go' | 'none';

export const PRESET_NAMES = [
  'npm',
  'pnpm',
  'yarn-classic',
  'yarn-berry',
  'go',
  'next',
  'turbo',
  'tsbuildinfo',
  'paths',
  'buildx'
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetPlan {
  name: PresetName;
  kind: PresetKind;
  /** Paths as @actions/cache takes them: `~/...` under the home folder, else relative to the workspace. */
  paths: string[];
  /** Workspace-relative files whose content goes into the key (lockfiles). */
  keyFiles: string[];
  runtime: Runtime;
  /** Why the preset was chosen, for the log and the dry run. */
  reason: string;
}

/** Everything detection needs to know about the machine and the workspace, read at the edge. */
export interface WorkspaceFacts {
  /** Workspace-relative paths (posix) of the candidate files that exist. */
  files: string[];
  /** Relative path of the working directory inside the workspace ('' for the workspace itself). */
  workdir: string;
  /** package.json `packageManager` and whether `next` / `turbo` are dependencies. */
  packageManager?: string;
  dependencies: string[];
  /** Text of .yarnrc.yml, of the first line(s) of yarn.lock and of tsconfig.json, when present. */
  yarnrc?: string;
  yarnLockHead?: string;
  tsconfig?: string;
  home: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

/** Files whose presence is looked for, relative to the working directory. */
export const CANDIDATE_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  '.yarnrc.yml',
  'go.mod',
  'go.sum',
  'next.config.js',
  'next.config.mjs',
  'next.config.cjs',
  'next.config.ts',
  'turbo.json',
  'tsconfig.json',
  'Dockerfile'
];

/** `~/x` when inside home (stable across runners), else the absolute path. */
export function homePath(absolute: string, home: string): string {
  const h = home.replace(/\/+$/, '');
  if (absolute === h) return '~';
  if (absolute.startsWith(`${h}/`)) return `~/${absolute.slice(h.length + 1)}`;
  return absolute;
}

/** An XDG base folder when its variable is set, else its default under home. */
function xdg(facts: WorkspaceFacts, variable: string, fallback: string): string {
  const value = facts.env[variable];
  return value ? homePath(value, facts.home) : `~/${fallback}`;
}

function envPath(facts: WorkspaceFacts, variable: string): string | undefined {
  const value = facts.env[variable];
  return value ? homePath(value, facts.home) : undefined;
}

function has(facts: WorkspaceFacts, file: string): boolean {
  return facts.files.includes(posixJoin(facts.workdir, file));
}

function rel(facts: WorkspaceFacts, file: string): string {
  return file.startsWith('/') ? homePath(file, facts.home) : posixJoin(facts.workdir, file);
}

function yarnrcValue(yarnrc: string | undefined, key: string): string | undefined {
  const match = new RegExp(`^${key}:\\s*["']?([^"'\\s#]+)`, 'm').exec(yarnrc ?? '');
  return match?.[1];
}

function isYarnBerry(facts: WorkspaceFacts): boolean {
  if (has(facts, '.yarnrc.yml')) return true;
  if (/^yarn@([2-9]|\d{2,})\./.test(facts.packageManager ?? '')) return true;
  // berry lockfiles start with a __metadata block; classic ones with "# yarn lockfile v1"
  return /__metadata:/.test(facts.yarnLockHead ?? '');
}

/** From `packageManager: yarn@4.1.0`, or from `yarnPath: .yarn/releases/yarn-3.6.4.cjs` in .yarnrc.yml. */
function berryMajor(facts: WorkspaceFacts): number | undefined {
  const match =
    /^yarn@(\d+)\./.exec(facts.packageManager ?? '') ??
    /yarn-(\d+)\.[\d.]+c?js/.exec(yarnrcValue(facts.yarnrc, 'yarnPath') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A compilerOptions value as text ('true' for true), read with validate's comment-tolerant JSON parser. */
function tsconfigValue(tsconfig: string | undefined, key: string): string | undefined {
  const options = parseJsonLoose(tsconfig)?.compilerOptions;
  if (!options || typeof options !== 'object') return undefined;
  const value = (options as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : undefined;
}

type PlanFactory = (facts: WorkspaceFacts) => Omit<PresetPlan, 'name' | 'reason'>;

const nodeLockfiles = (facts: WorkspaceFacts) =>
  ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock']
    .filter(f => has(facts, f))
    .map(f => rel(facts, f));

const factories: Record<PresetName, PlanFactory> = {
  npm: facts => ({
    kind: 'dependency',
    runtime: 'node',
    paths: [envPath(facts, 'npm_config_cache') ?? envPath(facts, 'NPM_CONFIG_CACHE') ?? '~/.npm'],
    keyFiles: ['package-lock.json', 'npm-shrinkwrap.json'].filter(f => has(facts, f)).map(f => rel(facts, f))
  }),
  pnpm: facts => {
    const store =
      envPath(facts, 'npm_config_store_dir') ??
      (facts.platform === 'darwin'
        ? '~/Library/pnpm/store'
        : facts.platform === 'win32'
          ? '~/AppData/Local/pnpm/store'
          : `${xdg(facts, 'XDG_DATA_HOME', '.local/share')}/pnpm/store`);
    return {
      kind: 'dependency',
      runtime: 'node',
      paths: [store],
      keyFiles: keyFilesFor(facts, 'pnpm-lock.yaml')
    };
  },
  'yarn-classic': facts => ({
    kind: 'dependency',
    runtime: 'node',
    paths: [
      envPath(facts, 'YARN_CACHE_FOLDER') ??
        (facts.platform === 'darwin'
          ? '~/Library/Caches/Yarn'
          : facts.platform === 'win32'
            ? '~/AppData/Local/Yarn/Cache'
            : `${xdg(facts, 'XDG_CACHE_HOME', '.cache')}/yarn`)
    ],
    keyFiles: keyFilesFor(facts, 'yarn.lock')
  }),
  'yarn-berry': facts => {
    // Yarn 4 keeps its cache in a global folder unless enableGlobalCache is false; Yarn 2-3 in .yarn/cache.
    const configured = yarnrcValue(facts.yarnrc, 'cacheFolder');
    const globalSetting = yarnrcValue(facts.yarnrc, 'enableGlobalCache');
    const global = globalSetting !== undefined ? globalSetting === 'true' : (berryMajor(facts) ?? 4) >= 4;
    const globalFolder = envPath(facts, 'YARN_GLOBAL_FOLDER') ?? '~/.yarn/berry';
    const path = configured
      ? rel(facts, configured)
      : global
        ? `${globalFolder}/cache`
        : rel(facts, '.yarn/cache');
    return { kind: 'dependency', runtime: 'node', paths: [path], keyFiles: keyFilesFor(facts, 'yarn.lock') };
  },
  go: facts => {
    const gopath = envPath(facts, 'GOPATH') ?? '~/go';
    const build =
      envPath(facts, 'GOCACHE') ??
      (facts.platform === 'darwin'
        ? '~/Library/Caches/go-build'
        : facts.platform === 'win32'
          ? '~/AppData/Local/go-build'
          : `${xdg(facts, 'XDG_CACHE_HOME', '.cache')}/go-build`);
    return {
      kind: 'dependency',
      runtime: 'go',
      paths: [envPath(facts, 'GOMODCACHE') ?? `${gopath}/pkg/mod`, build],
      keyFiles: has(facts, 'go.sum') ? [rel(facts, 'go.sum')] : keyFilesFor(facts, 'go.mod')
    };
  },
  next: facts => ({
    kind: 'build',
    runtime: 'node',
    paths: [rel(facts, '.next/cache')],
    keyFiles: nodeLockfiles(facts)
  }),
  turbo: facts => ({
    kind: 'build',
    runtime: 'node',
    // turbo 2 keeps its local cache in .turbo/cache, turbo 1 in node_modules/.cache/turbo
    paths: [rel(facts, '.turbo/cache'), rel(facts, 'node_modules/.cache/turbo')],
    keyFiles: nodeLockfiles(facts)
  }),
  tsbuildinfo: facts => {
    const explicit = tsconfigValue(facts.tsconfig, 'tsBuildInfoFile');
    const outDir = tsconfigValue(facts.tsconfig, 'outDir');
    // The .tsbuildinfo alone would make tsc skip emitting outputs it believes exist: cache outDir with it.
    const paths = [
      ...(explicit ? [rel(facts, explicit)] : []),
      ...(outDir ? [rel(facts, outDir)] : explicit ? [] : [rel(facts, 'tsconfig.tsbuildinfo')])
    ];
    return { kind: 'build', runtime: 'node', paths, keyFiles: nodeLockfiles(facts) };
  },
  paths: () => ({ kind: 'dependency', runtime: 'none', paths: [], keyFiles: [] }),
  buildx: () => ({ kind: 'build', runtime: 'none', paths: [], keyFiles: [] })
};

function keyFilesFor(facts: WorkspaceFacts, file: string): string[] {
  return has(facts, file) ? [rel(facts, file)] : [];
}

function usesIncrementalTs(facts: WorkspaceFacts): boolean {
  return (
    tsconfigValue(facts.tsconfig, 'incremental') === 'true' ||
    tsconfigValue(facts.tsconfig, 'composite') === 'true' ||
    tsconfigValue(facts.tsconfig, 'tsBuildInfoFile') !== undefined
  );
}

/** The presets a workspace uses, with the reason for each. buildx is never detected (see README). */
export function detectPresets(facts: WorkspaceFacts): { name: PresetName; reason: string }[] {
  const found: { name: PresetName; reason: string }[] = [];
  if (has(facts, 'pnpm-lock.yaml')) found.push({ name: 'pnpm', reason: 'pnpm-lock.yaml' });
  if (has(facts, 'yarn.lock')) {
    found.push(
      isYarnBerry(facts)
        ? { name: 'yarn-berry', reason: 'yarn.lock (Yarn 2+)' }
        : { name: 'yarn-classic', reason: 'yarn.lock (Yarn 1)' }
    );
  }
  const npmLock = ['package-lock.json', 'npm-shrinkwrap.json'].find(f => has(facts, f));
  if (npmLock) found.push({ name: 'npm', reason: npmLock });
  if (has(facts, 'go.sum') || has(facts, 'go.mod'))
    found.push({ name: 'go', reason: has(facts, 'go.sum') ? 'go.sum' : 'go.mod' });
  const nextConfig = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts'].find(f =>
    has(facts, f)
  );
  if (nextConfig || facts.dependencies.includes('next'))
    found.push({ name: 'next', reason: nextConfig ?? 'next in package.json' });
  if (has(facts, 'turbo.json') || facts.dependencies.includes('turbo'))
    found.push({ name: 'turbo', reason: has(facts, 'turbo.json') ? 'turbo.json' : 'turbo in package.json' });
  if (usesIncrementalTs(facts)) found.push({ name: 'tsbuildinfo', reason: 'tsconfig.json is incremental' });
  return found;
}

/**
 * Turns the `presets` and `paths` inputs into plans. `auto` (the default) means detection;
 * `yarn` means whichever Yarn the workspace uses. Explicit `paths` add a `paths` preset keyed on
 * `key-files` (default: the workspace's lockfiles).
 */
export function planPresets(
  requested: string[],
  extraPaths: string[],
  keyFiles: string[],
  facts: WorkspaceFacts
): PresetPlan[] {
  const names = requested.length === 0 ? ['auto'] : requested.map(n => n.toLowerCase());
  const chosen = new Map<PresetName, string>();
  for (const name of names) {
    if (name === 'auto') {
      for (const d of detectPresets(facts))
        if (!chosen.has(d.name)) chosen.set(d.name, `detected: ${d.reason}`);
      continue;
    }
    if (name === 'none') continue;
    const resolved: string = name === 'yarn' ? (isYarnBerry(facts) ? 'yarn-berry' : 'yarn-classic') : name;
    if (!(PRESET_NAMES as readonly string[]).includes(resolved) || resolved === 'paths') {
      throw new ConfigurationError(
        `unknown preset '${name}' (use auto, none, ${PRESET_NAMES.filter(n => n !== 'paths').join(', ')}, yarn)`,
        'presets'
      );
    }
    if (!chosen.has(resolved as PresetName)) chosen.set(resolved as PresetName, 'named in presets');
  }
  const plans: PresetPlan[] = [...chosen.entries()].map(([name, reason]) => ({
    name,
    reason,
    ...factories[name](facts)
  }));
  if (extraPaths.length > 0) {
    const files = keyFiles.length > 0 ? keyFiles : nodeLockfiles(facts).concat(keyFilesFor(facts, 'go.sum'));
    plans.push({
      name: 'paths',
      kind: 'dependency',
      runtime: 'none',
      paths: extraPaths,
      keyFiles: files,
      reason: 'paths input'
    });
  }
  return plans;
}
