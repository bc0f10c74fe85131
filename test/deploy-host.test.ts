/**
 * Host deploys where the process manager is not the subject (`process: command`, a health
 * endpoint that answers from the release `current` points to): what a deploy may change on the
 * target, what it ships, what it refuses, what it remembers. Real rsync, real files.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/pm2.js';
import { quickGate, ReleaseHealth, startReleaseHealth, statusSource } from './helpers/release-health.js';

const work = mkdtempSync(join(tmpdir(), 'shipgate-host-'));
let n = 0;
const healths: ReleaseHealth[] = [];
afterAll(async () => {
  for (const h of healths) await h.close();
});

async function site() {
  const base = join(work, `s${++n}`);
  const root = join(base, 'app');
  mkdirSync(base, { recursive: true });
  const health = await startReleaseHealth(root);
  healths.push(health);
  const target = ['--target', 'local', '--path', root, '--process', 'command', '--restart-command', 'true'];
  const src = (id: string, status = 'ok', files: Record<string, string> = {}) =>
    statusSource(join(base, 'src', id), status, files);
  return {
    root,
    base,
    src,
    target,
    gate: quickGate(health.url),
    deploy: (id: string, extra: string[] = [], source = src(id)) =>
      cli([
        'deploy',
        '--source',
        source,
        '--release',
        id,
        ...target,
        ...quickGate(health.url),
        '--json',
        ...extra
      ]),
    rollback: (extra: string[] = []) =>
      cli(['rollback', ...target, ...quickGate(health.url), '--json', ...extra]),
    releases: () => cli(['releases', '--target', 'local', '--path', root, '--json'])
  };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = join(dir, rel, name);
      const st = lstatSync(path);
      if (st.isDirectory()) walk(join(rel, name));
      else if (st.isFile()) out[join(rel, name)] = sha(path);
    }
  };
  walk('');
  return out;
};

describe('a deploy never loses a release (issue 15: data loss)', () => {
  test('an id that is current but has no history line is refused (exit 2); current and its files stay', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    rmHistory(s.root);
    const again = await s.deploy('v1');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/release 'v1' is the current release/);
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v1');
    expect(readFileSync(join(s.root, 'current', 'status.txt'), 'utf8')).toBe('ok');
  });

  test.each(['.x', '-x', '.partial-v1'])(
    'an id starting with . or - (%s) is refused before anything is written',
    async id => {
      const s = await site();
      const run = await s.deploy(id);
      expect(run.code).toBe(2);
      expect(existsSync(s.root)).toBe(false);
    }
  );

  test('an id already on disk (a run killed mid-gate) is refused, and the error path removes nothing', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    expect((await s.deploy('v2')).code).toBe(0);
    const before = tree(join(s.root, 'releases'));
    const again = await s.deploy('v1');
    expect(again.code).toBe(2);
    expect(tree(join(s.root, 'releases'))).toEqual(before);
  });

  test('a shared entry through a symlink of the source is refused before the upload; the outside file is untouched', async () => {
    const s = await site();
    const outside = join(s.base, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'app.env'), 'KEEP=1\n');
    expect((await s.deploy('v1')).code).toBe(0);
    const source = s.src('v2');
    symlinkSync(outside, join(source, 'conf'));
    const run = await s.deploy('v2', ['--shared', 'conf/app.env'], source);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/'conf\/app\.env' goes through 'conf', a symbolic link/);
    expect(readFileSync(join(outside, 'app.env'), 'utf8')).toBe('KEEP=1\n');
    expect(lstatSync(join(outside, 'app.env')).isFile()).toBe(true);
    expect(existsSync(join(s.root, 'releases', 'v2'))).toBe(false);
    expect(readlinkSync(join(s.root, 'current'))).toBe('releases/v1');
  });

  test('a link planted in shared/ that leads outside the deploy root is refused on the host (exit 2), nothing left behind', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const outside = join(s.base, 'elsewhere');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'cache.db'), 'precious');
    symlinkSync(outside, join(s.root, 'shared', 'data'));
    const run = await s.deploy('v2', ['--shared', 'data/cache.db']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shared entry 'data\/cache\.db' leads outside/);
    expect(readFileSync(join(outside, 'cache.db'), 'utf8')).toBe('precious');
    expect(readdirSync(join(s.root, 'releases')).sort()).toEqual(['v1']);
  });

  test('a first deploy refused with exit 2 leaves no trace on the target', async () => {
    const s = await site();
    const source = s.src('v1');
    const run = await cli([
      'deploy',
      '--source',
      source,
      '--release',
      'v1',
      '--target',
      'local',
      '--path',
      s.root,
      ...s.gate,
      '--pm2-config',
      'ecosystem.config.cjs'
    ]);
    expect(run.code).toBe(2);
    expect(existsSync(s.root)).toBe(false);
  });
});

describe('install steps and what ships (issue 16)', () => {
  test('an install step that writes in place never changes another release: the restored release has the bytes it passed with', async () => {
    const s = await site();
    const lib = { 'node_modules/lib/index.js': 'module.exports = 1;\n' };
    expect((await s.deploy('v1', [], s.src('v1', 'ok', lib))).code).toBe(0);
    const passed = tree(join(s.root, 'releases', 'v1'));
    // v2's install appends to a file it got unchanged from v1 (patch-package, prisma generate...)
    const bad = await s.deploy(
      'v2',
      ['--install-command', 'echo "patched" >> node_modules/lib/index.js'],
      s.src('v2', 'broken', lib)
    );
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ rolledBack: true, restoredRelease: 'v1' });
    expect(readFileSync(join(s.root, 'releases', 'v2', 'node_modules/lib/index.js'), 'utf8')).toMatch(
      /patched/
    );
    expect(tree(join(s.root, 'releases', 'v1'))).toEqual(passed);
  });

  test('without an install step, unchanged files are shared with the current release (hard links); with one, every file is its own', async () => {
    const s = await site();
    const big = { 'assets/big.bin': 'x'.repeat(100_000) };
    expect((await s.deploy('v1', [], s.src('v1', 'ok', big))).code).toBe(0);
    expect((await s.deploy('v2', [], s.src('v2', 'ok', big))).code).toBe(0);
    const inode = (id: string) => statSync(join(s.root, 'releases', id, 'assets/big.bin')).ino;
    expect(inode('v2')).toBe(inode('v1'));
    expect((await s.deploy('v3', ['--install-command', 'true'], s.src('v3', 'ok', big))).code).toBe(0);
    expect(inode('v3')).not.toBe(inode('v2'));
  });

  test('.git never ships; what .shipgateignore lists (local databases, tmp/) does not either', async () => {
    const s = await site();
    const source = s.src('v1', 'ok', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'data/app.sqlite': 'local state',
      'tmp/cache': 'x',
      'keep.txt': 'shipped',
      'src/app.js': 'code',
      'src/debug.log': 'noise',
      '.shipgateignore': 'data/\ntmp/\n*.log\n'
    });
    const run = await s.deploy('v1', [], source);
    expect(run.code).toBe(0);
    const shipped = readdirSync(join(s.root, 'releases', 'v1')).sort();
    expect(shipped).toEqual(['.shipgateignore', 'keep.txt', 'src', 'status.txt']);
    expect(readdirSync(join(s.root, 'releases', 'v1', 'src'))).toEqual(['app.js']);
  });

  test('a failing install shows the tail of both streams (yarn prints its errors on stdout) and streams its lines', async () => {
    const s = await site();
    const run = await s.deploy('v1', [
      '--install-command',
      'echo "building native module sqlite3"; echo "gyp ERR! build error: missing python" ; echo "on stderr" >&2; exit 7'
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/install \| building native module sqlite3/);
    expect(run.stderr).toMatch(
      /the install command exited 7; nothing was switched[\s\S]*gyp ERR! build error: missing python/
    );
    expect(existsSync(join(s.root, 'releases', 'v1'))).toBe(false);
  });
});

describe('settings that stay, plans, listings (issue 16)', () => {
  test('the target remembers shared entries; a deploy that drops one is warned', async () => {
    const s = await site();
    mkdirSync(join(s.root, 'shared'), { recursive: true });
    expect((await s.deploy('v1', ['--shared', 'data/'])).code).toBe(0);
    writeFileSync(join(s.root, 'shared', 'data', 'users.db'), 'real users');
    const second = await s.deploy('v2', [], s.src('v2', 'ok', { 'data/users.db': 'first-run wizard' }));
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/shared: data\/ \(remembered by the target\)/);
    expect(readFileSync(join(s.root, 'current', 'data', 'users.db'), 'utf8')).toBe('real users');
    const third = await s.deploy('v3', ['--shared', 'logs/']);
    expect(third.stderr).toMatch(/warning: this deploy drops shared entry data\/ that .* had/);
  });

  test('deploy --dry-run and rollback --dry-run print the plan and change nothing', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    expect((await s.deploy('v2')).code).toBe(0);
    const before = tree(s.root);
    const plan = await s.deploy('v3', ['--dry-run']);
    expect(plan.code).toBe(0);
    expect(plan.json).toMatchObject({
      dryRun: true,
      release: 'v3',
      previousRelease: 'v2',
      onFailure: 'restore v2'
    });
    const back = await s.rollback(['--dry-run']);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({ dryRun: true, current: 'v2', to: 'v1', toStatus: 'good' });
    expect(tree(s.root)).toEqual(before);
    expect(existsSync(join(s.root, 'releases', 'v3'))).toBe(false);
  });

  test('releases: newest first, the current one marked, a damaged history line skipped with a warning', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    expect((await s.deploy('v2')).code).toBe(0);
    expect((await s.deploy('v3', [], s.src('v3', 'broken'))).code).toBe(1);
    writeFileSync(join(s.root, '.shipgate', 'history.jsonl'), '{"torn\n', { flag: 'a' });
    const list = await s.releases();
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/skipped 1 line/);
    expect(list.json.current).toBe('v2');
    expect(
      list.json.releases.map(
        (r: { id: string; status: string; current: boolean }) => `${r.id}:${r.status}${r.current ? '*' : ''}`
      )
    ).toEqual(['v3:bad', 'v2:good*', 'v1:good']);
    const text = await cli(['releases', '--target', 'local', '--path', s.root]);
    expect(text.stdout.split('\n')[2]).toMatch(/^\* v2 +good \(current\)/);
  });

  test('a history of many megabytes is read from its tail and compacted; deploys and listings still work', async () => {
    const s = await site();
    expect((await s.deploy('v1')).code).toBe(0);
    const line = readFileSync(join(s.root, '.shipgate', 'history.jsonl'), 'utf8').trim();
    const junk = `${JSON.stringify({ ...JSON.parse(line), release: 'gone', reason: 'x'.repeat(400) })}\n`;
    writeFileSync(join(s.root, '.shipgate', 'history.jsonl'), junk.repeat(12_000) + `${line}\n`);
    expect((await s.deploy('v2')).code).toBe(0);
    expect(statSync(join(s.root, '.shipgate', 'history.jsonl')).size).toBeLessThan(2 * 1024 * 1024);
    const list = await s.releases();
    expect(list.json.releases.map((r: { id: string }) => r.id)).toEqual(['v2', 'v1']);
  });
});

function rmHistory(root: string): void {
  writeFileSync(join(root, '.shipgate', 'history.jsonl'), '');
}
