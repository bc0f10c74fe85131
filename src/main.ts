import * as core from '@actions/core';
import { findCommand } from './commands/index.js';
import { CommandContext } from './commands/types.js';
import { ConfigurationError, messageOf, OperationError } from './errors.js';
import { Inputs, OptionSpec, RawInputs } from './options.js';
import { sanitizeLog } from './util/sanitize.js';

function readActionInputs(specs: OptionSpec[]): RawInputs {
  const raw: RawInputs = {};
  for (const spec of specs) {
    if (spec.cliOnly) continue;
    const value = core.getInput(spec.name);
    if (spec.secret && value) {
      core.setSecret(value);
      // a multi-line secret (a private key) is also masked line by line
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
      // and the parts a peer may echo alone (the token in a webhook URL's path)
      for (const part of spec.secretParts?.(value.trim()) ?? []) core.setSecret(part);
    }
    if (value !== '') raw[spec.name] = value;
  }
  return raw;
}

/**
 * The step log's edge: everything written goes through sanitizeLog (no control character, no
 * line break that starts a line of foreign text, no workflow command but those @actions/core
 * writes for shipgate itself).
 */
const actionLog = {
  info: (text: string) => core.info(sanitizeLog(text)),
  warning: (text: string) => core.warning(sanitizeLog(text)),
  failed: (text: string) => core.setFailed(sanitizeLog(text))
};

/** The action's main step: reads `command`, dispatches, maps errors to core.setFailed. */
export async function run(): Promise<void> {
  const name = core.getInput('command') || 'gate';
  const command = findCommand(name);
  if (!command) {
    actionLog.failed(
      `Invalid input 'command': '${name}' is not one of gate, deploy, rollback, releases, validate, cache`
    );
    return;
  }
  core.saveState('command', command.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => actionLog.info(line),
    warn: message => actionLog.warning(message),
    saveState: (key, value) => core.saveState(key, value)
  };
  try {
    const inputs = new Inputs(command.options, readActionInputs(command.options));
    const outcome = await core.group(`shipgate ${command.name}`, () => command.run(inputs, context));
    for (const [key, value] of Object.entries(outcome.outputs)) core.setOutput(key, value);
    if (outcome.summary && process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(outcome.summary, true).write();
    }
    if (outcome.failure) actionLog.failed(outcome.failure);
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof OperationError) {
      actionLog.failed(messageOf(error));
    } else {
      actionLog.failed(
        `shipgate ${command.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
      );
      if (error instanceof Error && error.stack) core.debug(sanitizeLog(error.stack));
    }
  }
}
