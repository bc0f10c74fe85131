import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../src/validate/rules/index.js';
import { validateOptions } from '../src/validate/options.js';
import { repoRoot } from './helpers/run-bundle.js';

const readme = readFileSync(join(repoRoot, 'docs', 'validate.md'), 'utf8');

describe('README validate section', () => {
  test('the rules table has one true row per rule: id, default severity, why, fix', () => {
    const esc = (s: string): string => s.replace(/\|/g, '\\|');
    for (const r of allRules) {
      const row = `| \`${r.id}\` | ${r.severity}${r.optIn ? ' (opt-in)' : ''} | ${esc(r.why)} | ${esc(r.fix)} |`;
      expect(readme).toContain(row);
    }
    const rows = readme.split('\n').filter(l => /^\| `[a-z-]+` \| (error|warning|notice)/.test(l));
    expect(rows).toHaveLength(allRules.length);
  });

  test('every flag is documented with its default', () => {
    for (const o of validateOptions) {
      const row = readme.split('\n').find(l => l.startsWith(`| \`${o.name}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(o.default === undefined ? `| \`${o.name}\` | |` : `\`${o.default}\``);
    }
    expect(readme).not.toContain('<!-- section: validate -->');
  });
});
