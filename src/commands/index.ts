import { gateCommand } from './gate.js';
import { Command } from './types.js';

export const commands: Command[] = [gateCommand];

export function findCommand(name: string): Command | undefined {
  return commands.find(c => c.name === name);
}
