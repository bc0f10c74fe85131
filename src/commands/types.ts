import { ExitCode } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';
import { RunContext, StateKey } from '../runner.js';

/** The only port between a command and the outside world (the CLI or the Actions runner). */
export interface CommandContext {
  mode: 'cli' | 'action';
  /** Progress for a person watching: stderr in the CLI, the step log in Actions. */
  log: (line: string) => void;
  /** A problem worth a yellow line: an annotation in Actions. */
  warn: (message: string) => void;
  /** Where a command may keep state for the action's post step (no-op in the CLI). */
  saveState: (key: StateKey, value: string) => void;
  /** Values the runner must mask in its log from now on (no-op in the CLI). */
  setSecret: (value: string) => void;
  /** A variable for the job's later steps (no-op in the CLI). */
  exportVariable: (name: string, value: string) => void;
  /** A finding on a line of a file, shown in the PR (no-op in the CLI: the text output has them). */
  annotate: (level: 'error' | 'warning' | 'notice', message: string, at: Annotation) => void;
  run: RunContext;
}

export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
}

/** What a command's post step may use (the action's post step only). */
export interface PostContext {
  getState: (key: StateKey) => string;
  inputs: Inputs;
  log: (line: string) => void;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
  /** Appends to the job summary. */
  summary: (markdown: string) => Promise<void>;
  run: RunContext;
}

export interface CommandOutcome {
  /** 0-3 as the contract fixes them; 130/143 for a run stopped by SIGINT/SIGTERM. */
  exitCode: ExitCode | 130 | 143;
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
  /** Runs in the action's post step, also when main was cancelled; a failure is a warning. */
  post?(context: PostContext): Promise<void>;
}
