#!/usr/bin/env node
// Lint for the layers of src/ (docs/architecture.md): imports go one way, downward, and no file
// is part of an import cycle, type-only imports included. Run by `npm run lint`; exits 1 with one
// line per violation. `node scripts/check-layers.mjs DIR` checks another tree (the test plants
// a cycle in a copy).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Lowest first. A module may import from its own layer or a lower one, never a higher one. */
export const LAYERS = [
  ['base', ['util', 'errors.ts', 'duration.ts', 'options.ts', 'runner.ts']],
  ['gate', ['gate']],
  ['capabilities', ['validate', 'cache']],
  ['release', ['release']],
  ['platforms', ['platforms']],
  ['reports and integrations', ['report', 'integrations']],
  ['commands', ['commands']],
  ['entry points', ['main.ts', 'post.ts', 'cli.ts', 'cli-command.ts', 'entrypoints.ts', 'validate-entry.ts']]
];

/** The first path segment under src/ (a folder or a top-level file) names the layer. */
function layerOf(file) {
  const top = file.split(sep)[0];
  const index = LAYERS.findIndex(([, members]) => members.includes(top));
  return { top, index, name: index >= 0 ? LAYERS[index][0] : null };
}

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Relative imports of every .ts file under root, as paths relative to root. */
export function importGraph(root) {
  const graph = new Map();
  for (const path of sources(root)) {
    const from = relative(root, path);
    const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"])\/\/.*$/gm, '$1');
    const targets = new Set();
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      targets.add(relative(root, resolve(dirname(path), spec)).replace(/\.js$/, '.ts'));
    }
    graph.set(from, [...targets].sort());
  }
  return graph;
}

/** Every upward import and every cycle (each cycle once, as the files in order). */
export function checkLayers(root) {
  const graph = importGraph(root);
  const problems = [];
  for (const [from, targets] of graph) {
    const a = layerOf(from);
    if (a.index < 0)
      problems.push(`${from}: in no layer; add ${a.top} to LAYERS in scripts/check-layers.mjs`);
    for (const to of targets) {
      const b = layerOf(to);
      if (a.index >= 0 && b.index > a.index)
        problems.push(`${from} imports ${to}: upward, from ${a.name} to ${b.name}`);
    }
  }
  // cycles: depth-first search, a back edge closes one
  const state = new Map();
  const stack = [];
  const seen = new Set();
  const visit = node => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(`import cycle: ${[...cycle, next].join(' -> ')}`);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..', 'src'));
  const problems = checkLayers(root);
  for (const p of problems) console.error(`layers: ${p}`);
  if (problems.length > 0) {
    console.error(`layers: ${problems.length} problem(s); the layers are in docs/architecture.md`);
    process.exit(1);
  }
}
