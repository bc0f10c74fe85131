import { ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig } from '../gate/config.js';
import { waitForStableHealth } from '../gate/run.js';
import { jsonOption } from '../options.js';
import { renderGateSummary } from '../report/gate-summary.js';
import { Command } from './types.js';

export const gateCommand: Command = {
  name: 'gate',
  summary: 'Probe health URLs until the service is healthy and has stayed healthy for the window.',
  options: [...gateOptions, jsonOption],
  async run(inputs, context) {
    const config = parseGateConfig(inputs);
    const result = await waitForStableHealth(config, { log: context.log });
    const passed = result.verdict === 'pass';
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
