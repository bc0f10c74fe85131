import { parseArgs } from 'node:util';
import { Command, CommandContext } from './commands/types.js';
import { ConfigurationError, ExitCode, exitCodeFor, isExpectedError, messageOf } from './errors.js';
import { Inputs, OptionSpec, RawInputs } from './options.js';
import { readRunContext } from './runner.js';
import { sanitizeLines, sanitizeLog } from './util/sanitize.js';

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
  // The log's edge: a CLI run inside a workflow step writes to the step log, where the runner
  // reads workflow commands; whatever an app, a target or a peer said is sanitised here.
  const context: CommandContext = {
    mode: 'cli',
    log: line => io.stderr(`${sanitizeLog(line)}\n`),
    warn: message => io.stderr(`${sanitizeLog(`warning: ${message}`)}\n`),
    saveState: () => undefined,
    setSecret: () => undefined,
    exportVariable: () => undefined,
    annotate: () => undefined,
    run: readRunContext()
  };
  let json = false;
  try {
    const raw = parseFlags(command, rest);
    json = raw.json === true;
    const outcome = await command.run(new Inputs(command.options, raw), context);
    // JSON.stringify escapes every control character: one line that starts with {
    io.stdout(json ? `${JSON.stringify(outcome.json)}\n` : `${sanitizeLines(outcome.text)}\n`);
    return outcome.exitCode;
  } catch (error) {
    const code = exitCodeFor(error);
    const expected = isExpectedError(error);
    const label =
      code === ExitCode.BadInput
        ? 'error'
        : expected
          ? 'failed'
          : 'internal error (a bug of ours, please report it)';
    io.stderr(`${sanitizeLog(`shipgate ${command.name}: ${label}: ${messageOf(error)}`)}\n`);
    if (!expected && error instanceof Error && error.stack) io.stderr(`${sanitizeLog(error.stack)}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: messageOf(error), exitCode: code })}\n`);
    return code;
  }
}
