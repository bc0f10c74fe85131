import * as cache from '@actions/cache';
import { messageOf } from '../errors.js';
import { BuildxCacheSpec } from './buildx.js';
import { PresetKeys } from './keys.js';
import { LibraryLog, withLibraryLog } from './library-log.js';
import { classifyRestore, decideSave, JobStatus, RestoreOutcome } from './policy.js';
import { PresetKind, PresetName } from './presets.js';
import { anyPathExists } from './workspace.js';

export type SaveOutcome = 'saved' | 'skipped' | 'exists' | 'denied' | 'failed' | 'nothing';

/** One preset as the main step leaves it for the post step (saved state, JSON). */
export interface PresetState extends PresetKeys {
  name: PresetName;
  kind: PresetKind;
  paths: string[];
  restore: RestoreOutcome;
  matchedKey: string | null;
  restoreMs: number | null;
  restoreBytes: number | null;
  note: string;
}

export interface PresetReport extends PresetState {
  save: SaveOutcome | null;
  saveReason: string;
  saveMs: number | null;
  saveBytes: number | null;
}

/** What main hands to post through core.saveState. */
export interface CacheState {
  version: 1;
  workspace: string;
  home: string;
  saveOnFailure: boolean;
  writable: boolean;
  presets: PresetState[];
  buildx: BuildxCacheSpec[];
}

export interface Log {
  info(line: string): void;
  warn(message: string): void;
}

/** The three @actions/cache calls shipgate makes, in one place (a parameter of restoreAll / saveAll). */
export interface CacheLibrary {
  restoreCache: typeof cache.restoreCache;
  saveCache: typeof cache.saveCache;
  isFeatureAvailable: typeof cache.isFeatureAvailable;
}
export const actionsCache: CacheLibrary = cache;

export interface PlannedPreset extends PresetKeys {
  name: PresetName;
  kind: PresetKind;
  paths: string[];
}

async function restoreOne(plan: PlannedPreset, log: Log, lib: CacheLibrary): Promise<PresetState> {
  const libraryLog = new LibraryLog(plan.name, 'restore');
  const started = performance.now();
  let matched: string | undefined;
  let restore: RestoreOutcome;
  let note = '';
  try {
    matched = await withLibraryLog(libraryLog, () =>
      lib.restoreCache(plan.paths, plan.primaryKey, plan.restoreKeys)
    );
    restore = libraryLog.restoreFailed ? 'error' : classifyRestore(matched, plan);
  } catch (error) {
    // a ValidationError (bad key or paths) is the only thing restoreCache throws
    restore = 'error';
    note = messageOf(error);
    log.warn(`shipgate cache (${plan.name}): restore failed, continuing without it: ${note}`);
  }
  const restoreMs = Math.round(performance.now() - started);
  if (restore === 'error' && !note) note = 'restore failed (see the warning above)';
  log.info(
    `${plan.name}: ${restore}${matched ? ` from ${matched}` : ''} in ${(restoreMs / 1000).toFixed(1)}s`
  );
  return {
    ...plan,
    restore,
    matchedKey: matched ?? null,
    restoreMs: matched ? restoreMs : null,
    restoreBytes: matched ? libraryLog.archiveBytes : null,
    note
  };
}

/** The main step: every preset restores at once. */
export function restoreAll(plans: PlannedPreset[], log: Log, lib: CacheLibrary = actionsCache) {
  return Promise.all(plans.map(plan => restoreOne(plan, log, lib)));
}

export function skippedRestore(plan: PlannedPreset, note: string): PresetState {
  return { ...plan, restore: 'skipped', matchedKey: null, restoreMs: null, restoreBytes: null, note };
}

/**
 * The post step: saves one preset after the other (archiving is CPU bound, and after a write
 * denied by a read-only token the others are not even tried).
 */
export async function saveAll(
  state: CacheState,
  jobStatus: JobStatus,
  log: Log,
  lib: CacheLibrary = actionsCache
): Promise<PresetReport[]> {
  const reports: PresetReport[] = [];
  let writeDenied = false;
  for (const preset of state.presets) {
    const decision = decideSave({
      kind: preset.kind,
      restore: preset.restore,
      matchedPrimaryKey: preset.matchedKey === preset.primaryKey,
      jobStatus,
      saveOnFailure: state.saveOnFailure,
      writable: state.writable,
      writeDenied
    });
    const report: PresetReport = {
      ...preset,
      save: 'skipped',
      saveReason: decision.reason,
      saveMs: null,
      saveBytes: null
    };
    reports.push(report);
    if (!decision.save) {
      log.info(`${preset.name}: not saved: ${decision.reason}`);
      continue;
    }
    if (!anyPathExists(preset.paths, state.workspace, state.home)) {
      report.save = 'nothing';
      report.saveReason = `nothing to save: ${preset.paths.join(', ')} not found`;
      log.info(`${preset.name}: ${report.saveReason}`);
      continue;
    }
    const libraryLog = new LibraryLog(preset.name, 'save');
    const started = performance.now();
    try {
      const id = await withLibraryLog(libraryLog, () => lib.saveCache(preset.paths, preset.primaryKey));
      report.saveMs = Math.round(performance.now() - started);
      report.saveBytes = libraryLog.archiveBytes;
      if (id !== -1) {
        report.save = 'saved';
      } else if (libraryLog.writeDenied) {
        report.save = 'denied';
        report.saveReason = 'read-only token: writes are denied';
        writeDenied = true;
      } else if (libraryLog.alreadyExists) {
        report.save = 'exists';
        report.saveReason = 'another job saved this key first';
      } else {
        report.save = 'failed';
        report.saveReason = libraryLog.saveFailed
          ? 'save failed (see the warning above)'
          : 'not saved by the cache service';
        if (!libraryLog.saveFailed)
          log.warn(`shipgate cache (${preset.name}): ${preset.primaryKey} was not saved`);
      }
    } catch (error) {
      report.saveMs = Math.round(performance.now() - started);
      const message = messageOf(error);
      if (
        error instanceof Error &&
        (error.name === 'CacheWriteDeniedError' || message.includes('cache write denied:'))
      ) {
        // a later @actions/cache may throw it instead of logging it: honoured just as quietly
        report.save = 'denied';
        report.saveReason = 'read-only token: writes are denied';
        writeDenied = true;
      } else if (message.startsWith('Path Validation Error')) {
        report.save = 'nothing';
        report.saveReason = 'nothing to save: no file matched';
      } else {
        report.save = 'failed';
        report.saveReason = message;
        log.warn(`shipgate cache (${preset.name}): save failed, the build goes on: ${message}`);
      }
    }
    log.info(`${preset.name}: ${report.save} ${preset.primaryKey} (${report.saveReason})`);
  }
  return reports;
}
