import { gateCommand } from './gate.js';
import { deployCommand, releasesCommand, rollbackCommand } from './release-commands.js';
import { Command } from './types.js';

// One line per command; each command lives in its own module.
export const commands: Command[] = [
  gateCommand,
  deployCommand,
  rollbackCommand,
  releasesCommand
  // validate: src/commands/validate.ts
  // cache: src/commands/cache.ts
];

export function findCommand(name: string): Command | undefined {
  return commands.find(c => c.name === name);
}
