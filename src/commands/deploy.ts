import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig, releaseProofOptions } from '../gate/config.js';
import {
  DeploymentRecorder,
  deploymentOptions,
  parseDeploymentsConfig,
  recordDeployOutcome
} from '../integrations/deployments.js';
import { notifyOptions, parseNotifyConfig } from '../integrations/notify.js';
import {
  parseSharedEntries,
  parseTargetInputs,
  processOptions,
  targetOptions
} from '../platforms/host/open.js';
import { checkSharedInSource, IGNORE_FILE, scanSource } from '../platforms/host/source.js';
import { deploy, refuseExisting } from '../release/deploy.js';
import { restoreTarget } from '../release/history.js';
import { defaultReleaseId, validateReleaseId } from '../release/ids.js';
import { readState } from '../release/steps.js';
import { jsonOption, OptionSpec } from '../options.js';
import { strategyOptions } from '../platforms/host/blue-green/settings.js';
import { singleLine } from '../util/sanitize.js';
import { releasePost } from './release-post.js';
import {
  announce,
  announceError,
  identity,
  outcomeFor,
  Announcing,
  withEcsSession,
  withSession
} from './release-session.js';
import { ecsOptions, EcsTarget, isEcs, parseEcsTarget, refuseEcsFlags } from '../platforms/ecs/target.js';
import { Platform } from '../release/ports.js';
import { Identity } from '../release/steps.js';
import { Command, CommandContext, CommandOutcome } from './types.js';

export const deployOnly: OptionSpec[] = [
  {
    name: 'source',
    description: `Directory whose contents become the release (.git/ and what ${IGNORE_FILE} lists never ship).`,
    default: '.'
  },
  {
    name: 'release',
    description:
      'Release id (A-Z a-z 0-9 . _ -, at most 64, starting with a letter or digit). Default: UTC time and short commit, e.g. 20261122-051402-ab12cd3. An id the target has is refused.'
  },
  {
    name: 'install-command',
    description:
      'Shell command run inside the new release before the switch (e.g. npm ci --omit=dev). Its output is streamed; a failure stops the deploy, nothing is switched. Such a release gets its own copy of every file, so an install that writes in place never changes another release.'
  },
  {
    name: 'shared',
    description:
      'Paths linked from shared/ into every release, comma or newline separated (.env, logs/). A trailing / marks a directory, created when missing. Default: what the target remembers.',
    multiple: true
  },
  {
    name: 'keep',
    description:
      'Good releases to keep; the current and the last good release are never removed, failed ones do not count.',
    default: '5'
  },
  {
    name: 'rollback-on-failure',
    description: 'Switch back to the last release that passed its gate when the new one fails.',
    default: 'true'
  },
  {
    name: 'dry-run',
    description:
      'Print the plan (release, what ships, what is linked and installed, which release a failure would restore) and change nothing.',
    flag: true
  }
];

async function readableDir(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new ConfigurationError(`'${dir}' is not a readable directory`, 'source');
}

