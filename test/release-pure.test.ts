import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, OperationError } from '../src/errors.js';
import { classifyLine, firstCriticalLine } from '../src/release/evidence.js';
import {
  describeReleases,
  HistoryEntry,
  lastGoodRelease,
  parseHistory,
  planPrune,
  previousGoodRelease
} from '../src/release/history.js';
import { acquireLock } from '../src/platforms/host/lock.js';
import {
  defaultReleaseId,
  Layout,
  validateAppName,
  validateDeployPath,
  validateReleaseId,
  validateSharedEntry
} from '../src/platforms/host/layout.js';
import { definitionThroughCurrent, parsePm2List, shapeChanges } from '../src/platforms/host/process/pm2.js';
import { LocalHost } from '../src/platforms/host/transport/local.js';

let clock = 0;
const entry = (
  release: string,
  verdict: HistoryEntry['verdict'],
  action: HistoryEntry['action'] = 'deploy'
): HistoryEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  action,
  release,
  previousRelease: null,
  verdict,
  reason: verdict,
  actor: 'ci',
  commit: null,
  runId: null,
  durationMs: 1
});

/** A history from a compact script: "v1+ v2- v3+" (+ passed, - failed, ? unverified). */
function history(script: string): HistoryEntry[] {
  clock = 0;
  return script
    .split(' ')
    .map(token =>
      entry(token.slice(0, -1), token.endsWith('+') ? 'pass' : token.endsWith('-') ? 'fail' : 'unverified')
    );
}
const ids = (script: string) => script.split(' ').map(t => t.slice(0, -1));

describe('release selection (pure)', () => {
  test('status is the verdict of the last gate on each release; createdAt from its deploy', () => {
    const h = [...history('v1+ v2+ v3-'), entry('v2', 'fail', 'restore')];
    const releases = describeReleases(['v1', 'v2', 'v3'], h);
    expect(releases.map(r => [r.id, r.status])).toEqual([
      ['v1', 'good'],
      ['v2', 'bad'],
      ['v3', 'bad']
    ]);
    expect(releases[1].createdAt).toBe(h[1].at);
  });

  test('a failed deploy goes back to the last release that passed its gate, not the one before', () => {
    const h = history('v1+ b1- b2-');
    const releases = describeReleases(ids('v1+ b1- b2-'), h);
    expect(lastGoodRelease(releases, 'b2')?.id).toBe('v1');
  });

  test('rollback --to previous: last good before current, never a bad one, null when none', () => {
    const releases = describeReleases(ids('v1+ v2- v3+ v4+'), history('v1+ v2- v3+ v4+'));
    expect(previousGoodRelease(releases, 'v4')?.id).toBe('v3');
    expect(previousGoodRelease(releases, 'v3')?.id).toBe('v1');
    expect(previousGoodRelease(releases, 'v1')).toBeNull();
  });

  test('release dirs without history (a run that died) are unverified and never chosen', () => {
    const releases = describeReleases(['v1', 'v2', 'orphan'], history('v1+ v2+'));
    expect(releases.find(r => r.id === 'orphan')?.status).toBe('unverified');
    expect(lastGoodRelease(releases, null)?.id).toBe('v2');
  });

  test('a torn last line of history.jsonl is skipped', () => {
    const text = `${JSON.stringify(entry('v1', 'pass'))}\n{"at":"2026-01-0`;
    expect(parseHistory(text).map(e => e.release)).toEqual(['v1']);
  });

  test.each([
    ['keeps the newest N good releases', 'g1+ g2+ g3+ g4+', 'g4', 2, ['g1', 'g2']],
    ['bad releases do not count toward keep, and old ones go', 'g1+ b1- g2+ b2- g3+', 'g3', 2, ['g1', 'b1']],
    ['never the current release, even when bad', 'g1+ g2+ b1-', 'b1', 1, ['g1']],
    ['never the last good release (the one a rollback needs)', 'g1+ b1- b2-', 'b2', 1, []],
    ['keep 1 still keeps the good release before the current one', 'g1+ g2+ g3+', 'g3', 1, ['g1']],
    ['unverified leftovers older than the kept ones go', 'u1? g1+ g2+', 'g2', 5, ['u1']]
  ])('prune: %s', (_name, script, current, keep, removed) => {
    const releases = describeReleases(ids(script), history(script));
    expect(planPrune(releases, current, keep).sort()).toEqual([...removed].sort());
  });
});

