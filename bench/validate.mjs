// validate benchmark: a generated repository of 50,000 files plus a node_modules of 20,000
// files (skipped, as everything gitignored is). Goal: one validate run under 1 s.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, repoRoot } from './util.mjs';

const { runCli } = await import(join(repoRoot, 'lib', 'cli.js'));

const GOAL_MS = 1000;

function generate(sourceFiles, moduleFiles) {
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
    'FROM node:20.18-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nUSER node\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/health\nCMD ["npx","tsx","src/server.ts"]\n'
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

export async function validateLargeRepo(runs = 5) {
  const dir = generate(50_000, 20_000);
  try {
    const samples = [];
    let findings = null;
    for (let i = 0; i < runs; i++) {
      let out = '';
      const started = performance.now();
      await runCli(['validate', '--dir', dir, '--json'], {
        stdout: t => (out += t),
        stderr: () => undefined
      });
      samples.push(performance.now() - started);
      findings = JSON.parse(out).findings.length;
    }
    const cliSamples = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const ran = spawnSync(
        process.execPath,
        [join(repoRoot, 'dist-action', 'cli.js'), 'validate', '--dir', dir, '--json'],
        {
          encoding: 'utf8'
        }
      );
      cliSamples.push(performance.now() - started);
      if (ran.status !== 0) throw new Error(`validate exited ${ran.status}: ${ran.stderr}`);
    }
    const row = (benchmark, values) => {
      const med = median(values);
      return {
        benchmark,
        setting: `50,000 files + node_modules 20,000; ${findings} findings`,
        runs,
        median: `${Math.round(med)} ms`,
        max: `${Math.round(Math.max(...values))} ms`,
        goal: `< ${GOAL_MS} ms`,
        ok: med < GOAL_MS ? 'yes' : 'NO'
      };
    };
    return [
      row('validate (in process, lib/cli.js)', samples),
      row('validate (bundled CLI, new process)', cliSamples)
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
