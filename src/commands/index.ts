import { cacheCommand } from './cache.js';
import { deployCommand } from './deploy.js';
import { gateCommand } from './gate.js';
import { releasesCommand } from './releases.js';
import { rollbackCommand } from './rollback.js';
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
