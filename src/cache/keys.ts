import { createHash } from 'node:crypto';
import { PresetPlan, Runtime } from './presets.js';

/**
 * Cache keys: `shipgate-<os>-<arch>-<preset>-<runtime version>-<hash of the key files>`.
 * Restore keys drop components from the end, so a changed lockfile falls back to the newest
 * entry of the same runtime, then of any runtime. Build presets add `-<run id>-<attempt>` so that
 * every run saves a fresh entry while the lockfile prefix still finds the newest one.
 */
export interface KeyContext {
  os: string;
  arch: string;
  /** Runtime versions as they go into keys, e.g. { node: 'node20', go: 'go1.22' }. */
  runtimes: Partial<Record<Runtime, string>>;
  /** Hash of the preset's key files (see hashKeyFiles). */
  keyFileHash: string;
  runId: string;
  runAttempt: string;
}

export interface PresetKeys {
  primaryKey: string;
  restoreKeys: string[];
  /** A restore that matched a key starting with this counts as an exact hit. */
  exactPrefix: string;
}

const KEY_PREFIX = 'shipgate';

/** Keys may not contain commas and are compared as text: keep components to a safe alphabet. */
export function keyComponent(text: string): string {
  return text.replace(/[^A-Za-z0-9._]+/g, '_').slice(0, 64) || '_';
}

export function osLabel(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'macos' : platform === 'win32' ? 'windows' : platform;
}

/** `v20.11.1` -> `node20`; `go1.22.3` / `1.22` -> `go1.22`. The major (minor for Go) decides ABI and toolchain. */
export function runtimeLabel(runtime: Runtime, version: string | undefined): string {
  if (runtime === 'none') return 'any';
  const match = /(\d+)\.(\d+)/.exec(version ?? '') ?? /(\d+)/.exec(version ?? '');
  if (!match) return `${runtime}unknown`;
  return runtime === 'node' ? `node${match[1]}` : `go${match[1]}.${match[2] ?? '0'}`;
}

/**
 * Hash of the key files: their relative names and contents, in a fixed order. Missing files are
 * hashed as missing (a preset named explicitly in a workspace without a lockfile still gets a key).
 */
export function hashKeyFiles(files: { path: string; content: Buffer | null }[]): string {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    hash.update(f.path);
    hash.update('\0');
    if (f.content === null) hash.update('\u0001missing');
    else hash.update(f.content);
    hash.update('\0');
  }
  if (sorted.length === 0) hash.update('no key files');
  return hash.digest('hex').slice(0, 20);
}

export function deriveKeys(plan: PresetPlan, ctx: KeyContext): PresetKeys {
  const base = [KEY_PREFIX, keyComponent(ctx.os), keyComponent(ctx.arch), plan.name].join('-');
  const runtime = keyComponent(ctx.runtimes[plan.runtime] ?? runtimeLabel(plan.runtime, undefined));
  const withRuntime = `${base}-${runtime}`;
  const exact = `${withRuntime}-${ctx.keyFileHash}`;
  if (plan.kind === 'dependency') {
    return { primaryKey: exact, restoreKeys: [`${withRuntime}-`, `${base}-`], exactPrefix: exact };
  }
  const runUnique = `${exact}-${keyComponent(ctx.runId)}-${keyComponent(ctx.runAttempt)}`;
  return {
    primaryKey: runUnique,
    restoreKeys: [`${exact}-`, `${withRuntime}-`, `${base}-`],
    exactPrefix: `${exact}-`
  };
}
