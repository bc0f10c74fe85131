import * as core from '@actions/core';
import { findCommand } from './commands/index.js';
import { CommandContext } from './commands/types.js';
import { ConfigurationError, messageOf, OperationError } from './errors.js';
import { Inputs, RawInputs } from './options.js';

function readActionInputs(optionNames: { name: string; cliOnly?: boolean; secret?: boolean }[]): RawInputs {
  const raw: RawInputs = {};
  for (const spec of optionNames) {
    if (spec.cliOnly) continue;
    const value = core.getInput(spec.name);
    if (spec.secret && value) {
      core.setSecret(value);
      // a multi-line secret (a private key) is also masked line by line
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
    }
    if (value !== '') raw[spec.name] = value;
  }
  return raw;
}

/** The action's main step: reads `command`, dispatches, maps errors to core.setFailed. */
export async function run(): Promise<void> {
  const name = core.getInput('command') || 'gate';
  const command = findCommand(name);
  if (!command) {
    core.setFailed(
      `Invalid input 'command': '${name}' is not one of gate, deploy, rollback, releases, validate, cache`
    );
    return;
  }
  core.saveState('command', command.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => core.info(line),
    warn: message => core.warning(message),
    saveState: (key, value) => core.saveState(key, value)
  };
  try {
    const inputs = new Inputs(command.options, readActionInputs(command.options));
    const outcome = await core.group(`shipgate ${command.name}`, () => command.run(inputs, context));
    for (const [key, value] of Object.entries(outcome.outputs)) core.setOutput(key, value);
    if (outcome.summary && process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(outcome.summary, true).write();
    }
    if (outcome.failure) core.setFailed(outcome.failure);
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof OperationError) {
      core.setFailed(messageOf(error));
    } else {
      core.setFailed(
        `shipgate ${command.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
      );
      if (error instanceof Error && error.stack) core.debug(error.stack);
    }
  }
}
