import { CliIo, defaultIo, runCommand } from './cli-command.js';
import { CommandContext } from './commands/types.js';
import { validateCommand } from './commands/validate.js';
import { ConfigurationError, messageOf, OperationError } from './errors.js';
import { Inputs, RawInputs } from './options.js';
import { readRunContext, StateKey } from './runner.js';
import * as runner from './util/runner-commands.js';
import { sanitizeLog } from './util/sanitize.js';

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
  runner.saveState(StateKey.Command, validateCommand.name);
  const context: CommandContext = {
    mode: 'action',
    log: line => runner.info(sanitizeLog(line)),
    warn: message => runner.annotate('warning', sanitizeLog(message)),
    saveState: (key, value) => runner.saveState(key, value),
    setSecret: value => runner.addMask(value),
    // validate exports nothing for later steps
    exportVariable: () => undefined,
    annotate: (level, message, at) => runner.annotate(level, sanitizeLog(message), at),
    run: readRunContext()
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
    if (outcome.failure) runner.setFailed(sanitizeLog(outcome.failure));
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof OperationError)
      runner.setFailed(sanitizeLog(messageOf(error)));
    else {
      runner.setFailed(
        sanitizeLog(
          `shipgate ${validateCommand.name} failed unexpectedly (a bug of ours, please report it): ${messageOf(error)}`
        )
      );
      if (error instanceof Error && error.stack) runner.debug(sanitizeLog(error.stack));
    }
  }
}
