/** Exit codes of the CLI, as the contract in DESIGN.md fixes them. */
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

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof ConfigurationError) return ExitCode.BadInput;
  if (error instanceof OperationError) return ExitCode.OperationFailed;
  return ExitCode.CheckFailed;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
