// Fails when dist-action/ is not exactly what the sources build (a stale build artifact
// is what caused the first incident in shared/INCIDENTS.md).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'dist-action');
const fresh = mkdtempSync(join(tmpdir(), 'shipgate-check-dist-'));

function files(dir) {
  const list = [];
  const walk = d => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else list.push(relative(dir, path));
    }
  };
  walk(dir);
  return list.sort();
}

try {
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), fresh], { stdio: 'inherit' });
  const want = files(fresh);
  const have = files(committed);
  const problems = [];
  for (const f of want) {
    if (!have.includes(f)) problems.push(`missing: dist-action/${f}`);
    else if (!readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))))
      problems.push(`differs: dist-action/${f}`);
  }
  for (const f of have) if (!want.includes(f)) problems.push(`not built by the sources: dist-action/${f}`);
  if (problems.length) {
    console.error(
      `dist-action/ is stale:\n  ${problems.join('\n  ')}\nRun 'npm run bundle' and commit dist-action/.`
    );
    process.exitCode = 1;
  } else {
    console.log(`dist-action/ is fresh (${want.length} files).`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
