import { CliIo, defaultIo, runCommand } from './cli-command.js';
import { CommandContext } from './commands/types.js';
import { validateCommand } from './commands/validate.js';
import { ConfigurationError, messageOf, OperationError } from './errors.js';
import { Inputs, RawInputs } from './options.js';
import * as runner from './util/runner-commands.js';

/**
 * The entry points of `validate` alone, bundled apart (dist-action/validate/): a required PR check
 * starts within Node's own start-up, without loading the deploy, cache and gate code or
 * @actions/core. dist-action/cli.js and main.js pick this bundle when the command is validate;
 * the behaviour is the same as src/cli.ts and src/main.ts for every other command.
 */

/** `shipgate validate ...` (argv[0] is `validate`). */
export function runValidateCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  return runCommand(validateCommand, argv.slice(1), io);
}

/** The action's main step with `command: validate`, as src/main.ts runs any command. */
export async function runValidateAction(): Promise<void> {
  runner.saveState('command', validateCommand.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => runner.info(line),
    warn: message => runner.annotate('warning', message),
    saveState: (key, value) => runner.saveState(key, value)
  };
  try {
    const raw: RawInputs = {};
    for (const spec of validateCommand.options) {
      if (spec.cliOnly) continue;
      const value = runner.getInput(spec.name);
      if (value !== '') raw[spec.name] = value;
    }
    runner.startGroup(`shipgate ${validateCommand.name}`);
    let outcome;
    try {
      outcome = await validateCommand.run(new Inputs(validateCommand.options, raw), context);
    } finally {
      runner.endGroup();
    }
    for (const [key, value] of Object.entries(outcome.outputs)) runner.setOutput(key, value);
    if (outcome.summary) runner.appendSummary(`${outcome.summary}\n`);
    if (outcome.failure) runner.setFailed(outcome.failure);
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof OperationError)
      runner.setFailed(messageOf(error));
    else {
      runner.setFailed(
        `shipgate ${validateCommand.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
      );
      if (error instanceof Error && error.stack) runner.debug(error.stack);
    }
  }
}
