import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig, releaseProofOptions } from '../gate/config.js';
import { deploymentOptions, parseDeploymentsConfig } from '../integrations/deployments.js';
import { notifyOptions, parseNotifyConfig } from '../integrations/notify.js';
import { parseTargetInputs, processOptions, targetOptions } from '../platforms/host/open.js';
import { validateReleaseId } from '../release/ids.js';
import { chooseRollback, rollback } from '../release/rollback.js';
import { readState } from '../release/steps.js';
import { jsonOption, OptionSpec } from '../options.js';
import { strategyOptions } from '../platforms/host/blue-green/settings.js';
import { releasePost } from './release-post.js';
import {
  announce,
  announceError,
  identity,
  outcomeFor,
  recordRollbackDeployment,
  Announcing,
  withEcsSession,
  withSession
} from './release-session.js';
import { ecsOptions, isEcs, parseEcsTarget, refuseEcsFlags } from '../platforms/ecs/target.js';
import { Platform } from '../release/ports.js';
import { Command, CommandContext, CommandOutcome } from './types.js';

const rollbackOnly: OptionSpec[] = [
  {
    name: 'to',
    description:
      'previous (the last good release before current; when current never passed, the newest good one; never a failed one) or a release id.',
    default: 'previous'
  },
  {
    name: 'dry-run',
    description: 'Print which release the rollback would switch to, and why; change nothing.',
    flag: true
  }
];

export const rollbackCommand: Command = {
  name: 'rollback',
  summary:
    'Switch current back to the last good release (or a named one), restart, prove which code serves, and gate it.',
  options: [
    ...targetOptions,
    ...ecsOptions,
    ...rollbackOnly,
    ...processOptions,
    ...strategyOptions,
    ...gateOptions,
    ...releaseProofOptions,
    ...notifyOptions,
    ...deploymentOptions,
    jsonOption
  ],
  async run(inputs, context) {
    if (isEcs(inputs)) return rollbackEcs(inputs, context);
    refuseEcsFlags(inputs);
    const parsedTarget = parseTargetInputs(inputs, true);
    const gate = parseGateConfig(inputs, { release: true });
    const to = inputs.required('to');
    if (to !== 'previous') validateReleaseId(to, 'to');
    const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
    const notifyConfig = parseNotifyConfig(inputs);
    const deployments = parseDeploymentsConfig(inputs, context.run);
    const dryRun = inputs.boolean('dry-run');
    return withSession(
      parsedTarget,
      context,
      {
        source: null,
        responseProof: gate.expect.release !== null || gate.expect.version !== null,
        gate,
        interruptible: !dryRun
      },
      async ({ opened, context: ctx, reporter, warnings }) => {
        if (dryRun) return rollbackPlan(opened.platform, to, ctx, 'its processes are started and proven');
        return runRollback(
          opened.platform,
          { ...identity(ctx.run, null), to, gate, lockTtlMs },
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

/** The rollback on any platform, told to GitHub Deployments and the channels, mapped to the outcome. */
async function runRollback(
  platform: Platform,
  request: Parameters<typeof rollback>[1],
  { reporter, context: ctx, notifyConfig, deployments, warnings }: Announcing
): Promise<CommandOutcome> {
  const outcome = await rollback(platform, request, reporter).catch(async error => {
    if (!(error instanceof ConfigurationError))
      await announceError(
        error,
        'rollback',
        request.to === 'previous' ? null : request.to,
        notifyConfig,
        ctx.run,
        ctx.warn
      );
    throw error;
  });
  await recordRollbackDeployment(deployments, outcome, ctx.warn);
  await announce(outcome, notifyConfig, ctx.run, ctx.warn);
  return outcomeFor(outcome, 'Rollback', warnings);
}

/** `--target ecs`: every input checked before the SDK is loaded or AWS called. */
async function rollbackEcs(
  inputs: Parameters<Command['run']>[0],
  context: CommandContext
): Promise<CommandOutcome> {
  const target = parseEcsTarget(inputs, 'rollback');
  const gate = parseGateConfig(inputs, { release: true });
  const to = inputs.required('to');
  if (to !== 'previous') validateReleaseId(to, 'to');
  const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
  const dryRun = inputs.boolean('dry-run');
  const notifyConfig = parseNotifyConfig(inputs);
  const deployments = parseDeploymentsConfig(inputs, context.run);
  const who = identity(context.run, null);
  return withEcsSession(
    target,
    context,
    { interruptible: !dryRun, who },
    ({ platform, context: ctx, reporter, warnings }) =>
      dryRun
        ? rollbackPlan(platform, to, ctx, 'UpdateService to its revision')
        : runRollback(
            platform,
            { ...who, to, gate, lockTtlMs },
            { reporter, context: ctx, notifyConfig, deployments, warnings }
          )
  );
}

/** `--dry-run`: which release a rollback would switch to, and why; nothing is changed. */
async function rollbackPlan(
  platform: Platform,
  to: string,
  ctx: CommandContext,
  how: string
): Promise<CommandOutcome> {
  await platform.preflight(ctx.log);
  const state = await readState(platform, ctx.warn);
  const { release, wasBad } = chooseRollback(state, to, platform.description);
  const plan = {
    dryRun: true,
    target: platform.description,
    current: state.current,
    currentStatus: state.releases.find(r => r.id === state.current)?.status ?? null,
    to: release.id,
    toStatus: release.status,
    toCommit: release.commit,
    named: to !== 'previous'
  };
  const text = [
    `plan: rollback on ${plan.target} (nothing is changed)`,
    `  current:  ${state.current ?? 'nothing'} (${plan.currentStatus ?? 'no release'})`,
    `  to:       ${release.id} (${release.status}${wasBad ? ', named explicitly although it did not pass' : ''}), deployed ${release.createdAt || 'at an unknown time'}${release.commit ? ` from ${release.commit.slice(0, 7)}` : ''}`,
    `  then:     ${how}, and it is gated like a deploy`
  ].join('\n');
  return {
    exitCode: ExitCode.Success,
    json: plan,
    text,
    outputs: { release: release.id },
    summary: '',
    failure: null
  };
}
