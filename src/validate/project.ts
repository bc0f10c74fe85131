import { isPm2ConfigPath } from './files.js';
import type { Pm2App } from './pm2.js';
import { ParsedRepo } from './types.js';
import { basenameOf, dirnameOf, lineOf, normaliseRelative, posixJoin } from '../util/text.js';

/** Pure facts derived from the parsed repository, shared by several rules. */

export const USUAL_OUTPUT_DIRS = ['dist', 'build', 'out'];

export interface PackageInfo {
  file: string;
  json: Record<string, unknown>;
  type: 'module' | 'commonjs' | null;
  scripts: Record<string, string>;
  text: string;
}

export function packageInfo(repo: ParsedRepo, file = 'package.json'): PackageInfo | null {
  const text = repo.text.get(file);
  const json = repo.parsed.json(file);
  if (!json || text === undefined) return null;
  const scripts: Record<string, string> = {};
  if (json.scripts && typeof json.scripts === 'object')
    for (const [k, v] of Object.entries(json.scripts as Record<string, unknown>))
      if (typeof v === 'string') scripts[k] = v;
  const type = json.type === 'module' ? 'module' : json.type === 'commonjs' ? 'commonjs' : null;
  return { file, json, type, scripts, text };
}

/** Line of `"key":` in a JSON text (first occurrence), or 1. */
export function jsonKeyLine(text: string, key: string): number {
  return lineOf(text, `"${key}"`) ?? 1;
}

/** The nearest package.json above a file decides how Node loads a `.js`. */
export function moduleTypeOf(
  repo: ParsedRepo,
  file: string
): { type: 'module' | 'commonjs'; pkg: string | null } {
  if (file.endsWith('.mjs')) return { type: 'module', pkg: null };
  if (file.endsWith('.cjs')) return { type: 'commonjs', pkg: null };
  let dir = dirnameOf(file);
  for (;;) {
    const pkg = packageInfo(repo, posixJoin(dir, 'package.json'));
    if (pkg) return { type: pkg.type ?? 'commonjs', pkg: pkg.file };
    if (dir === '') return { type: 'commonjs', pkg: null };
    dir = dirnameOf(dir);
  }
}

export interface TsconfigInfo {
  outDir: string | null;
  rootDir: string | null;
  line: number;
}

export function tsconfigInfo(repo: ParsedRepo): TsconfigInfo | null {
  const text = repo.text.get('tsconfig.json');
  const json = repo.parsed.json('tsconfig.json');
  if (!json || text === undefined) return null;
  const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
  const outDir = typeof options.outDir === 'string' ? normaliseRelative(options.outDir) : null;
  const rootDir = typeof options.rootDir === 'string' ? normaliseRelative(options.rootDir) : null;
  return { outDir: outDir || null, rootDir, line: outDir ? jsonKeyLine(text, 'outDir') : 1 };
}

export interface OutputCandidate {
  dir: string;
  origin: string;
}

/** Directories a build writes to: tsconfig outDir, package.json main/bin, and the usual names. */
export function outputCandidates(repo: ParsedRepo): OutputCandidate[] {
  const found = new Map<string, string>();
  const ts = tsconfigInfo(repo);
  if (ts?.outDir) found.set(ts.outDir, 'tsconfig.json outDir');
  const pkg = packageInfo(repo);
  if (pkg && typeof pkg.json.main === 'string') {
    const top = normaliseRelative(pkg.json.main)?.split('/')[0];
    if (top && USUAL_OUTPUT_DIRS.concat(['lib']).includes(top) && !found.has(top))
      found.set(top, 'package.json main');
  }
  // dist/ is a build output by convention; build/ and out/ only when package.json names them
  // (a build/ folder often holds build tooling, not output)
  for (const dir of USUAL_OUTPUT_DIRS)
    if (!found.has(dir) && (dir === 'dist' || (pkg?.text.includes(`${dir}/`) ?? false)))
      found.set(dir, 'usual name');
  return [...found.entries()].map(([dir, origin]) => ({ dir, origin }));
}

/** How the app is started, as written in a process config or package.json. */
export interface StartCommand {
  file: string;
  line: number;
  /** e.g. "PM2 app 'api'" or "package.json script 'start'". */
  label: string;
  /** The runner that executes TypeScript sources (tsx, ts-node, node --experimental-strip-types), if any. */
  sourceRunner: string | null;
  /** Repository-relative file it starts, when one is named. */
  entry: string | null;
  /** PM2 only: the app this command belongs to. */
  app?: Pm2App;
  /** Why this is what runs in production (for the finding). */
  evidence: string;
}

const SOURCE_RUNNERS = ['tsx', 'ts-node', 'ts-node-esm', 'ts-node-dev', 'tsnd', 'bun'];
const SOURCE_EXT = /\.(ts|mts|cts|tsx)$/;
const JS_EXT = /\.(js|mjs|cjs)$/;

function tokens(command: string): string[] {
  return command.split(/\s+/).filter(t => t !== '');
}

/** Reads a shell-like start command: `tsx src/server.ts`, `node --import tsx src/x.ts`, `node dist/server.js`. */
export function readStartCommand(command: string): { sourceRunner: string | null; entry: string | null } {
  const words = tokens(command.replace(/&&.*$/, ''));
  let sourceRunner: string | null = null;
  let entry: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const base = basenameOf(word);
    if (SOURCE_RUNNERS.includes(base) && !sourceRunner) sourceRunner = base;
    if (/^--(experimental-strip-types|experimental-transform-types)$/.test(word))
      sourceRunner ??= `node ${word}`;
    if (/^--(import|loader|require|r)$/.test(word) && /^(tsx|ts-node)/.test(words[i + 1] ?? ''))
      sourceRunner ??= `node ${word} ${words[i + 1]}`;
    if (/^--(import|loader)=(tsx|ts-node)/.test(word)) sourceRunner ??= `node ${word}`;
    if (!entry && !word.startsWith('-') && (SOURCE_EXT.test(word) || JS_EXT.test(word))) {
      entry = normaliseRelative(word);
      if (SOURCE_EXT.test(word) && !sourceRunner && /^node$/.test(basenameOf(words[0] ?? '')))
        sourceRunner = 'node (type stripping)';
    }
  }
  return { sourceRunner, entry };
}

