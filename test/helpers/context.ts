import { CommandContext } from '../../src/commands/types.js';
import { readRunContext } from '../../src/runner.js';

/** A CLI-mode command context that records warnings; the run's environment is read when used. */
export function commandContext(
  overrides: Partial<CommandContext> = {}
): CommandContext & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    mode: 'cli',
    log: () => undefined,
    warn: message => void warnings.push(message),
    saveState: () => undefined,
    setSecret: () => undefined,
    exportVariable: () => undefined,
    annotate: () => undefined,
    get run() {
      return readRunContext();
    },
    warnings,
    ...overrides
  };
}
