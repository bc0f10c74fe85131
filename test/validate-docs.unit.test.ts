import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseValidateConfig } from '../src/validate/config.js';
import { markedRequired } from '../src/validate/rules/env-contract.js';
import { allRules } from '../src/validate/rules/index.js';
import { validateCliOptions } from '../src/validate/options.js';
import { builtInReason } from '../src/validate/scope.js';
import { repoRoot } from './helpers/run-bundle.js';

// docs/validate.md is the validate reference: these tests keep it true to the code.
const doc = readFileSync(join(repoRoot, 'docs', 'validate.md'), 'utf8');
const esc = (s: string): string => s.replace(/\|/g, '\\|');

describe('docs/validate.md', () => {
  test('the rules table has one true row per rule: id, default severity, why, fix', () => {
    for (const r of allRules) {
      const row = `| \`${r.id}\` | ${r.severity}${r.optIn ? ' (opt-in)' : ''} | ${esc(r.why)} | ${esc(r.fix)} |`;
      expect(doc).toContain(row);
    }
    const rows = doc.split('\n').filter(l => /^\| `[a-z-]+` \| (error|warning|notice)/.test(l));
    expect(rows).toHaveLength(allRules.length);
  });

  test('every flag is documented with its default and its description', () => {
    for (const o of validateCliOptions) {
      const row = doc.split('\n').find(l => l.startsWith(`| \`${o.name}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(
        o.default === undefined ? `| \`${o.name}\` | |` : `| \`${o.name}\` | \`${o.default}\` |`
      );
      expect(row).toContain(esc(o.description));
    }
  });

  test('the scope decisions: every out-of-scope folder and name kind the code uses is listed', () => {
    for (const dir of [
      'test',
      'tests',
      '__tests__',
      'fixtures',
      'examples',
      'e2e',
      'docs',
      'templates',
      'bench'
    ])
      expect(doc).toContain(`\`${dir}/\``);
    // and the code agrees with the examples the doc gives
    for (const path of [
      'test/fixtures/ecosystem.json',
      'examples/app/Dockerfile',
      'Dockerfile.bak',
      'Dockerfile.test',
      'document.e2e.Dockerfile',
      'Dockerfile.dev',
      'docker/development/Dockerfile.gotenberg',
      '.env.test',
      'scripts/run-e2e.sh'
    ])
      expect([path, builtInReason(path)]).toEqual([path, expect.any(String)]);
    for (const path of [
      'Dockerfile',
      'prod.Dockerfile',
      'deploy.sh',
      'ecosystem.config.js',
      '.env.production'
    ])
      expect([path, builtInReason(path)]).toEqual([path, null]);
    expect(doc).toMatch(/### Scope: only what is deployed, by evidence/);
    expect(doc).toMatch(/### Severity: an error only when the deploy will break/);
  });

  test('the `# required` marker works as documented, on the documented example', () => {
    const example = /```sh\n(PORT=3000[\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(example).toContain('# required');
    expect(markedRequired(example).map(r => r.name)).toEqual([
      'DATABASE_URL',
      'JWT_SECRET',
      'NEXT_PRIVATE_ENCRYPTION_KEY'
    ]);
  });

  test('the documented .github/shipgate.yml parses, with every key the code knows', () => {
    const yaml = /## Configuration: `\.github\/shipgate\.yml`\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const config = parseValidateConfig(
      yaml,
      'docs',
      allRules.map(r => r.id)
    );
    expect(config.rules.get('dockerfile-healthcheck')).toBe('off');
    expect(config.include).toEqual(['examples/production-app/']);
    expect(config.exclude).toEqual(['legacy/']);
    for (const key of ['validate.rules', 'validate.include', 'validate.exclude'])
      expect(doc).toContain(`\`${key}\``);
    expect(() => parseValidateConfig('validate:\n  scope: []\n', 'x', [])).toThrow(
      /unknown key 'validate.scope'/
    );
  });
});