export const deployCommand: Command = {
  name: 'deploy',
  summary:
    'Upload a new release, switch current atomically, restart, prove which code serves, gate it, and roll back to the last good release on failure.',
  options: [
    ...targetOptions,
    ...ecsOptions,
    ...deployOnly,
    ...processOptions,
    ...strategyOptions,
    ...gateOptions,
    ...releaseProofOptions,
    ...notifyOptions,
    ...deploymentOptions,
    jsonOption
  ],
  async run(inputs, context) {
    if (isEcs(inputs)) return deployEcs(inputs, context);
    refuseEcsFlags(inputs);
    // every input is checked before anything is written or connected
    const parsedTarget = parseTargetInputs(inputs, true);
    const gate = parseGateConfig(inputs, { release: true });
    const sourceDir = resolve(singleLine(inputs.required('source'), 'source'));
    await readableDir(sourceDir);
    const who = identity(context.run, sourceDir);
    const releaseId = validateReleaseId(inputs.string('release') ?? defaultReleaseId(new Date(), who.commit));
    const shared = parseSharedEntries(inputs);
    const installCommand = inputs.string('install-command') ?? null;
    const keep = inputs.integer('keep', 1);
    const rollbackOnFailure = inputs.boolean('rollback-on-failure');
    const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
    const dryRun = inputs.boolean('dry-run');
    const notifyConfig = parseNotifyConfig(inputs);
    const deployments = parseDeploymentsConfig(inputs, context.run);
    if (shared) await checkSharedInSource(sourceDir, shared);
    const scan = await scanSource(sourceDir);

    return withSession(
      parsedTarget,
      context,
      {
        source: { dir: sourceDir, shared, installCommand, scan },
        responseProof: gate.expect.release !== null || gate.expect.version !== null,
        gate,
        interruptible: !dryRun
      },
      async ({ opened, context: ctx, reporter, warnings }) => {
        const { platform, settings } = opened;
        if (dryRun) {
          const { state, onFailure } = await planStart(platform, releaseId, rollbackOnFailure, ctx);
          const plan = {
            dryRun: true,
            release: releaseId,
            target: platform.description,
            previousRelease: state.current,
            source: {
              dir: sourceDir,
              files: scan.fileCount,
              sizeKiB: scan.sizeKiB,
              ignoreFile: scan.ignoreFileUsed ? IGNORE_FILE : null
            },
            shared: settings.shared ?? [],
            installCommand,
            process:
              settings.process === 'command'
                ? { kind: 'command', restartCommand: settings.restartCommand }
                : {
                    kind: 'pm2',
                    config: settings.pm2Config ?? null,
                    app: settings.app ?? null,
                    bin: settings.pm2Bin
                  },
            strategy: settings.strategy ?? 'in-place',
            onFailure
          };
          const text = [
            `plan: deploy ${releaseId} to ${plan.target} (nothing is changed)`,
            `  source:   ${sourceDir}: ${scan.fileCount} files, ${Math.round(scan.sizeKiB / 1024)} MiB${scan.ignoreFileUsed ? ` (${IGNORE_FILE} applied)` : ''}`,
            `  current:  ${state.current ?? 'nothing (first deploy)'}`,
            `  shared:   ${plan.shared.join(', ') || '-'}`,
            `  install:  ${installCommand ?? '-'}`,
            `  process:  ${settings.process === 'command' ? `command: ${settings.restartCommand}` : `pm2 ${settings.pm2Config ?? '(ecosystem file found in the release)'}${settings.app ? `, app ${settings.app}` : ''}: started, or reloaded when nothing PM2 keeps across reloads changed, then proven`}`,
            `  strategy: ${settings.blueGreen ? `blue-green: the idle slot of ${settings.blueGreen.ports?.join(',')} is gated on its own port, then ${settings.blueGreen.upstreamFile} is switched` : 'in-place'}`,
            `  failure:  ${plan.onFailure}`
          ].join('\n');
          return {
            exitCode: ExitCode.Success,
            json: plan,
            text,
            outputs: { release: releaseId },
            summary: '',
            failure: null
          };
        }
        return runDeploy(
          platform,
          { ...who, releaseId, keep, rollbackOnFailure, gate, lockTtlMs },
          {
            reporter,
            context: ctx,
            notifyConfig,
            deployments,
            warnings
          }
        );
      }
    );
  },
  post: releasePost
};

