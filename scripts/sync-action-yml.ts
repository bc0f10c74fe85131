// Keeps action.yml's inputs true to the option tables (the same table drives the CLI flags and
// the help): adds a missing input with its description, and fixes a default that drifted. The
// descriptions already there stay (they may be worded for several commands).
// Run: npx tsx scripts/sync-action-yml.ts   (test/action-yml.unit.test.ts checks the result)
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { commands } from '../src/commands/index.js';

const file = new URL('../action.yml', import.meta.url);
const doc = parseDocument(readFileSync(file, 'utf8'));
const inputs = doc.get('inputs') as {
  has(k: string): boolean;
  get(k: string): unknown;
  set(k: string, v: unknown): void;
};
let added = 0;
let fixed = 0;
for (const command of commands) {
  for (const option of command.options) {
    if (option.cliOnly) continue;
    if (!inputs.has(option.name)) {
      const input: Record<string, unknown> = {
        description: `${command.name}: ${option.description}`,
        required: false
      };
      if (option.default !== undefined) input.default = option.default;
      inputs.set(option.name, doc.createNode(input));
      added++;
      continue;
    }
    const input = inputs.get(option.name) as {
      get(k: string): unknown;
      set(k: string, v: unknown): void;
      delete(k: string): void;
    };
    const current = input.get('default');
    if (option.default === undefined && current !== undefined) {
      input.delete('default');
      fixed++;
    } else if (option.default !== undefined && String(current) !== option.default) {
      input.set('default', option.default);
      fixed++;
    }
  }
}
writeFileSync(file, doc.toString({ lineWidth: 0 }));
console.log(`action.yml: ${added} input(s) added, ${fixed} default(s) fixed`);
