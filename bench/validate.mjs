// validate benchmarks.
// - start-up: fresh processes of the bundled CLI (dist-action/cli.js) and action entry
//   (dist-action/main.js, as the runner runs it) against `node -e 0`, measured interleaved in one
//   run: on an empty folder (budget: node's own start + 0.1 s) and on a generated repository of
//   50,000 files plus a node_modules of 20,000 (budget: 0.5 s in all). Reported as medians and as
//   ratios to `node -e 0`, because this machine is shared and its absolute times drift.
// - validate-real: see bench/validate-real.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

function timed(args, env = {}) {
  const started = performance.now();
  const ran = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }
  });
  const ms = performance.now() - started;
  if (ran.status !== 0 && args[0] !== '-e')
    throw new Error(`${args.join(' ')} exited ${ran.status}: ${ran.stderr}`);
  return ms;
}

export async function validateStartup(runs = 11) {
  const empty = mkdtempSync(join(tmpdir(), 'shipgate-bench-empty-'));
  const large = generate(50_000, 20_000);
  const cli = join(repoRoot, 'dist-action', 'cli.js');
  const main = join(repoRoot, 'dist-action', 'main.js');
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
  const base = median(samples.node);
  return Object.entries(samples).map(([name, values]) => {
    const med = median(values);
    const isEmpty = name.includes('empty');
    const budget = name === 'node' ? null : isEmpty ? base + EMPTY_BUDGET_MS : LARGE_BUDGET_MS;
    return {
      benchmark: name === 'node' ? 'node -e 0 (reference)' : `validate: ${name}`,
      runs,
      median: `${Math.round(med)} ms`,
      'ratio to node -e 0': (med / base).toFixed(2),
      budget:
        budget === null
          ? ''
          : isEmpty
            ? `node + ${EMPTY_BUDGET_MS} ms = ${Math.round(budget)} ms (ratio ${(budget / base).toFixed(2)})`
            : `${LARGE_BUDGET_MS} ms (ratio ${(budget / base).toFixed(2)})`,
      ok: budget === null ? '' : med <= budget ? 'yes' : 'NO'
    };
  });
}
