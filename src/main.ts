import * as core from '@actions/core';
import { findCommand } from './commands/index.js';
import { CommandContext } from './commands/types.js';
import { isExpectedError, messageOf } from './errors.js';
import { Inputs, OptionSpec, RawInputs } from './options.js';
import { readRunContext, StateKey } from './runner.js';

/** Masks a secret, and each line of a multi-line one (a private key), for the rest of the job. */
export function maskSecret(value: string): void {
  if (!value) return;
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
}

/** Every input of a command, read once; secrets are masked before anything can print them. */
export function readActionInputs(options: OptionSpec[]): RawInputs {
  const raw: RawInputs = {};
  for (const spec of options) {
    if (spec.cliOnly) continue;
    const value = core.getInput(spec.name);
    if (spec.secret) maskSecret(value);
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
  core.saveState(StateKey.Command, command.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => core.info(line),
    warn: message => core.warning(message),
    saveState: (key, value) => core.saveState(key, value),
    setSecret: value => maskSecret(value),
    exportVariable: (key, value) => core.exportVariable(key, value),
    run: readRunContext()
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
    if (isExpectedError(error)) {
      core.setFailed(messageOf(error));
    } else {
      core.setFailed(
        `shipgate ${command.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
      );
      if (error instanceof Error && error.stack) core.debug(error.stack);
    }
  }
}
