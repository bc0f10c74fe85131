import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from './helpers/run-bundle.js';

// The fast tier stays fast: a *.unit.test.ts file may not reach (through the helpers it imports)
// a helper that starts a peer taking seconds. Such a test belongs in the integration tier: name it
// *.test.ts (docs/development.md).
const PEER_HELPERS = [
  'pm2.ts',
  'sshd.ts',
  'deploy-user.ts',
  'proof-matrix.ts',
  'sites.ts',
  'aws.ts',
  'cache-service.ts',
  'github-api-mock.ts',
  'notify-servers.ts'
];
const testDir = join(repoRoot, 'test');

function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)]
    .map(m => resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')))
    .filter(path => path.startsWith(join(testDir, 'helpers')));
}

function reachedHelpers(file: string): string[] {
  const seen = new Set<string>();
  const queue = localImports(file);
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next) || !next.endsWith('.ts')) continue;
    seen.add(next);
    queue.push(...localImports(next));
  }
  return [...seen].map(path => relative(join(testDir, 'helpers'), path)).sort();
}

describe('test tiers', () => {
  const unitFiles = readdirSync(testDir).filter(name => name.endsWith('.unit.test.ts'));

  test('the fast tier has files, and none of them reaches a helper that starts a peer', () => {
    expect(unitFiles.length).toBeGreaterThan(5);
    const offenders = unitFiles.flatMap(name =>
      reachedHelpers(join(testDir, name))
        .filter(helper => PEER_HELPERS.includes(helper))
        .map(helper => `${name} -> helpers/${helper}`)
    );
    expect(offenders).toEqual([]);
  });

  test('the check sees a peer helper reached through another helper', () => {
    // deploy-proof-local imports pm2.ts and proof-matrix.ts; proof-matrix.ts imports cli.ts
    expect(reachedHelpers(join(testDir, 'deploy-proof-local.test.ts'))).toEqual(
      expect.arrayContaining(['pm2.ts', 'proof-matrix.ts', 'cli.ts', 'shape-apps.ts'])
    );
  });
});
