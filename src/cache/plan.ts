import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CacheConfig } from './config.js';
import { deriveKeys, osLabel } from './keys.js';
import { planPresets, PresetPlan, WorkspaceFacts } from './presets.js';
import { PlannedPreset } from './run.js';
import { keyFileHashFor, probeRuntimes, readWorkspaceFacts } from './workspace.js';

export interface CachePlan {
  workspace: string;
  facts: WorkspaceFacts;
  presets: (PlannedPreset & Pick<PresetPlan, 'keyFiles' | 'reason' | 'runtime'>)[];
  /** True when the buildx preset is on. */
  buildx: boolean;
}

/** Detection and keys for a workspace: reads files and probes runtimes (the I/O), the rest is pure. */
export async function makePlan(
  config: CacheConfig,
  workspace: string,
  env = process.env
): Promise<CachePlan> {
  const facts = readWorkspaceFacts(workspace, config.workingDirectory, env);
  const plans = planPresets(config.presets, config.paths, config.keyFiles, facts);
  const fileful = plans.filter(p => p.name !== 'buildx');
  let goMod: string | undefined;
  try {
    goMod = readFileSync(join(workspace, config.workingDirectory, 'go.mod'), 'utf8');
  } catch {
    goMod = undefined;
  }
  const runtimes = await probeRuntimes(
    [...new Set(fileful.map(p => p.runtime))],
    join(workspace, config.workingDirectory),
    goMod
  );
  const presets = fileful.map(plan => ({
    ...plan,
    ...deriveKeys(plan, {
      os: osLabel(facts.platform),
      arch: process.arch,
      runtimes,
      keyFileHash: keyFileHashFor(plan, workspace),
      runId: env.GITHUB_RUN_ID ?? 'local',
      runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1'
    })
  }));
  return { workspace, facts, presets, buildx: plans.some(p => p.name === 'buildx') };
}
