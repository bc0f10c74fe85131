import { BUILDX_RUNTIME_VARIABLES, BuildxCacheSpec, buildxCacheSpecs } from '../cache/buildx.js';
import { cacheOptions, parseCacheConfig } from '../cache/config.js';
import { sendLibraryLogTo } from '../cache/library-log.js';
import { CachePlan, makePlan } from '../cache/plan.js';
import { allHit, cacheModeFrom, CacheMode, parseJobStatus } from '../cache/policy.js';
// @actions/cache (with the Azure SDK) is loaded only when a cache command runs: every other
// command starts faster without it
import type { CacheState, PresetState } from '../cache/run.js';
const loadCacheRun = () => import('../cache/run.js');
import { ConfigurationError, ExitCode } from '../errors.js';
import { jsonOption } from '../options.js';
import { StateKey } from '../runner.js';
import { renderCacheSummary } from '../report/cache-summary.js';
import { Command, CommandContext, CommandOutcome, PostContext } from './types.js';

function dryRun(plan: CachePlan, buildx: BuildxCacheSpec[], mode: CacheMode): CommandOutcome {
  const presets = plan.presets.map(p => ({
    name: p.name,
    kind: p.kind,
    reason: p.reason,
    paths: p.paths,
    keyFiles: p.keyFiles,
    primaryKey: p.primaryKey,
    restoreKeys: p.restoreKeys
  }));
  const lines = presets.map(
    p =>
      `${p.name} (${p.kind}, ${p.reason})\n  paths: ${p.paths.join(', ') || '-'}\n  key:   ${p.primaryKey}\n  restore keys: ${p.restoreKeys.join(', ')}`
  );
  for (const b of buildx)
    lines.push(`buildx ${b.image}\n  cache-from: ${b.cacheFrom}\n  cache-to:   ${b.cacheTo}`);
  return {
    exitCode: ExitCode.Success,
    json: { dryRun: true, workspace: plan.workspace, cacheMode: mode.mode || null, presets, buildx },
    text:
      lines.length > 0
        ? lines.join('\n')
        : 'nothing to cache: no preset detected (see --presets and --paths)',
    outputs: {},
    summary: '',
    failure: null
  };
}

/** buildkit's gha backend reads these in later `run:` steps; the token is masked first. */
function exportBuildxRuntime(context: CommandContext): void {
  for (const name of BUILDX_RUNTIME_VARIABLES) {
    const value = process.env[name];
    if (!value) continue;
    if (name === 'ACTIONS_RUNTIME_TOKEN') context.setSecret(value);
    context.exportVariable(name, value);
  }
  if (!process.env.ACTIONS_RUNTIME_TOKEN)
    context.warn('docker buildx: ACTIONS_RUNTIME_TOKEN is not set, type=gha cannot work');
}

export const cacheCommand: Command = {
  name: 'cache',
  summary:
    'Restore build caches (npm, pnpm, yarn, go, next, turbo, tsbuildinfo) by derived keys; the action post step saves them.',
  options: [...cacheOptions, jsonOption],
  async run(inputs, context) {
    const config = parseCacheConfig(inputs);
    const workspace = context.run.workspace;
    const plan = await makePlan(config, workspace);
    const mode = cacheModeFrom(context.run.cacheMode ?? undefined);
    const buildx = plan.buildx ? buildxCacheSpecs(config.buildxImages, mode.writable) : [];
    if (config.dryRun) return dryRun(plan, buildx, mode);
    const { actionsCache, restoreAll, skippedRestore } = await loadCacheRun();
    const available = actionsCache.isFeatureAvailable();
    if (context.mode === 'cli' && !available) {
      throw new ConfigurationError(
        'the Actions cache service is only reachable inside a workflow run (ACTIONS_RESULTS_URL); use --dry-run to see the presets and keys'
      );
    }
    // the CLI restores only (no post step to save in); its stdout is for the result alone
    if (context.mode === 'cli') sendLibraryLogTo('stderr');
    for (const p of plan.presets) context.log(`${p.name}: ${p.reason}; key ${p.primaryKey}`);
    if (plan.presets.length === 0 && buildx.length === 0)
      context.log('nothing to cache: no preset detected (set presets or paths)');

    let presets: PresetState[];
    if (!mode.readable) {
      context.log(`restore skipped: ACTIONS_CACHE_MODE=${mode.mode} does not permit reads`);
      presets = plan.presets.map(p => skippedRestore(p, `cache mode ${mode.mode}`));
    } else if (!available) {
      if (plan.presets.length > 0)
        context.warn('shipgate cache: the Actions cache service is not available here; nothing restored');
      presets = plan.presets.map(p => skippedRestore(p, 'cache service not available'));
    } else {
      presets = await restoreAll(plan.presets, { info: context.log, warn: context.warn });
    }

    if (buildx.length > 0 && context.mode === 'action') exportBuildxRuntime(context);
    const state: CacheState = {
      version: 1,
      workspace,
      home: plan.facts.home,
      saveOnFailure: config.saveOnFailure,
      writable: mode.writable && available,
      presets,
      buildx
    };
    context.saveState(StateKey.CachePlan, JSON.stringify(state));

    const hit = allHit(presets.map(p => p.restore));
    const matched = Object.fromEntries(presets.map(p => [p.name, p.matchedKey ?? '']));
    const outputs: Record<string, string> = {
      'cache-hit': String(hit),
      'matched-keys': JSON.stringify(matched),
      presets: presets.map(p => p.name).join(',')
    };
    if (buildx.length > 0) {
      outputs['cache-from'] = buildx.map(b => b.cacheFrom).join('\n');
      outputs['cache-to'] = buildx
        .map(b => b.cacheTo)
        .filter(Boolean)
        .join('\n');
    }
    const text = presets
      .map(p => `${p.name}: ${p.restore}${p.matchedKey ? ` (${p.matchedKey})` : ''}`)
      .join('\n');
    return {
      exitCode: ExitCode.Success,
      json: { cacheHit: hit, presets, buildx },
      text: text || 'nothing to cache',
      outputs,
      // the post step writes the summary, with restore and save side by side
      summary: '',
      failure: null
    };
  },
  post: context => cacheSave(context)
};

/** The post step of `cache`: the save policy, then the job summary. */
async function cacheSave(context: PostContext): Promise<void> {
  const { saveAll } = await loadCacheRun();
  const raw = context.getState(StateKey.CachePlan);
  if (!raw) {
    context.log('shipgate cache: the main step left no state (it failed early); nothing to save');
    return;
  }
  const state = JSON.parse(raw) as CacheState;
  const jobStatus = parseJobStatus(context.inputs.string('job-status') ?? '');
  context.log('shipgate cache: save');
  const reports = await saveAll(state, jobStatus, { info: context.log, warn: context.warn });
  if (reports.length > 0 || state.buildx.length > 0)
    await context.summary(renderCacheSummary(reports, state.buildx));
}
