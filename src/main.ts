import * as core from '@actions/core';
import { findCommand } from './commands/index.js';
import { CommandContext } from './commands/types.js';
import { isExpectedError, messageOf } from './errors.js';
import { Inputs, OptionSpec, RawInputs } from './options.js';
import { readRunContext, StateKey } from './runner.js';
import { sanitizeLog } from './util/sanitize.js';

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
    if (spec.secret && value) {
      maskSecret(value);
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
  core.saveState(StateKey.Command, command.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => actionLog.info(line),
    warn: message => actionLog.warning(message),
    saveState: (key, value) => core.saveState(key, value),
    setSecret: value => maskSecret(value),
    exportVariable: (key, value) => core.exportVariable(key, value),
    annotate: (level, message, at) =>
      (level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice)(
        sanitizeLog(message),
        at
      ),
    run: readRunContext()
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
    if (isExpectedError(error)) {
      actionLog.failed(messageOf(error));
    } else {
      actionLog.failed(
        `shipgate ${command.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
      );
      if (error instanceof Error && error.stack) core.debug(sanitizeLog(error.stack));
    }
  }
}