describe('identifiers are validated before anything runs', () => {
  test.each(['v1;touch x', '$(id)', 'a b', '../x', '', 'x'.repeat(65), '.partial-x', '..', 'a`b`'])(
    'release id %p is refused',
    id => {
      expect(() => validateReleaseId(id)).toThrow(ConfigurationError);
    }
  );
  test.each(['v1', '2026.11.22-1', 'a_b-c.d'])('release id %p is accepted', id =>
    expect(validateReleaseId(id)).toBe(id)
  );
  test.each(['web;rm', '$(id)', '-x', 'a/b'])('app name %p is refused', name =>
    expect(() => validateAppName(name)).toThrow(ConfigurationError)
  );
  test.each(['relative', '/srv/../etc', '/srv/app;rm -rf /', '/srv/$(id)', '/', '/srv/a b'])(
    'path %p is refused',
    path => {
      expect(() => validateDeployPath(path)).toThrow(ConfigurationError);
    }
  );
  test.each(['../.env', '/etc/passwd', 'a/../../b', '$(id)'])('shared entry %p is refused', e =>
    expect(() => validateSharedEntry(e)).toThrow(ConfigurationError)
  );
  test('default id: UTC time and short commit', () => {
    expect(defaultReleaseId(new Date('2026-11-22T05:14:02Z'), 'ab12cd34ef')).toBe('20261122-051402-ab12cd3');
    expect(defaultReleaseId(new Date('2026-11-22T05:14:02Z'), null)).toBe('20261122-051402');
    expect(validateReleaseId(defaultReleaseId(new Date(), 'ab12cd34ef'))).toBeTruthy();
  });
});

describe('pm2 definitions', () => {
  const releaseDir = '/srv/app/releases/v2';
  test('cwd: __dirname and absolute scripts inside a release are routed through current', () => {
    const def = definitionThroughCurrent(
      { name: 'web', script: `${releaseDir}/dist/server.js`, cwd: releaseDir, env: { A: '1' } },
      'web',
      releaseDir,
      '/srv/app/current',
      '/srv/app/releases',
      'v2'
    );
    expect(def).toMatchObject({
      cwd: '/srv/app/current',
      script: '/srv/app/current/dist/server.js',
      env: { A: '1', SHIPGATE_RELEASE: 'v2' }
    });
    const old = definitionThroughCurrent(
      { script: '/srv/app/releases/v1/server.js' },
      'web',
      releaseDir,
      '/srv/app/current',
      '/srv/app/releases',
      'v2'
    );
    expect(old.script).toBe('/srv/app/current/server.js');
    expect(
      definitionThroughCurrent(
        { script: 'server.cjs' },
        'web',
        releaseDir,
        '/srv/app/current',
        '/srv/app/releases',
        'v2'
      ).script
    ).toBe('server.cjs');
  });
  test('a changed script or exec mode means delete and start: reload would keep the old one', () => {
    expect(
      shapeChanges({ script: 'server.cjs', exec_mode: 'fork' }, { script: 'server.cjs', exec_mode: 'fork' })
    ).toEqual([]);
    expect(shapeChanges({ script: 'dist/server.js' }, { script: 'src/server.ts' })).toEqual([
      'script "dist/server.js" -> "src/server.ts"'
    ]);
    expect(shapeChanges(null, { script: 'x' })).toHaveLength(1);
  });
  test('the banner of a fresh PM2_HOME before jlist JSON is skipped', () => {
    expect(
      parsePm2List(
        '>>>> In-memory PM2 is out-of-date\n[{"name":"web","pid":1,"pm2_env":{"status":"online","restart_time":0}}]'
      )
    ).toHaveLength(1);
  });
});

