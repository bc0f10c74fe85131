import { PresetKind } from './presets.js';

/** How a restore ended for one preset. */
export type RestoreOutcome = 'hit' | 'partial' | 'miss' | 'skipped' | 'error';

/** hit: the exact key (or, for build presets, an entry of the same lockfile hash); partial: a restore key. */
export function classifyRestore(
  matchedKey: string | undefined,
  keys: { primaryKey: string; exactPrefix: string }
): RestoreOutcome {
  if (!matchedKey) return 'miss';
  if (matchedKey === keys.primaryKey || matchedKey.startsWith(keys.exactPrefix)) return 'hit';
  return 'partial';
}

export interface CacheMode {
  readable: boolean;
  writable: boolean;
  /** The mode as the runner gave it ('' when unset). */
  mode: string;
}

/**
 * ACTIONS_CACHE_MODE as @actions/cache 6.x reads it (internal/config.js, not exported): the
 * known modes are none, read, write and write-only; unset or unknown values allow everything.
 */
export function cacheModeFrom(value: string | undefined): CacheMode {
  const mode = (value ?? '').trim().toLowerCase();
  const known = ['none', 'read', 'write', 'write-only'].includes(mode);
  return {
    mode,
    readable: !known || mode === 'read' || mode === 'write',
    writable: !known || mode === 'write' || mode === 'write-only'
  };
}

export type JobStatus = 'success' | 'failure' | 'cancelled';

/** `${{ job.status }}` as the runner evaluates it; anything else (unevaluated, empty) counts as success. */
export function parseJobStatus(text: string | undefined): JobStatus {
  const value = (text ?? '').trim().toLowerCase();
  return value === 'failure' || value === 'cancelled' ? value : 'success';
}

export interface SaveInput {
  kind: PresetKind;
  restore: RestoreOutcome;
  /** The key the restore matched exactly equals the key a save would write. */
  matchedPrimaryKey: boolean;
  jobStatus: JobStatus;
  saveOnFailure: boolean;
  writable: boolean;
  /** An earlier save in this post step was refused because the token is read-only. */
  writeDenied: boolean;
}

export interface SaveDecision {
  save: boolean;
  reason: string;
}

/** The save policy, one preset at a time. */
export function decideSave(input: SaveInput): SaveDecision {
  if (!input.writable) return { save: false, reason: 'cache mode does not permit writes' };
  if (input.writeDenied) return { save: false, reason: 'read-only token: writes are denied' };
  if (input.matchedPrimaryKey) return { save: false, reason: 'exact key already cached' };
  if (input.kind === 'dependency') {
    if (input.restore === 'hit') return { save: false, reason: 'exact key already cached' };
    if (input.jobStatus !== 'success' && !input.saveOnFailure)
      return { save: false, reason: `job ${input.jobStatus} and save-on-failure is false` };
    return {
      save: true,
      reason: input.jobStatus === 'success' ? 'exact key missed' : `exact key missed (job ${input.jobStatus})`
    };
  }
  // Build outputs of a failed or cancelled job may be half written: never saved.
  if (input.jobStatus !== 'success')
    return { save: false, reason: `job ${input.jobStatus}: build outputs not saved` };
  return { save: true, reason: 'build outputs: fresh entry for this run' };
}

/** `cache-hit` output: true only when every preset that caches files hit exactly. */
export function allHit(outcomes: RestoreOutcome[]): boolean {
  return outcomes.length > 0 && outcomes.every(o => o === 'hit');
}

export function megabytesPerSecond(bytes: number | null, ms: number | null): number | null {
  if (bytes === null || ms === null || ms <= 0) return null;
  return bytes / (1024 * 1024) / (ms / 1000);
}
