import { ConfigurationError, ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig } from '../gate/config.js';
import { waitForStableHealth } from '../gate/run.js';
import { watchOptions, watchPm2 } from '../platforms/host/monitor.js';
import { jsonOption, OptionSpec } from '../options.js';
import { renderGateSummary } from '../report/gate-summary.js';
import { notify, NotifyEvent, notifyOptions, parseNotifyConfig, runContext } from '../integrations/notify.js';
import { Command } from './types.js';

const monitorOptions: OptionSpec[] = [
  {
    name: 'previous-verdict',
    description:
      'Notifications from a scheduled check: the verdict of the previous check (pass or fail). A failure is sent when the service was not already failing, a recovery when it was.'
  }
];

/** A scheduled check alerts on a change only: failing after passing, passing after failing. */
export function monitorEvent(verdict: 'pass' | 'fail', previous: 'pass' | 'fail' | null): NotifyEvent | null {
  if (verdict === 'fail') return previous === 'fail' ? null : 'failure';
  return previous === 'fail' ? 'recovery' : null;
}

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
    const watch = await watchPm2(inputs, context);
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
          ...runContext(),
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