/** The deploy on any platform, told to GitHub Deployments and the channels, mapped to the outcome. */
async function runDeploy(
  platform: Platform,
  request: Parameters<typeof deploy>[1],
  { reporter, context: ctx, notifyConfig, deployments, warnings }: Announcing
): Promise<CommandOutcome> {
  const { releaseId } = request;
  const recorder = deployments ? await DeploymentRecorder.open(deployments, ctx.warn) : null;
  const deploymentId = recorder && (await recorder.create(releaseId, `shipgate deploy ${releaseId}`));
  if (recorder && deploymentId !== null)
    await recorder.status(deploymentId, 'in_progress', `uploading and gating ${releaseId}`);
  const outcome = await deploy(platform, request, reporter).catch(async error => {
    if (recorder && deploymentId !== null)
      await recorder.status(deploymentId, 'failure', error instanceof Error ? error.message : String(error));
    // bad input (nothing was touched) is not news for the channels
    if (!(error instanceof ConfigurationError))
      await announceError(error, 'deploy', releaseId, notifyConfig, ctx.run, ctx.warn);
    throw error;
  });
  if (recorder && deploymentId !== null) await recordDeployOutcome(recorder, deploymentId, outcome);
  await announce(outcome, notifyConfig, ctx.run, ctx.warn);
  return outcomeFor(outcome, 'Deploy', warnings);
}

/** `--target ecs`: every input checked before the SDK is loaded or AWS called. */
async function deployEcs(
  inputs: Parameters<Command['run']>[0],
  context: CommandContext
): Promise<CommandOutcome> {
  const target = parseEcsTarget(inputs, 'deploy');
  const gate = parseGateConfig(inputs, { release: true });
  const who: Identity = identity(context.run, null);
  const releaseId = validateReleaseId(inputs.string('release') ?? defaultReleaseId(new Date(), who.commit));
  const keep = inputs.integer('keep', 1);
  const rollbackOnFailure = inputs.boolean('rollback-on-failure');
  const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
  const dryRun = inputs.boolean('dry-run');
  const notifyConfig = parseNotifyConfig(inputs);
  const deployments = parseDeploymentsConfig(inputs, context.run);
  return withEcsSession(
    target,
    context,
    { interruptible: !dryRun, who },
    ({ platform, context: ctx, reporter, warnings }) =>
      dryRun
        ? ecsDeployPlan(platform, target, releaseId, rollbackOnFailure, ctx)
        : runDeploy(
            platform,
            { ...who, releaseId, keep, rollbackOnFailure, gate, lockTtlMs },
            {
              reporter,
              context: ctx,
              notifyConfig,
              deployments,
              warnings
            }
          )
  );
}

/** What every `--dry-run` plan starts with: checks that change nothing, the record, and what a failure would restore. */
async function planStart(
  platform: Platform,
  releaseId: string,
  rollbackOnFailure: boolean,
  ctx: CommandContext
) {
  await platform.preflight(ctx.log);
  const state = await readState(platform, ctx.warn);
  refuseExisting(releaseId, state, platform.description);
  const restoreTo = restoreTarget(state.releases, state.current, releaseId)?.id ?? null;
  const onFailure = !rollbackOnFailure
    ? 'stays current (rollback-on-failure off)'
    : restoreTo
      ? `restore ${restoreTo}`
      : 'nothing to restore: stays current';
  return { state, onFailure };
}

/** `--dry-run` on ECS: the service read, the record read, nothing registered or updated. */
async function ecsDeployPlan(
  platform: Platform,
  target: EcsTarget,
  releaseId: string,
  rollbackOnFailure: boolean,
  ctx: CommandContext
): Promise<CommandOutcome> {
  const { state, onFailure } = await planStart(platform, releaseId, rollbackOnFailure, ctx);
  const source = target.source;
  const from =
    source?.kind === 'file'
      ? `task definition ${source.file}`
      : `the current revision with image ${source?.image}${source?.container ? ` in container ${source.container}` : ''}`;
  const plan = {
    dryRun: true,
    release: releaseId,
    target: platform.description,
    previousRelease: state.current,
    source: from,
    onFailure
  };
  const text = [
    `plan: deploy ${releaseId} to ${plan.target} (nothing is changed)`,
    `  revision: registered from ${from}, tagged ${releaseId}`,
    `  current:  ${state.current ?? 'nothing'}`,
    `  then:     UpdateService, gated until the new deployment alone serves and stays healthy`,
    `  failure:  ${plan.onFailure}`
  ].join('\n');
  return {
    exitCode: ExitCode.Success,
    json: plan,
    text,
    outputs: { release: releaseId },
    summary: '',
    failure: null
  };
}
