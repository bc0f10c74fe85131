import { CliIo, defaultIo, runCommand } from './cli-command.js';
import { commands, findCommand } from './commands/index.js';
import { ExitCode } from './errors.js';
import { readRunContext } from './runner.js';

export type { CliIo } from './cli-command.js';
export { commandHelp } from './cli-command.js';

function usage(): string {
  const lines = commands.map(c => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `Usage: shipgate <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun 'shipgate <command> --help' for the flags of a command.\nExit codes: 0 success, 1 check failed, 2 bad input (nothing changed), 3 operation failed before any switch, 130/143 interrupted.\n`;
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? ExitCode.Success : ExitCode.BadInput;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${readRunContext().version}\n`);
    return ExitCode.Success;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr(`shipgate: unknown command '${name}'\n\n${usage()}`);
    return ExitCode.BadInput;
  }
  return runCommand(command, rest, io);
}
