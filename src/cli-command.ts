import { parseArgs } from 'node:util';
import { Command, CommandContext } from './commands/types.js';
import { ConfigurationError, ExitCode, exitCodeFor, messageOf } from './errors.js';
import { Inputs, OptionSpec, RawInputs } from './options.js';

/**
 * Running one command from CLI arguments, apart from the command table (src/cli.ts), so that an
 * entry point for one command (validate) loads that command only.
 */

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const defaultIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text)
};

export function commandHelp(command: Command): string {
  const rows = command.options.map((o: OptionSpec) => {
    const flag = o.flag ? `--${o.name}` : `--${o.name} ${o.multiple ? 'VALUE...' : 'VALUE'}`;
    const def = o.default !== undefined ? ` (default: ${o.default})` : '';
    return `  ${flag.padEnd(30)} ${o.description}${def}`;
  });
  return `Usage: shipgate ${command.name} [flags]\n\n${command.summary}\n\nFlags:\n${rows.join('\n')}\n`;
}

function parseFlags(command: Command, argv: string[]): RawInputs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const spec of command.options) {
    options[spec.name] = spec.flag
      ? { type: 'boolean' }
      : { type: 'string', multiple: spec.multiple ?? false };
  }
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return values as RawInputs;
  } catch (error) {
    throw new ConfigurationError(`${messageOf(error)} (see 'shipgate ${command.name} --help')`);
  }
}

/** `shipgate <command> ...rest`: help, flags, the run, and the exit code. */
export async function runCommand(command: Command, rest: string[], io: CliIo = defaultIo): Promise<number> {
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return ExitCode.Success;
  }
  const context: CommandContext = {
    mode: 'cli',
    log: line => io.stderr(`${line}\n`),
    warn: message => io.stderr(`warning: ${message}\n`),
    saveState: () => undefined
  };
  let json = false;
  try {
    const raw = parseFlags(command, rest);
    json = raw.json === true;
    const outcome = await command.run(new Inputs(command.options, raw), context);
    io.stdout(json ? `${JSON.stringify(outcome.json)}\n` : `${outcome.text}\n`);
    return outcome.exitCode;
  } catch (error) {
    const code = exitCodeFor(error);
    const label =
      code === ExitCode.BadInput ? 'error' : code === ExitCode.OperationFailed ? 'failed' : 'error';
    io.stderr(`shipgate ${command.name}: ${label}: ${messageOf(error)}\n`);
    if (
      !(error instanceof ConfigurationError) &&
      code === ExitCode.CheckFailed &&
      error instanceof Error &&
      error.stack
    ) {
      io.stderr(`${error.stack}\n`);
    }
    if (json) io.stdout(`${JSON.stringify({ error: messageOf(error), exitCode: code })}\n`);
    return code;
  }
}