/** The apps of the PM2 configs in scope (deployed or not: see `deployment.pm2Files`). */
export function pm2Apps(repo: ParsedRepo): Pm2App[] {
  const apps: Pm2App[] = [];
  for (const file of [...repo.text.keys()].sort())
    if (isPm2ConfigPath(file) && repo.scope.inScope(file)) apps.push(...repo.parsed.pm2Apps(file));
  return apps;
}

function asText(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
}

export function startCommands(repo: ParsedRepo): StartCommand[] {
  const result: StartCommand[] = [];
  const pkg = packageInfo(repo);
  let pkgStart: StartCommand | null = null;
  if (pkg?.scripts.start) {
    pkgStart = {
      file: pkg.file,
      line: jsonKeyLine(pkg.text, 'start'),
      label: "package.json script 'start'",
      evidence: "package.json script 'start' (npm start)",
      ...readStartCommand(pkg.scripts.start)
    };
  }
  for (const app of pm2Apps(repo)) {
    const deployed = repo.deployment.pm2Files.get(app.file);
    if (!deployed) continue;
    const script = app.props.get('script');
    if (!script || typeof script.value !== 'string') continue;
    const args = asText(app.props.get('args')?.value);
    const interpreter = asText(app.props.get('interpreter')?.value);
    const interpreterArgs = [app.props.get('interpreter_args'), app.props.get('node_args')]
      .map(v => asText(v?.value))
      .join(' ');
    const label = `PM2 app '${app.name ?? '?'}'`;
    const cwd = app.props.get('cwd');
    const base = typeof cwd?.value === 'string' ? (normaliseRelative(cwd.value) ?? '') : dirnameOf(app.file);
    const scriptWord = script.value.trim();
    if (/^(npm|yarn|pnpm)$/.test(scriptWord) && /^(run\s+)?start\b/.test(args.trim()) && pkgStart) {
      result.push({ ...pkgStart, file: app.file, line: script.line, label, app, evidence: deployed });
      continue;
    }
    const read = readStartCommand(`${interpreter} ${interpreterArgs} ${scriptWord} ${args}`);
    if (!read.sourceRunner && SOURCE_EXT.test(scriptWord))
      read.sourceRunner = interpreter || 'a TypeScript loader';
    result.push({
      file: app.file,
      line: script.line,
      label,
      sourceRunner: read.sourceRunner,
      entry: read.entry ? posixJoin(base, read.entry) : null,
      app,
      evidence: deployed
    });
  }
  // the process manager's view first: it is what runs on the server
  if (pkgStart) result.push(pkgStart);
  return result;
}

/** What runs in production: the process manager's apps when there are any, else package.json start. */
export function productionStarts(repo: ParsedRepo): StartCommand[] {
  const all = startCommands(repo);
  const managed = all.filter(s => s.app);
  return managed.length > 0 ? managed : all;
}

/** `npm run build`, `yarn build`, `pnpm run build`, `tsc` (not `tsc --noEmit`), on one shell line. */
export function buildCommandIn(line: string): string | null {
  const code = line.replace(/(^|\s)#.*$/, '');
  const npm = /\b(npm|pnpm|yarn|bun)\s+(run\s+)?build(?![\w:-])/.exec(code);
  if (npm) return npm[0];
  const tsc = /(^|[\s;&|(])((npx\s+)?tsc)(\s[^;&|]*)?(?=$|[;&|)])/.exec(code);
  if (tsc && !/--noEmit|--build\s+--dry|-v\b|--version/.test(tsc[4] ?? '')) return tsc[2].trim();
  return null;
}

/** `node dist/server.js`, `pm2 start dist/server.js`: the JavaScript file a shell line starts. */
export function startedFileIn(line: string): string | null {
  const code = line.replace(/(^|\s)#.*$/, '');
  const match =
    /\b(?:node|pm2\s+(?:start|restart|reload|startOrReload|startOrRestart))\s+(?:-[-\w=]*\s+)*([\w./@-]+\.(?:c|m)?js)\b/.exec(
      code
    );
  return match ? normaliseRelative(match[1]) : null;
}

/** Maps a file under an output dir back to the source the build compiles it from (dist/a.js -> src/a.ts). */
export function sourceFor(repo: ParsedRepo, outputFile: string, outDir: string): string | null {
  const ts = tsconfigInfo(repo);
  const rootDir = ts?.rootDir ?? 'src';
  const rest = outputFile.slice(outDir.length + 1).replace(/\.(c|m)?js$/, '');
  const files = repo.fileSet;
  for (const ext of ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']) {
    const candidate = posixJoin(rootDir, rest + ext);
    if (files.has(candidate)) return candidate;
  }
  return null;
}

export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * package.json has a build that writes more than tsconfig says (next build, webpack, a script of
 * its own): files under its output folder cannot be traced from the repository. A plain `tsc`
 * can.
 */
export function hasBuildScript(repo: ParsedRepo): boolean {
  const pkg = packageInfo(repo);
  if (!pkg) return false;
  return Object.entries(pkg.scripts).some(
    ([k, v]) =>
      /^build(:|$)/.test(k) && !/^(npx\s+)?tsc(\s+(-p|--project)\s+\S+|\s+-b|\s+--build)*\s*$/.test(v.trim())
  );
}
