import { spawn } from 'node:child_process';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function printTable(rows) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const widths = columns.map(c => Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)));
  const line = cells => `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(columns.map(c => r[c])));
}

/** A port on 127.0.0.1 that nothing listens on (taken and released again). */
export function freePort() {
  return new Promise(resolve => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs the bundled CLI with --json; resolves with its JSON and stderr, rejects without JSON. */
export function shipgateJson(args, env, stdio = 'pipe') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist-action', 'cli.js'), ...args, '--json'], {
      env,
      stdio: ['ignore', 'pipe', stdio]
    });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr?.on('data', d => (err += d));
    child.on('close', code => {
      try {
        resolve({ code, json: JSON.parse(out), stderr: err });
      } catch {
        reject(new Error(`shipgate ${args[0]} exited ${code} without JSON:\n${err.slice(-2000)}`));
      }
    });
  });
}
