import { parseDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { gateOptions, parseGateConfig, releaseProofOptions } from '../gate/config.js';
import { deploymentOptions, parseDeploymentsConfig } from '../integrations/deployments.js';
import { notifyOptions, parseNotifyConfig } from '../integrations/notify.js';
import { parseTargetInputs, processOptions, targetOptions } from '../platforms/host/open.js';
import { validateReleaseId } from '../release/ids.js';
import { rollback } from '../release/rollback.js';
import { jsonOption, OptionSpec } from '../options.js';
import { releasePost } from './release-post.js';
import {
  announce,
  announceError,
  identity,
  outcomeFor,
  recordRollbackDeployment,
  withSession
} from './release-session.js';
import { Command } from './types.js';

const rollbackOnly: OptionSpec[] = [
  {
    name: 'to',
    description:
      'previous (the last good release before current; when current never passed, the newest good one; never a failed one) or a release id.',
    default: 'previous'
  }
];

export const rollbackCommand: Command = {
  name: 'rollback',
  summary:
    'Switch current back to the last good release (or a named one), restart, prove which code serves, and gate it.',
  options: [
    ...targetOptions,
    ...rollbackOnly,
    ...processOptions,
    ...gateOptions,
    ...releaseProofOptions,
    ...notifyOptions,
    ...deploymentOptions,
    jsonOption
  ],
  async run(inputs, context) {
    const parsedTarget = parseTargetInputs(inputs, true);
    const gate = parseGateConfig(inputs, { release: true });
    const to = inputs.required('to');
    if (to !== 'previous') validateReleaseId(to, 'to');
    const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
    const notifyConfig = parseNotifyConfig(inputs);
    const deployments = parseDeploymentsConfig(inputs, process.env, context.run);
    return withSession(
      parsedTarget,
      context,
      {
        source: null,
        responseProof: gate.expect.release !== null || gate.expect.version !== null,
        interruptible: true
      },
      async ({ opened, context: ctx, reporter, warnings }) => {
        const outcome = await rollback(
          opened.platform,
          { ...identity(ctx.run, null), to, gate, lockTtlMs },
          reporter
        ).catch(async error => {
          if (!(error instanceof ConfigurationError))
            await announceError(
              error,
              'rollback',
              to === 'previous' ? null : to,
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
    );
  },
  post: releasePost
};
