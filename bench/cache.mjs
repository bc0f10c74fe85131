// Cache benchmarks, against the local v2 cache service of the tests (compiled here from
// test/helpers/cache-service.ts) and the real @actions/cache:
// - a history of 20 commits in which the lockfile changes 3 times, each commit one job run the
//   way the runner runs it (dist-action/main.js, a build, dist-action/post.js with STATE_*);
// - restore throughput of a 200 MB cache: the bundled action vs a script that calls
//   @actions/cache directly (both in a fresh node process, as a step would be).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, repoRoot } from './util.mjs';

const work = mkdtempSync(join(tmpdir(), 'shipgate-bench-cache-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

async function loadService() {
  const out = join(work, 'service');
  execFileSync(
    join(repoRoot, 'node_modules', '.bin', 'tsc'),
    [
      join(repoRoot, 'test', 'helpers', 'cache-service.ts'),
      '--outDir',
      out,
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--skipLibCheck'
    ],
    { stdio: 'inherit' }
  );
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  copyFileSync(join(repoRoot, 'test', 'helpers', 'blob-dns.cjs'), join(out, 'blob-dns.cjs'));
  return import(pathToFileURL(join(out, 'cache-service.js')).href);
}

function parseCommandFile(text) {
  const result = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    result[m[1]] = value.join('\n');
  }
  return result;
}

function runNode(args, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/** One step of the action as the runner runs it; returns outputs and state. */
async function actionStep(entry, inputs, env, cwd) {
  const dir = mkdtempSync(join(work, 'step-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'sum')
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const full = { PATH: process.env.PATH, ...files, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true', ...env };
  for (const [k, v] of Object.entries(inputs)) full[`INPUT_${k.toUpperCase()}`] = v;
  const ran = await runNode([join(repoRoot, 'dist-action', `${entry}.js`)], full, cwd);
  if (ran.code !== 0) throw new Error(`${entry} exited ${ran.code}: ${ran.stdout}\n${ran.stderr}`);
  const result = {
    ...ran,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8'))
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

async function job(service, { workspace, home, runId, inputs = {}, build }) {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  rmSync(join(workspace, '.next'), { recursive: true, force: true });
  const env = {
    ...service.env(),
    HOME: home,
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: '1'
  };
  const main = await actionStep('main', { command: 'cache', ...inputs }, env, workspace);
  build?.();
  const stateEnv = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]));
  const started = performance.now();
  const post = await actionStep(
    'post',
    { command: 'cache', 'job-status': 'success', ...inputs },
    { ...env, ...stateEnv },
    workspace
  );
  return { main, post, postMs: performance.now() - started };
}

/** 20 commits; the lockfile changes at commits 6, 11 and 17. */
export async function history(commits = 20, changesAt = [6, 11, 17]) {
  const { startCacheService } = await loadService();
  const service = await startCacheService();
  const workspace = mkdtempSync(join(work, 'ws-'));
  const home = join(work, 'home');
  writeFileSync(
    join(workspace, 'package.json'),
    JSON.stringify({ name: 'app', dependencies: { next: '15' } })
  );
  writeFileSync(join(workspace, 'next.config.mjs'), 'export default {};\n');
  let lockVersion = 1;
  const stats = {
    npm: { exact: 0, partial: 0, miss: 0, saves: 0, rejected: 0 },
    next: { exact: 0, partial: 0, miss: 0, saves: 0, rejected: 0 }
  };
  const savedAt = new Map(); // key -> commit that saved it
  const restoredKeys = new Set();
  try {
    for (let commit = 1; commit <= commits; commit++) {
      if (changesAt.includes(commit)) lockVersion++;
      writeFileSync(
        join(workspace, 'package-lock.json'),
        JSON.stringify({ lockfileVersion: 3, v: lockVersion })
      );
      const before = service.callsTo('CreateCacheEntry').length;
      const run = await job(service, {
        workspace,
        home,
        runId: 1000 + commit,
        build: () => {
          const npm = join(home, '.npm', '_cacache');
          mkdirSync(npm, { recursive: true });
          writeFileSync(join(npm, `pkg-${lockVersion}`), randomBytes(64 * 1024));
          mkdirSync(join(workspace, '.next', 'cache'), { recursive: true });
          writeFileSync(join(workspace, '.next', 'cache', `build-${commit}`), randomBytes(16 * 1024));
        }
      });
      const matched = JSON.parse(run.main.outputs['matched-keys']);
      const state = JSON.parse(run.main.state['cache-plan']);
      for (const p of state.presets) {
        const s = stats[p.name];
        if (p.restore === 'hit') s.exact++;
        else if (p.restore === 'partial') s.partial++;
        else s.miss++;
        if (matched[p.name]) restoredKeys.add(matched[p.name]);
      }
      for (const call of service.callsTo('CreateCacheEntry').slice(before)) {
        const name = /-npm-/.test(call.body.key) ? 'npm' : 'next';
        if (call.status === 200) {
          stats[name].saves++;
          savedAt.set(call.body.key, commit);
        } else stats[name].rejected++;
      }
    }
  } finally {
    await service.close();
  }
  // a save is wasted when no later commit of the history restored it (the last commit's saves have no future here)
  const rows = [];
  for (const [name, s] of Object.entries(stats)) {
    const wasted = [...savedAt.entries()].filter(
      ([key, at]) => key.includes(`-${name}-`) && at < commits && !restoredKeys.has(key)
    ).length;
    rows.push({
      preset: name,
      commits,
      'lockfile changes': changesAt.length,
      'exact hits': s.exact,
      'partial hits': s.partial,
      misses: s.miss,
      saves: s.saves,
      'rejected saves': s.rejected,
      'wasted saves': wasted,
      goal:
        name === 'npm'
          ? `${commits - changesAt.length - 1} exact, ${changesAt.length + 1} saves, 0 wasted`
          : '1 save a run, 0 wasted',
      ok:
        wasted === 0 &&
        s.rejected === 0 &&
        (name !== 'npm' || (s.exact === commits - changesAt.length - 1 && s.saves === changesAt.length + 1))
          ? 'yes'
          : 'NO'
    });
  }
  return rows;
}

/** Restore of a ~200 MB archive (random, so zstd cannot shrink it): shipgate vs @actions/cache directly. */
export async function throughput(runs = 5, megabytes = 200) {
  const { startCacheService, blobDnsPreload } = await loadService();
  const service = await startCacheService();
  const workspace = mkdtempSync(join(work, 'ws-big-'));
  const data = join(workspace, 'big-cache');
  const fill = () => {
    mkdirSync(data, { recursive: true });
    for (let i = 0; i < megabytes / 8; i++)
      writeFileSync(join(data, `part-${i}`), randomBytes(8 * 1024 * 1024));
  };
  const home = join(work, 'home-big');
  const inputs = { presets: 'none', paths: 'big-cache' };
  try {
    fill();
    const seed = await job(service, { workspace, home, runId: 1, inputs });
    const key = JSON.parse(seed.main.state['cache-plan']).presets[0].primaryKey;
    const entry = service.entries.find(e => e.key === key && e.finalized);
    if (!entry) throw new Error(`seed save failed: ${seed.post.stdout}`);
    const blocks = service.blobCalls.filter(c => c.comp === 'block').length;
    const direct = join(work, 'direct-restore.mjs');
    writeFileSync(
      direct,
      `import * as cache from ${JSON.stringify(pathToFileURL(join(repoRoot, 'node_modules', '@actions', 'cache', 'lib', 'cache.js')).href)};\n` +
        `const key = await cache.restoreCache(['big-cache'], process.argv[2], []);\nif (key !== process.argv[2]) process.exit(1);\n`
    );
    const env = {
      PATH: process.env.PATH,
      ...service.env(),
      NODE_OPTIONS: `--require ${blobDnsPreload}`,
      HOME: home,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: mkdtempSync(join(work, 'tmp-'))
    };
    const samples = { shipgate: [], direct: [] };
    for (let i = 0; i < runs; i++) {
      for (const way of ['direct', 'shipgate']) {
        rmSync(data, { recursive: true, force: true });
        const started = performance.now();
        if (way === 'direct') {
          const ran = await runNode([direct, key], env, workspace);
          if (ran.code !== 0) throw new Error(`direct restore failed: ${ran.stdout}${ran.stderr}`);
        } else {
          const run = await actionStep(
            'main',
            { command: 'cache', ...inputs },
            { ...env, GITHUB_RUN_ID: '2' },
            workspace
          );
          if (run.outputs['cache-hit'] !== 'true') throw new Error(`shipgate restore missed: ${run.stdout}`);
        }
        samples[way].push(performance.now() - started);
      }
    }
    const size = entry.sizeBytes / (1024 * 1024);
    const rows = [];
    for (const way of ['direct', 'shipgate']) {
      const med = median(samples[way]);
      rows.push({
        benchmark: `restore ${Math.round(size)} MB archive (${way === 'direct' ? '@actions/cache directly' : 'shipgate action main step'})`,
        setting: `saved in ${blocks} blocks; node ${process.version}`,
        runs,
        median: `${Math.round(med)} ms`,
        'MB/s': (size / (med / 1000)).toFixed(0),
        goal: way === 'shipgate' ? 'overhead < 5%' : '',
        ok: ''
      });
    }
    const overhead = median(samples.shipgate) / median(samples.direct) - 1;
    rows[1].goal = `overhead < 5% (measured ${(overhead * 100).toFixed(1)}%)`;
    rows[1].ok = overhead < 0.05 ? 'yes' : 'NO';
    rows.push(...(await inProcess(key, env, workspace, data, size, runs)));
    return rows;
  } finally {
    await service.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * The same restore inside one process, without process start and module loading: the library
 * call alone vs shipgate's restore path around it (log attribution, classification, timing).
 */
async function inProcess(key, env, workspace, data, size, runs) {
  const cache = await import('@actions/cache');
  const { restoreAll } = await import(pathToFileURL(join(repoRoot, 'lib', 'cache', 'run.js')).href);
  const saved = { env: { ...process.env }, cwd: process.cwd(), write: process.stdout.write };
  createRequire(import.meta.url)(env.NODE_OPTIONS.replace('--require ', ''));
  Object.assign(process.env, env);
  process.chdir(workspace);
  process.stdout.write = () => true; // the library's progress lines would break the tables
  const samples = { direct: [], shipgate: [] };
  try {
    const plan = {
      name: 'paths',
      kind: 'dependency',
      paths: ['big-cache'],
      primaryKey: key,
      restoreKeys: [],
      exactPrefix: key
    };
    for (let i = 0; i < runs; i++) {
      for (const way of ['direct', 'shipgate']) {
        rmSync(data, { recursive: true, force: true });
        const started = performance.now();
        if (way === 'direct') {
          if ((await cache.restoreCache(['big-cache'], key, [])) !== key)
            throw new Error('direct restore missed');
        } else {
          const [state] = await restoreAll([plan], { info: () => {}, warn: () => {} });
          if (state.restore !== 'hit') throw new Error(`shipgate restore: ${state.restore} ${state.note}`);
        }
        samples[way].push(performance.now() - started);
      }
    }
  } finally {
    process.stdout.write = saved.write;
    process.chdir(saved.cwd);
    for (const k of Object.keys(env)) if (!(k in saved.env)) delete process.env[k];
    Object.assign(process.env, saved.env);
  }
  const overhead = median(samples.shipgate) / median(samples.direct) - 1;
  return ['direct', 'shipgate'].map(way => ({
    benchmark: `restore ${Math.round(size)} MB archive in one process (${way === 'direct' ? 'restoreCache' : 'shipgate restoreAll'})`,
    setting: 'no process start, no module loading',
    runs,
    median: `${Math.round(median(samples[way]))} ms`,
    'MB/s': (size / (median(samples[way]) / 1000)).toFixed(0),
    goal: way === 'shipgate' ? `overhead < 5% (measured ${(overhead * 100).toFixed(1)}%)` : '',
    ok: way === 'shipgate' ? (overhead < 0.05 ? 'yes' : 'NO') : ''
  }));
}
