import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig } from '../gate/config.js';
import { waitForStableHealth } from '../gate/run.js';
import { monitorEvent } from '../integrations/events.js';
import { notify, notifyOptions, parseNotifyConfig } from '../integrations/notify.js';
import { validateAppName } from '../platforms/host/layout.js';
import { watchPm2 } from '../platforms/host/monitor.js';
import { parseTargetInputs, processOptions, targetOptions } from '../platforms/host/open.js';
import { jsonOption, OptionSpec } from '../options.js';
import { renderGateSummary } from '../report/gate-summary.js';
import { Command } from './types.js';

/** The gate's optional process-manager watch: the target flags plus the app (a scheduled monitor). */
const watchOptions: OptionSpec[] = [
  ...targetOptions.map(o =>
    o.name === 'path'
      ? {
          ...o,
          description:
            'gate: with app, also watch the PM2 app on this deploy root (local or over ssh): its restarts since the last check fail the gate.'
        }
      : o
  ),
  ...processOptions.filter(o => o.name === 'app' || o.name === 'pm2-bin' || o.name === 'lock-expiry')
];

const monitorOptions: OptionSpec[] = [
  {
    name: 'previous-verdict',
    description:
      'Notifications from a scheduled check: the verdict of the previous check (pass or fail). A failure is sent when the service was not already failing, a recovery when it was.'
  }
];

export const gateCommand: Command = {
  name: 'gate',
  summary: 'Probe health URLs until the service is healthy and has stayed healthy for the window.',
  options: [...gateOptions, ...watchOptions, ...notifyOptions, ...monitorOptions, jsonOption],
  async run(inputs, context) {
    const config = parseGateConfig(inputs);
    const notifyConfig = parseNotifyConfig(inputs);
    const previous = inputs.string('previous-verdict') ?? null;
    if (previous !== null && previous !== 'pass' && previous !== 'fail') {
      throw new ConfigurationError(`'${previous}' is not pass or fail`, 'previous-verdict');
    }
    let watch = null;
    if (inputs.has('path') || inputs.has('app')) {
      if (!inputs.has('path'))
        throw new ConfigurationError('watching a PM2 app needs the deploy root too', 'path');
      const app = validateAppName(inputs.required('app'));
      const parsed = parseTargetInputs(inputs, false);
      watch = await watchPm2(
        parsed,
        app,
        inputs.string('pm2-bin') ?? 'pm2',
        parseDuration(inputs.required('lock-expiry'), 'lock-expiry'),
        { log: context.log, warn: context.warn, saveState: context.saveState, run: context.run }
      );
    }
    let result;
    try {
      result = await waitForStableHealth(config, { log: context.log, signals: watch?.signals });
    } finally {
      await watch?.finish();
    }
    const passed = result.verdict === 'pass';
    const event = monitorEvent(result.verdict, previous);
    if (event) {
      await notify(
        notifyConfig,
        {
          event,
          command: 'gate',
          repository: context.run.repository,
          runUrl: context.run.runUrl,
          environment: notifyConfig.environment,
          release: null,
          verdict: result.verdict,
          reason: result.reason,
          restoredRelease: null
        },
        context.warn
      );
    }
    return {
      exitCode: passed ? ExitCode.Success : ExitCode.CheckFailed,
      json: result,
      text: `${result.verdict.toUpperCase()}: ${result.reason}`,
      outputs: { verdict: result.verdict, reason: result.reason, 'elapsed-ms': String(result.elapsedMs) },
      summary: renderGateSummary(result),
      failure: passed ? null : `Health gate failed: ${result.reason}`
    };
  }
};
