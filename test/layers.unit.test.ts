import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runNode } from './helpers/run-bundle.js';

// The layer lint (scripts/check-layers.mjs, run by `npm run lint`) run as lint runs it, on src/ and
// on copies of src/ with a planted cycle or upward import.
const script = join(repoRoot, 'scripts', 'check-layers.mjs');
const copies: string[] = [];
afterAll(() => copies.forEach(dir => rmSync(dir, { recursive: true, force: true })));

function srcCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-layers-'));
  copies.push(dir);
  cpSync(join(repoRoot, 'src'), dir, { recursive: true });
  return dir;
}

function plant(dir: string, file: string, line: string): void {
  const path = join(dir, file);
  writeFileSync(path, `${line}\n${readFileSync(path, 'utf8')}`);
}

describe('the layer lint', () => {
  test('src/ as it is: no cycle, no upward import', async () => {
    const ran = await runNode([script]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
  });

  test('refuses a planted cycle inside one folder (a type-only import counts too)', async () => {
    const dir = srcCopy();
    plant(dir, 'gate/policy.ts', "import type { GateResult } from './run.js';");
    const ran = await runNode([script, dir]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/import cycle: gate\/\S+ -> .*gate\/policy\.ts/);
  });

  test('refuses an upward import (util to commands), and names both layers', async () => {
    const dir = srcCopy();
    plant(dir, 'util/text.ts', "export { commands } from '../commands/index.js';");
    const ran = await runNode([script, dir]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('util/text.ts imports commands/index.ts: upward, from base to commands');
  });

  test('refuses a cycle between two layers through a dynamic import', async () => {
    const dir = srcCopy();
    plant(dir, 'gate/signals.ts', "export const later = () => import('../release/deploy.js');");
    const ran = await runNode([script, dir]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('gate/signals.ts imports release/deploy.ts: upward, from gate to release');
    expect(ran.stderr).toMatch(/import cycle: .*gate\/signals\.ts/);
  });

  test('a new top-level folder must be given a layer', async () => {
    const dir = srcCopy();
    cpSync(join(dir, 'util'), join(dir, 'misc'), { recursive: true });
    const ran = await runNode([script, dir]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/misc\/\S+\.ts: in no layer/);
  });
});
