import { ExitCode } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';

export interface CommandContext {
  mode: 'cli' | 'action';
  /** Progress for a person watching: stderr in the CLI, the step log in Actions. */
  log: (line: string) => void;
  /** A problem worth a yellow line: an annotation in Actions. */
  warn: (message: string) => void;
  /** Where a command may keep state for the action's post step (no-op in the CLI). */
  saveState: (name: string, value: string) => void;
}

export interface CommandOutcome {
  exitCode: ExitCode;
  /** The `--json` object. */
  json: unknown;
  /** What the CLI prints on stdout without --json. */
  text: string;
  /** Action outputs. */
  outputs: Record<string, string>;
  /** Markdown/HTML for the job summary. */
  summary: string;
  /** When the step must fail in Actions: the message for core.setFailed. */
  failure: string | null;
}

export interface Command {
  name: string;
  summary: string;
  options: OptionSpec[];
  run(inputs: Inputs, context: CommandContext): Promise<CommandOutcome>;
}
