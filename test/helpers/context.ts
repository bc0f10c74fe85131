import { CommandContext } from '../../src/commands/types.js';
import { RawInputs } from '../../src/options.js';
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

/**
 * Inputs of a deploy or rollback to a local target whose process needs no manager
 * (`process: command`), gated quickly on a health endpoint that names the release
 * (release-health.ts), so the gate proves which release answers.
 */
export function commandTargetInputs(path: string, url: string): RawInputs {
  return {
    target: 'local',
    path,
    process: 'command',
    'restart-command': 'true',
    'expect-release': 'true',
    url,
    interval: '100ms',
    window: '300ms',
    timeout: '1s',
    'healthy-threshold': '1'
  };
}