describe('failure evidence', () => {
  test.each([
    ["SyntaxError: Identifier '__dirname' has already been declared", 'critical'],
    ['panic: runtime error: invalid memory address', 'critical'],
    ["Error: Cannot find module '/srv/app/current/dist/server.js'", 'critical'],
    ['TypeError: x is not a function', 'critical'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'warning'],
    ['listen EADDRINUSE: address already in use', 'warning'],
    ['server started on port 3000', 'info']
  ])('%s is %s', (line, level) => expect(classifyLine(line)).toBe(level));
  test('the first critical line is the answer', () => {
    expect(firstCriticalLine(['a', 'ReferenceError: x is not defined', 'SyntaxError: y'])).toBe(
      'ReferenceError: x is not defined'
    );
  });
});

describe('the deploy lock (on a real directory)', () => {
  const host = new LocalHost();
  const fresh = () => new Layout(mkdtempSync(join(tmpdir(), 'shipgate-lock-')));
  const owner = { owner: 'alice', runId: '42', pid: 1 };

  test('a second taker gets exit 3 naming the owner; after release it can be taken again', async () => {
    const layout = fresh();
    mkdirSync(layout.meta, { recursive: true });
    const release = await acquireLock(host, layout, owner, 60_000, () => undefined);
    const second = acquireLock(host, layout, { owner: 'bob', runId: '43', pid: 2 }, 60_000, () => undefined);
    await expect(second).rejects.toThrow(OperationError);
    await expect(acquireLock(host, layout, owner, 60_000, () => undefined)).rejects.toThrow(
      /locked by alice \(run 42\)/
    );
    await release();
    const again = await acquireLock(host, layout, owner, 60_000, () => undefined);
    await again();
  });

  test('an expired lock is broken with a warning that names its owner', async () => {
    const layout = fresh();
    mkdirSync(layout.lock, { recursive: true });
    writeFileSync(
      join(layout.lock, 'owner.json'),
      JSON.stringify({
        owner: 'ci-bot',
        runId: '7',
        pid: 99999,
        createdAt: '2026-01-01T00:00:00Z',
        expiresAt: '2026-01-01T00:30:00Z'
      })
    );
    const warnings: string[] = [];
    const release = await acquireLock(host, layout, owner, 60_000, w => warnings.push(w));
    expect(warnings.join()).toMatch(/expired deploy lock .* held by ci-bot \(run 7\)/);
    expect(JSON.parse(readFileSync(join(layout.lock, 'owner.json'), 'utf8')).owner).toBe('alice');
    await release();
  });
});

describe('preconditions on the host', () => {
  test('not enough free disk for the release: exit 3 before anything is written', async () => {
    const { deploy } = await import('../src/release/deployer.js');
    const { CommandProcessManager } = await import('../src/platforms/host/process/command.js');
    const { gateOptions, parseGateConfig } = await import('../src/gate/config.js');
    const { Inputs } = await import('../src/options.js');
    /** The real local host, except that df reports a nearly full disk. */
    class FullDiskHost extends LocalHost {
      override exec(argv: string[], options?: object) {
        if (argv[0] === 'sh' && argv[2]?.includes('df -Pk')) {
          return Promise.resolve({ code: 0, stdout: '/dev/sda1 1000 999 1 100% /\n', stderr: '' });
        }
        return super.exec(argv, options);
      }
    }
    const root = mkdtempSync(join(tmpdir(), 'shipgate-disk-'));
    const layout = new Layout(join(root, 'app'));
    const source = join(root, 'src');
    mkdirSync(source);
    writeFileSync(join(source, 'big.bin'), Buffer.alloc(64 * 1024));
    const gate = parseGateConfig(new Inputs(gateOptions, { url: 'http://127.0.0.1:1/health' }));
    const attempt = deploy(
      { host: new FullDiskHost(), layout, processManager: new CommandProcessManager('true') },
      {
        actor: 'a',
        commit: null,
        runId: null,
        sourceDir: source,
        sourceSizeKiB: 64,
        releaseId: 'v1',
        shared: [],
        installCommand: null,
        keep: 5,
        rollbackOnFailure: true,
        gate,
        lockTtlMs: 60_000
      },
      { log: () => undefined, warn: () => undefined }
    );
    await expect(attempt).rejects.toThrow(OperationError);
    await expect(attempt).rejects.toThrow(/not enough free disk .* 0 MiB free/);
    expect(readdirSync(layout.releases)).toEqual([]);
    expect(existsSync(layout.lock)).toBe(false);
  });
});
