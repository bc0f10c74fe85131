import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { commands } from '../src/commands/index.js';
import { repoRoot } from './helpers/run-bundle.js';

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));

describe('action.yml matches the commands (one option table for CLI flags and action inputs)', () => {
  const cases = commands.flatMap(c =>
    c.options.filter(o => !o.cliOnly).map(o => [c.name, o.name, o.default] as const)
  );

  test.each(cases)('%s: input %s exists, described, with the same default', (_command, name, def) => {
    const input = action.inputs[name];
    expect(input).toBeDefined();
    expect(String(input.description).length).toBeGreaterThan(10);
    expect(input.default === undefined ? undefined : String(input.default)).toBe(def);
  });

  test('no action input that no command reads', () => {
    const known = new Set(['command', ...commands.flatMap(c => c.options.map(o => o.name))]);
    expect(Object.keys(action.inputs).filter(name => !known.has(name))).toEqual([]);
  });

  test('the command input lists every command', () => {
    for (const c of commands) expect(action.inputs.command.description).toContain(c.name);
  });
});
