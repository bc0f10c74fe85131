import { cacheCommand } from './cache.js';
import { gateCommand } from './gate.js';
import { deployCommand, releasesCommand, rollbackCommand } from './release-commands.js';
import { Command } from './types.js';
import { validateCommand } from './validate.js';

// One line per command; each command lives in its own module.
export const commands: Command[] = [
  gateCommand,
  deployCommand,
  rollbackCommand,
  releasesCommand,
  validateCommand,
  cacheCommand
];

export function findCommand(name: string): Command | undefined {
  return commands.find(c => c.name === name);
}
