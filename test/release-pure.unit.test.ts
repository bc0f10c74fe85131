import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, OperationError } from '../src/errors.js';
import { classifyLine, firstCriticalLine } from '../src/release/evidence.js';
import {
  describeReleases,
  HistoryEntry,
  lastGoodRelease,
  restoreTarget,
  parseHistory,
  planPrune,
  previousGoodRelease
} from '../src/release/history.js';
import { hostname } from 'node:os';
import {
  Layout,
  validateAppName,
  validateDeployPath,
  validateSharedEntry
} from '../src/platforms/host/layout.js';
import { diffManifest, parseManifest } from '../src/platforms/host/manifest.js';
import {
  definitionThroughCurrent,
  parseDefinitionFile,
  parsePm2List,
  shapeChanges
} from '../src/platforms/host/process/pm2.js';
import { judgeServing, parseProofFacts, ProofFacts } from '../src/platforms/host/process/serving-proof.js';
import { abandonedBecause, HostStore } from '../src/platforms/host/store.js';
import { LocalHost } from '../src/platforms/host/transport/local.js';
import { refuseExisting } from '../src/release/deploy.js';
import { defaultReleaseId, validateReleaseId } from '../src/release/ids.js';
import { chooseRollback } from '../src/release/rollback.js';

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

/** A history from a compact script: "v1+ v2- v3+" (+ passed, - failed, ? unverified, ! interrupted). */
function history(script: string): HistoryEntry[] {
  clock = 0;
  const verdicts: Record<string, HistoryEntry['verdict']> = {
    '+': 'pass',
    '-': 'fail',
    '?': 'unverified',
    '!': 'interrupted'
  };
  return script.split(' ').map(token => entry(token.slice(0, -1), verdicts[token.slice(-1)]));
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

  test('after a rollback to v1, a failed deploy goes back to v1 (what served), not to the newer v2', () => {
    const releases = describeReleases(ids('v1+ v2+ v3-'), history('v1+ v2+ v3-'));
    expect(restoreTarget(releases, 'v1', 'v3')?.id).toBe('v1');
    expect(restoreTarget(releases, 'v2', 'v3')?.id).toBe('v2');
    // what served was never good: the newest good one
    const after = describeReleases(ids('v1+ v2+ b1- v3-'), history('v1+ v2+ b1- v3-'));
    expect(restoreTarget(after, 'b1', 'v3')?.id).toBe('v2');
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

  test('a torn, malformed or hand-edited line of history.jsonl is skipped and counted', () => {
    const good = JSON.stringify(entry('v1', 'pass'));
    const text = [
      good,
      '{"at":"2026-01-0',
      'null',
      '[1,2]',
      JSON.stringify({ ...entry('v2', 'pass'), commit: { a: 1 }, actor: 5 }),
      JSON.stringify({ ...entry('v3', 'pass'), release: 5 }),
      JSON.stringify({ ...entry('v4', 'pass'), verdict: 'maybe' }),
      JSON.stringify({ ...entry('v5', 'pass'), at: 'yesterday' })
    ].join('\n');
    const parsed = parseHistory(text);
    expect(parsed.entries.map(e => e.release)).toEqual(['v1', 'v2']);
    expect(parsed.entries[1]).toMatchObject({ commit: null, actor: 'unknown' });
    expect(parsed.skipped).toBe(6);
  });

  test('an unverified entry (a restore with no time for a gate) keeps a good release good', () => {
    const releases = describeReleases(
      ['v1', 'v2'],
      [...history('v1+ v2!'), entry('v1', 'unverified', 'restore')]
    );
    expect(releases.map(r => `${r.id}:${r.status}`)).toEqual(['v1:good', 'v2:interrupted']);
  });

  test('releases without history are ordered by when the platform made them, not first', () => {
    const releases = describeReleases(
      [
        { id: 'v1', madeAt: '' },
        { id: 'v2', madeAt: '' },
        { id: 'x', madeAt: '2026-01-01T00:00:09.000Z' }
      ],
      history('v1+ v2+')
    );
    expect(releases.map(r => r.id)).toEqual(['v1', 'v2', 'x']);
  });

  test('rollback --to previous from a release that never passed goes to the newest good one', () => {
    const releases = describeReleases(ids('g1+ g2+ g3+ x!'), history('g1+ g2+ g3+ x!'));
    expect(chooseRollback({ current: 'x', releases }, 'previous', 'here').release.id).toBe('g3');
    expect(() => chooseRollback({ current: 'g1', releases }, 'previous', 'here')).toThrow(OperationError);
    expect(() => chooseRollback({ current: 'g3', releases }, 'g3', 'here')).toThrow(/already current/);
    expect(chooseRollback({ current: 'g3', releases }, 'x', 'here').wasBad).toBe(true);
  });

  test('a deploy never reuses an id the target has: current, on disk, or without history', () => {
    const releases = describeReleases(['v1', 'orphan'], history('v1+'));
    expect(() => refuseExisting('v1', { current: 'v1', releases }, 'here')).toThrow(/is the current release/);
    expect(() => refuseExisting('orphan', { current: 'v1', releases }, 'here')).toThrow(ConfigurationError);
    expect(() => refuseExisting('v2', { current: 'v1', releases }, 'here')).not.toThrow();
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
  test.each([
    'v1;touch x',
    '$(id)',
    'a b',
    '../x',
    '',
    'x'.repeat(65),
    '.partial-x',
    '..',
    'a`b`',
    '.x',
    '-x',
    '_x'
  ])('release id %p is refused', id => {
    expect(() => validateReleaseId(id)).toThrow(ConfigurationError);
  });
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
      [releaseDir],
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
      [releaseDir],
      '/srv/app/current',
      '/srv/app/releases',
      'v2'
    );
    expect(old.script).toBe('/srv/app/current/server.js');
    expect(
      definitionThroughCurrent(
        { script: 'server.cjs' },
        'web',
        [releaseDir],
        '/srv/app/current',
        '/srv/app/releases',
        'v2'
      ).script
    ).toBe('server.cjs');
  });
  test('a cwd below the release (a monorepo package) and path arguments stay below current', () => {
    const def = definitionThroughCurrent(
      {
        script: 'dist/main.js',
        cwd: 'packages/api',
        node_args: ['--require', `${releaseDir}/instrument.cjs`]
      },
      'api',
      [releaseDir, '/data/app/releases/v2'],
      '/srv/app/current',
      '/srv/app/releases',
      'v2',
      { PORT: '3001' }
    );
    expect(def).toMatchObject({
      cwd: '/srv/app/current/packages/api',
      node_args: ['--require', '/srv/app/current/instrument.cjs'],
      env: { PORT: '3001', SHIPGATE_RELEASE: 'v2' }
    });
    expect(
      definitionThroughCurrent(
        { script: 'x.js', cwd: '/var/app' },
        'a',
        [releaseDir],
        '/srv/app/current',
        '/srv/app/releases',
        'v2'
      ).cwd
    ).toBe('/var/app');
  });
  test('an env key the new release drops means a fresh start: a reload merges env and would keep it', () => {
    expect(
      shapeChanges({ script: 'a.js', env: { A: '1', BROKEN_FLAG: '1' } }, { script: 'a.js', env: { A: '2' } })
    ).toEqual(['env BROKEN_FLAG removed (a reload keeps old keys)']);
    expect(
      shapeChanges({ script: 'a.js', env: { A: '1' } }, { script: 'a.js', env: { A: '2', B: '1' } })
    ).toEqual([]);
  });
  test('a truncated definition file (a full disk) is treated as absent', () => {
    expect(parseDefinitionFile('{"apps":[{"name":"web","scr')).toBeNull();
    expect(parseDefinitionFile(null)).toBeNull();
    expect(parseDefinitionFile('{"apps":[{"name":"web"}]}')).toEqual({ name: 'web' });
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
    // what pm2 7 prints when jlist has to start the daemon (the daemon was killed, or never ran)
    const spawned =
      '\n   http://pm2.io/\n\n\u001b[32m[PM2] \u001b[39mSpawning PM2 daemon with pm2_home=/tmp/h\n\u001b[32m[PM2] \u001b[39mPM2 Successfully daemonized\n';
    expect(parsePm2List(`${spawned}[]`)).toEqual([]);
    expect(
      parsePm2List(`${spawned}[{"name":"web","pid":1,"pm2_env":{"status":"online","restart_time":0}}]`)
    ).toHaveLength(1);
    expect(() => parsePm2List(spawned)).toThrow(/printed no JSON list/);
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
  const fresh = () => {
    const layout = new Layout(mkdtempSync(join(tmpdir(), 'shipgate-lock-')));
    mkdirSync(layout.meta, { recursive: true });
    return { layout, store: new HostStore(host, layout, hostname()) };
  };
  const request = (owner: string, warn: (w: string) => void = () => undefined) => ({
    owner: { owner, runId: '42', pid: process.pid, hostname: hostname() },
    ttlMs: 60_000,
    warn
  });

  test('a second taker gets exit 3 naming the owner; after release it can be taken again', async () => {
    const { store } = fresh();
    const held = await store.lock(request('alice'));
    await expect(store.lock(request('bob'))).rejects.toThrow(OperationError);
    await expect(store.lock(request('bob'))).rejects.toThrow(/locked by alice \(run 42\)/);
    await held.release();
    const again = await store.lock(request('bob'));
    await again.release();
  });

  test.each([
    ['past the expiry its holder wrote', { expiresAt: '2026-01-01T00:30:00Z' }, 60_000, /it expired/],
    [
      'older than the lock expiry of this run, whatever its holder wrote',
      { expiresAt: '2099-01-01T00:00:00Z' },
      10_000,
      /older than the lock expiry/
    ],
    [
      'its owner process is gone from this machine',
      { pid: 2 ** 22 + 7, hostname: hostname(), createdAt: 'NOW', expiresAt: '2099-01-01T00:00:00Z' },
      60 * 60_000,
      /owner process \d+ on .* is gone/
    ]
  ])('an abandoned lock is broken with a warning naming its owner: %s', async (_name, fields, ttl, why) => {
    const { layout, store } = fresh();
    mkdirSync(layout.lock, { recursive: true });
    const owner = {
      owner: 'ci-bot',
      runId: '7',
      pid: 99999,
      hostname: 'another-runner',
      createdAt: '2026-01-01T00:00:00Z',
      ...fields
    };
    if (owner.createdAt === 'NOW') owner.createdAt = new Date().toISOString();
    writeFileSync(join(layout.lock, 'owner.json'), JSON.stringify(owner));
    const warnings: string[] = [];
    const held = await store.lock({ ...request('alice', w => warnings.push(w)), ttlMs: ttl });
    expect(warnings.join()).toMatch(/breaking the deploy lock .* held by ci-bot \(run 7\)/);
    expect(warnings.join()).toMatch(why);
    expect(JSON.parse(readFileSync(join(layout.lock, 'owner.json'), 'utf8')).owner).toBe('alice');
    await held.release();
  });

  test('a live lock of a process on another machine stays until it expires', () => {
    const now = new Date('2026-01-01T00:10:00Z');
    const held = {
      owner: 'x',
      runId: null,
      pid: 1,
      hostname: 'other',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-01T00:30:00Z'
    };
    expect(abandonedBecause(held, 30 * 60_000, now, () => false, 'me')).toBeNull();
    expect(abandonedBecause(held, 5 * 60_000, now, () => false, 'me')).toMatch(/older than/);
  });
});

describe('the proof of which code serves (pure judge over /proc facts)', () => {
  const expectation = {
    releaseId: 'v2',
    releaseReal: '/srv/app/releases/v2',
    releasesDirs: ['/srv/app/releases'],
    currentLink: '/srv/app/current',
    sinceTick: 1000,
    cwdInRelease: true
  };
  const proc = (pid: number, fields: Partial<ProofFacts['processes'][number]>) => ({
    pid,
    ppid: 1,
    start: 1500,
    cwd: '/srv/app/releases/v2',
    args: ['node', '/usr/lib/node_modules/pm2/lib/ProcessContainerFork.js'],
    env: { pm_exec_path: '/srv/app/current/server.js', SHIPGATE_RELEASE: 'v2' },
    ...fields
  });
  const judge = (...processes: ReturnType<typeof proc>[]) =>
    judgeServing(
      { noProc: false, now: 2000, processes },
      processes.filter(p => p.ppid === 1).map(p => p.pid),
      expectation
    );

  test('a fresh process of the release, its main module through current: proven, with its code file', () => {
    expect(judge(proc(10, {}))).toEqual({ problems: [], codeFiles: ['server.js'] });
  });
  test.each([
    [
      'started before the switch (a reload that kept it)',
      proc(10, { start: 900 }),
      /started before the switch/
    ],
    [
      'runs in another release',
      proc(10, { cwd: '/srv/app/releases/v1' }),
      /runs in \/srv\/app\/releases\/v1 \(release v1\)/
    ],
    [
      'loads a file of another release by absolute path',
      proc(10, { env: { pm_exec_path: '/srv/app/releases/v1/server.js', SHIPGATE_RELEASE: 'v2' } }),
      /a file of release v1/
    ],
    [
      'was started for another release',
      proc(10, { env: { pm_exec_path: '/srv/app/current/server.js', SHIPGATE_RELEASE: 'v1' } }),
      /started for release v1/
    ],
    [
      'an option names a file of another release',
      proc(10, { args: ['node', '--require=/srv/app/releases/v1/instrument.cjs', 'x.js'] }),
      /instrument\.cjs, a file of release v1/
    ]
  ])('refused: %s', (_name, p, problem) => {
    expect(judge(p).problems.join('; ')).toMatch(problem);
  });
  test('interpreters: tsx, npm start and a shell wrapper are judged by the children that run the code', () => {
    const tsx = judge(
      proc(10, { args: ['node', '/usr/local/bin/tsx', 'src/server.ts'], env: { SHIPGATE_RELEASE: 'v2' } }),
      proc(11, {
        ppid: 10,
        args: ['node', '--require', '/usr/local/lib/tsx/preflight.cjs', 'src/server.ts'],
        env: {}
      })
    );
    expect(tsx).toEqual({ problems: [], codeFiles: ['src/server.ts'] });
    const npm = judge(
      proc(10, { args: ['npm', 'start'], env: { SHIPGATE_RELEASE: 'v2' } }),
      proc(11, { ppid: 10, args: ['sh', '-c', 'node dist/server.js'], env: {} }),
      proc(12, { ppid: 11, args: ['node', 'dist/server.js'], cwd: '/srv/app/releases/v1', env: {} })
    );
    expect(npm.problems.join()).toMatch(/dist\/server\.js, a file of release v1/);
  });
  test('a process that vanished while it was read is reported as gone (read again)', () => {
    expect(judgeServing({ noProc: false, now: 1, processes: [] }, [10], expectation).problems).toEqual([
      'pid 10 is gone: it could not be read (restarting?)'
    ]);
  });
  test('the facts script output is parsed with arguments that contain tabs and spaces', () => {
    const facts = parseProofFacts(
      'now\t2000\nproc\t10\t1\t1500\ncwd\t10\t/srv/app/releases/v2\narg\t10\tnode\narg\t10\tmy file.js\nenv\t10\tpm_exec_path=/srv/app/current/a\tb.js\n'
    );
    expect(facts.processes[0]).toMatchObject({
      pid: 10,
      start: 1500,
      args: ['node', 'my file.js'],
      env: { pm_exec_path: '/srv/app/current/a\tb.js' }
    });
    expect(parseProofFacts('noproc\n').noProc).toBe(true);
  });
});

describe('release manifests', () => {
  test('a file whose size or time changed since the release passed is named', () => {
    const sealed = parseManifest(
      JSON.stringify({ codeFiles: [], files: 'a.js\t10\t1.5\nb.js\t3\t2.0\nc.js\t1\t1\n' })
    )!;
    const now = parseManifest(JSON.stringify({ codeFiles: [], files: 'a.js\t10\t1.5\nb.js\t4\t9.0\n' }))!;
    expect(diffManifest(sealed, now)).toEqual(['b.js', 'c.js (gone)']);
    expect(parseManifest('{"codeFiles":')).toBeNull();
  });
});

describe('a host that cannot show its processes', () => {
  /** The real local host, except that it has no /proc (macOS, a BSD) and pm2 answers. */
  class NoProcHost extends LocalHost {
    override exec(argv: string[], options?: object) {
      const script = argv[2] ?? '';
      if (argv[0] === 'sh' && script.includes('/proc/self/stat'))
        return Promise.resolve({ code: 0, stdout: 'noproc\n', stderr: '' });
      if (argv.includes('ping')) return Promise.resolve({ code: 0, stdout: 'pong', stderr: '' });
      return super.exec(argv, options);
    }
  }
  const platform = async (responseProof: boolean) => {
    const { HostPlatform } = await import('../src/platforms/host/platform.js');
    const { Pm2ProcessManager } = await import('../src/platforms/host/process/pm2.js');
    const layout = new Layout(join(mkdtempSync(join(tmpdir(), 'shipgate-noproc-')), 'app'));
    return new HostPlatform({
      transport: new NoProcHost(),
      layout,
      processManager: new Pm2ProcessManager({
        bin: 'pm2',
        configFile: null,
        app: 'web',
        stateDir: `${layout.meta}/pm2`
      }),
      thisHost: hostname(),
      source: null,
      responseProof,
      remembered: () => ({})
    });
  };
  test('says so before anything changes and asks for a proof the gate can make (exit 2)', async () => {
    await expect((await platform(false)).preflight(() => undefined)).rejects.toThrow(
      /has no \/proc: shipgate cannot read which code the processes run. Set expect-release/
    );
  });
  test('with expect-release or expect-version it goes ahead', async () => {
    await expect((await platform(true)).preflight(() => undefined)).resolves.toBeUndefined();
  });
});

describe('the pm2 counters the gate watches', () => {
  /** A host whose pm2 answers jlist with two processes of `web` (one waiting to restart) and counts the calls. */
  class CountingHost extends LocalHost {
    jlists = 0;
    override exec(argv: string[], options?: object) {
      if (argv.includes('jlist')) {
        this.jlists++;
        const proc = (pid: number, status: string, restarts: number) => ({
          name: 'web',
          pid,
          pm2_env: { status, restart_time: restarts }
        });
        return Promise.resolve({
          code: 0,
          stdout: JSON.stringify([
            proc(10, 'online', 1),
            proc(0, 'waiting restart', 2),
            { ...proc(11, 'online', 5), name: 'other' }
          ]),
          stderr: ''
        });
      }
      return super.exec(argv, options);
    }
  }
  test('both come from one pm2 jlist per round, read side by side', async () => {
    const { Pm2ProcessManager } = await import('../src/platforms/host/process/pm2.js');
    const host = new CountingHost();
    const pm2 = new Pm2ProcessManager({ bin: 'pm2', configFile: null, app: 'web', stateDir: '/nonexistent' });
    const signals = pm2.signals(host);
    expect(await Promise.all(signals.map(s => s.read()))).toEqual([3, 1]);
    expect(host.jlists).toBe(1);
    // the next round asks pm2 again: a reading is never reused after it settled
    expect(await Promise.all(signals.map(s => s.read()))).toEqual([3, 1]);
    expect(host.jlists).toBe(2);
  });
});

describe("frames of the PM2 daemon's socket", () => {
  test('a reply split at any byte, or several in one chunk, decodes to the same frames', async () => {
    const { encodeFrame, FrameDecoder } = await import('../src/platforms/host/process/pm2-rpc.js');
    const list = [{ name: 'wéb', pid: 7, pm2_env: { status: 'online', restart_time: 2 } }];
    const bytes = Buffer.concat([
      encodeFrame([{ args: [list] }, 'shipgate:0']),
      encodeFrame([{ error: 'no' }, 'shipgate:1'])
    ]);
    const expected = [
      [{ args: [list] }, 'shipgate:0'],
      [{ error: 'no' }, 'shipgate:1']
    ];
    expect(new FrameDecoder().push(bytes)).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = new FrameDecoder();
      expect([...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))]).toEqual(
        expected
      );
    }
  });
  test('bytes that are not an amp frame, or a length past the bound, are refused', async () => {
    const { FrameDecoder } = await import('../src/platforms/host/process/pm2-rpc.js');
    expect(() => new FrameDecoder().push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(
      /not an amp frame/
    );
    const huge = Buffer.from([0x11, 0x7f, 0xff, 0xff, 0xff]);
    expect(() => new FrameDecoder().push(huge)).toThrow(/over/);
  });
});
