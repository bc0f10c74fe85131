/** Exit codes of the CLI, as the contract fixes them (README, docs/deploy.md). */
export const ExitCode = {
  Success: 0,
  CheckFailed: 1,
  BadInput: 2,
  OperationFailed: 3
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A user's mistake in inputs or configuration: nothing was changed (exit 2). */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly input?: string
  ) {
    super(input ? `Invalid input '${input}': ${message}` : message);
    this.name = 'ConfigurationError';
  }
}

/** An operation failed before anything was switched: upload, lock, missing previous release (exit 3). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}

/** The run was stopped by a signal before anything was switched: nothing changed. */
export class InterruptedError extends Error {
  constructor(
    readonly signal: 'SIGINT' | 'SIGTERM',
    message: string
  ) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/**
 * The exit code of an error: 2 and 3 as the contract says, 130/143 for an interrupted run, and
 * 1 for anything else (a failure of ours: the message says so).
 */
export function exitCodeFor(error: unknown): ExitCode | 130 | 143 {
  if (error instanceof ConfigurationError) return ExitCode.BadInput;
  if (error instanceof OperationError) return ExitCode.OperationFailed;
  if (error instanceof InterruptedError) return error.signal === 'SIGTERM' ? 143 : 130;
  return ExitCode.CheckFailed;
}

/** Errors the user can act on (bad input, an operation that failed, an interrupt), not bugs of ours. */
export function isExpectedError(error: unknown): boolean {
  return (
    error instanceof ConfigurationError ||
    error instanceof OperationError ||
    error instanceof InterruptedError
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
