import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { health, real, servingDirs } from './helpers/pm2.js';
import { pm2SitesOfThisFile } from './helpers/sites.js';

const { site } = pm2SitesOfThisFile();

describe('deploy to a local target with real PM2', () => {
  test('first and second deploy: the new code really serves, every process from the new release (cwd: __dirname trap); a crash at boot goes back to it with the evidence', async () => {
    const s = await site();
    const first = await s.deploy('v1');
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      release: 'v1',
      previousRelease: null,
      verdict: 'pass',
      rolledBack: false,
      restoredRelease: null
    });
    expect(Object.keys(first.json.timings).sort()).toEqual(['gateMs', 'rollbackMs', 'switchMs', 'uploadMs']);
    expect(first.json.gate.verdict).toBe('pass');
    expect((await health(s.port))?.version).toBe('v1');

    const second = await s.deploy('v2', 'good', ['--expect-version', 'v2']);
    expect(second.code).toBe(0);
    expect(second.json).toMatchObject({ release: 'v2', previousRelease: 'v1', verdict: 'pass' });
    expect(second.stderr).toMatch(/pm2: reloading/);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v2');
    const history = readFileSync(join(s.path, '.shipgate', 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(history.map(h => [h.action, h.release, h.verdict])).toEqual([
      ['deploy', 'v1', 'pass'],
      ['deploy', 'v2', 'pass']
    ]);
    expect(history[1]).toMatchObject({ previousRelease: 'v1', actor: expect.any(String) });

    // crash at boot (the stale dist/ SyntaxError): caught, back to the last good release, evidence shown
    const bad = await s.deploy('v3', 'stale-dist');
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({
      release: 'v3',
      previousRelease: 'v2',
      verdict: 'fail',
      rolledBack: true,
      restoredRelease: 'v2'
    });
    expect(bad.json.gate.reason).toMatch(/pm2 (restart count|processes) .* rose/);
    expect(bad.json.gate.detectedAtMs).not.toBeNull();
    expect(bad.json.restoreGate.verdict).toBe('pass');
    expect(bad.json.timings.rollbackMs).toBeGreaterThan(0);
    expect(bad.stderr).toMatch(/CRITICAL \| SyntaxError: Identifier '__dirname' has already been declared/);
    expect(bad.json.reason).toMatch(/SyntaxError: Identifier '__dirname' has already been declared/);
    expect(bad.json.evidence.restarts).toBeGreaterThan(0);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    const list = await s.releases();
    expect(list.current).toBe('v2');
    expect(list.releases.map(r => [r.id, r.status])).toEqual([
      ['v3', 'bad'],
      ['v2', 'good'],
      ['v1', 'good']
    ]);
  });

  test('two bad releases in a row go back to the last good one, not to N-1; a crash 4 s after start is caught by the window, with its own evidence only; rollback --to previous then has nothing (exit 3)', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const b1 = await s.deploy('b1', 'stale-dist', ['--rollback-on-failure', 'false']);
    expect(b1.json).toMatchObject({ verdict: 'fail', rolledBack: false });
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/b1');
    const b2 = await s.deploy('b2', 'stale-dist');
    expect(b2.code).toBe(1);
    expect(b2.json).toMatchObject({ previousRelease: 'b1', rolledBack: true, restoredRelease: 'v1' });
    expect((await health(s.port))?.version).toBe('v1');

    // a crash 4 s after start is caught by the window, not passed on the first 200
    const late = await s.deploy('v2', 'late-crash', ['--window', '6s']);
    expect(late.code).toBe(1);
    expect(late.json).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'v1' });
    // it answered 200 first; the window (longer than the 4 s it takes to crash) caught it, by the
    // pm2 counters or by the probe, whichever saw the crash first in its round (scheduling)
    expect(late.json.gate.reason).toMatch(/pm2 (restart count|processes) .* rose|connection (refused|reset)/);
    expect(late.stderr).toMatch(/CRITICAL \| TypeError: Cannot read properties of undefined/);
    // the SyntaxError of the earlier releases in the same PM2 log is not this release's evidence
    expect(late.json.evidence.lines.join('\n')).not.toContain('SyntaxError');
    expect(late.json.reason).toMatch(/\[log: TypeError/);
    expect((await health(s.port))?.version).toBe('v1');

    const none = await s.rollback();
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/no good release other than v1/);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v1');
    expect((await health(s.port))?.version).toBe('v1');
  });

  test('rollback --to previous goes to the last good release before current, gated; --to ID goes to that one', async () => {
    const s = await site();
    for (const id of ['v1', 'v2']) expect((await s.deploy(id)).code).toBe(0);
    expect((await s.deploy('v3', 'stale-dist')).json.restoredRelease).toBe('v2');
    const back = await s.rollback(['--to', 'previous']);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({
      release: 'v1',
      previousRelease: 'v2',
      verdict: 'pass',
      rolledBack: true,
      restoredRelease: 'v1'
    });
    expect(back.json.gate.verdict).toBe('pass');
    expect((await health(s.port))?.version).toBe('v1');
    const forward = await s.rollback(['--to', 'v2']);
    expect(forward.code).toBe(0);
    expect((await health(s.port))?.version).toBe('v2');
    expect(servingDirs(s.app)).toEqual([real(join(s.path, 'releases', 'v2'))]);
    const missing = await s.rollback(['--to', 'v9']);
    expect(missing.code).toBe(2);
    // a release whose ecosystem file no longer loads is refused before current moves
    writeFileSync(join(s.path, 'releases', 'v1', 'ecosystem.config.cjs'), 'module.exports = {');
    const broken = await s.rollback(['--to', 'v1']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/Invalid input 'pm2-config': ecosystem.config.cjs could not be loaded/);
    expect(readlinkSync(join(s.path, 'current'))).toBe('releases/v2');
    expect((await health(s.port))?.version).toBe('v2');
  });

  test('no good release at all: the first deploy fails, exit 1, says there is nothing to roll back to', async () => {
    const s = await site();
    const bad = await s.deploy('v1', 'stale-dist');
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ verdict: 'fail', rolledBack: false, restoredRelease: null });
    expect(bad.json.reason).toMatch(/No good release to switch back to/);
  });
});
