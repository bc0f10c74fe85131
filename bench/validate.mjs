// validate benchmarks.
// - start-up: fresh processes of the bundled CLI (dist-action/cli.js) and action entry
//   (dist-action/main.js, as the runner runs it) against `node -e 0`, measured interleaved in one
//   run: on an empty folder (budget: node's own start + 0.1 s) and on a generated repository of
//   50,000 files plus a node_modules of 20,000 (budget: 0.5 s in all). Reported as medians and as
//   ratios to `node -e 0`, because this machine is shared and its absolute times drift.
// - validate-real: see bench/validate-real.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, repoRoot } from './util.mjs';

const EMPTY_BUDGET_MS = 100; // on top of node -e 0
const LARGE_BUDGET_MS = 500; // in all

export function generate(sourceFiles, moduleFiles) {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-bench-validate-'));
  const write = (path, text) => writeFileSync(join(dir, path), text);
  write(
    'package.json',
    JSON.stringify({ name: 'big', type: 'module', scripts: { start: 'tsx src/server.ts' } })
  );
  write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', noEmit: true } })
  );
  write('.gitignore', 'node_modules/\n/dist/\n.env\ncoverage/\n');
  write(
    'ecosystem.config.cjs',
    "module.exports = { apps: [{ name: 'big', script: 'src/server.ts', interpreter: 'tsx', max_restarts: 3, min_uptime: '30s' }] };\n"
  );
  write(
    'Dockerfile',
    'FROM node:20.18-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nUSER node\nEXPOSE 3000\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/health\nCMD ["npx","tsx","src/server.ts"]\n'
  );
  mkdirSync(join(dir, 'src'), { recursive: true });
  write(join('src', 'server.ts'), 'export {};\n');
  let written = 6;
  const perDir = 100;
  for (let d = 0; written < sourceFiles; d++) {
    const sub = join('src', `area${Math.floor(d / 20)}`, `mod${d}`);
    mkdirSync(join(dir, sub), { recursive: true });
    for (let i = 0; i < perDir && written < sourceFiles; i++, written++)
      write(join(sub, `file${i}.ts`), `export const value${i} = ${i};\n`);
  }
  for (let d = 0, n = 0; n < moduleFiles; d++) {
    const sub = join('node_modules', `pkg${d}`, 'lib');
    mkdirSync(join(dir, sub), { recursive: true });
    for (let i = 0; i < perDir && n < moduleFiles; i++, n++)
      write(join(sub, `f${i}.js`), 'module.exports = 1;\n');
  }
  return dir;
}

const TIME = '/usr/bin/time';
const timeFile = join(tmpdir(), `shipgate-bench-time-${process.pid}`);

/**
 * Wall time and CPU time (user + system, from /usr/bin/time when it exists) of one fresh process.
 * On a shared machine the wall time also counts the wait for a core; the CPU time does not.
 */
function timed(args, env = {}) {
  const withTime = existsSync(TIME);
  const started = performance.now();
  const ran = spawnSync(
    withTime ? TIME : process.execPath,
    withTime ? ['-f', '%U %S', '-o', timeFile, process.execPath, ...args] : args,
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }
  );
  const wall = performance.now() - started;
  if (ran.status !== 0 && ran.status !== 1 && args[0] !== '-e')
    throw new Error(`${args.join(' ')} exited ${ran.status}: ${ran.stderr}`);
  const [user, system] = withTime
    ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number)
    : [NaN, NaN];
  return { wall, cpu: (user + system) * 1000 };
}

export async function validateStartup(runs = 11) {
  const empty = mkdtempSync(join(tmpdir(), 'shipgate-bench-empty-'));
  const large = generate(50_000, 20_000);
  // SHIPGATE_VALIDATE_DIST: another build to measure (an older dist-action, for a before/after)
  const dist = process.env.SHIPGATE_VALIDATE_DIST ?? join(repoRoot, 'dist-action');
  const cli = join(dist, 'cli.js');
  const main = join(dist, 'main.js');
  const action = dir => ({ INPUT_COMMAND: 'validate', INPUT_DIR: dir, GITHUB_ACTIONS: 'true' });
  const cases = {
    node: () => timed(['-e', '0']),
    'cli, empty folder': () => timed([cli, 'validate', '--dir', empty]),
    'action, empty folder': () => timed([main], action(empty)),
    'cli, 50,000 files + 20,000 in node_modules': () => timed([cli, 'validate', '--dir', large]),
    'action, 50,000 files + 20,000 in node_modules': () => timed([main], action(large))
  };
  const samples = Object.fromEntries(Object.keys(cases).map(k => [k, []]));
  try {
    for (const run of Object.values(cases)) run(); // warm the file cache
    for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(cases)) samples[name].push(run());
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  }
  rmSync(timeFile, { force: true });
  const base = median(samples.node.map(x => x.wall));
  const baseCpu = median(samples.node.map(x => x.cpu));
  return Object.entries(samples).map(([name, values]) => {
    const wall = median(values.map(x => x.wall));
    const cpu = median(values.map(x => x.cpu));
    const isEmpty = name.includes('empty');
    const budget = name === 'node' ? null : isEmpty ? EMPTY_BUDGET_MS : LARGE_BUDGET_MS;
    // the empty-folder budget is on top of node's own start; the large one is in all
    const within = (value, reference) => (isEmpty ? value - reference <= budget : value <= budget);
    return {
      benchmark: name === 'node' ? 'node -e 0 (reference)' : `validate: ${name}`,
      runs,
      'wall median': `${Math.round(wall)} ms`,
      'wall ratio': (wall / base).toFixed(2),
      'cpu median': Number.isNaN(cpu) ? '-' : `${Math.round(cpu)} ms`,
      'cpu ratio': Number.isNaN(cpu) ? '-' : (cpu / baseCpu).toFixed(2),
      budget: budget === null ? '' : isEmpty ? `node + ${budget} ms` : `${budget} ms`,
      'ok (wall / cpu)':
        budget === null
          ? ''
          : `${within(wall, base) ? 'yes' : 'NO'} / ${Number.isNaN(cpu) ? '-' : within(cpu, baseCpu) ? 'yes' : 'NO'}`
    };
  });
}
