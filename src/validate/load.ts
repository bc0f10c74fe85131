import { execFileSync } from 'node:child_process';
import { Dirent, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileNamePrefilter, gitignoreMatcher, Ignore } from './gitignore.js';
import { ConfigurationError } from '../errors.js';
import { analyseDeployment, Deployment } from './deployment.js';
import { isInterestingPath, SECRET_FILE } from './files.js';
import { ParsedFiles, parserKindsFor } from './parsed.js';
import { outputCandidates, startCommands, tsconfigInfo } from './project.js';
import { makeScope, ScopeConfig } from './scope.js';
import { lineCount, normaliseRelative, parseDotenv } from '../util/text.js';
import { BuildOutput, EnvSource, ParsedRepo } from './types.js';

const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_OUTPUT_FILES = 5000;
const MAX_OUTPUT_JS = 200;

export interface WalkResult {
  files: string[];
  secretLike: string[];
  rootIgnore: Ignore;
}

interface Matcher {
  base: string;
  ig: Ignore;
  /** False when no pattern can match a file of this name: the matcher is skipped. */
  mayMatchFile: ((name: string) => boolean) | null;
}

function readText(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_TEXT_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A .pem/.crt-style file that holds certificates only (public) and no private key. */
function isCertificateOnly(root: string, path: string, name: string): boolean {
  if (!/\.(pem|key)$/.test(name)) return false;
  const text = readText(join(root, path));
  return text !== undefined && /-----BEGIN CERTIFICATE-----/.test(text) && !/PRIVATE KEY-----/.test(text);
}

/**
 * Lists the files git would see: skips node_modules, .git and everything the .gitignore files
 * (root and nested) ignore, without descending into ignored folders. Synchronous on purpose:
 * readdir with file types is the fastest way through 50,000 files.
 */
export function walkRepository(root: string): WalkResult {
  const files: string[] = [];
  const secretLike: string[] = [];
  const rootText = readText(join(root, '.gitignore')) ?? '';
  const rootIgnore = gitignoreMatcher(rootText);
  const walk = (rel: string, matchers: Matcher[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    let active = matchers;
    if (rel !== '' && entries.some(e => e.name === '.gitignore' && e.isFile())) {
      const text = readText(join(root, rel, '.gitignore'));
      if (text)
        active = [
          ...matchers,
          { base: rel, ig: gitignoreMatcher(text), mayMatchFile: fileNamePrefilter(text) }
        ];
    }
    for (const entry of entries) {
      const name = entry.name;
      const path = rel === '' ? name : `${rel}/${name}`;
      const isDir = entry.isDirectory();
      if (isDir && SKIP_DIRS.has(name)) continue;
      if (!isDir && !entry.isFile()) continue;
      const ignored = active.some(m => {
        if (!isDir && m.mayMatchFile && !m.mayMatchFile(name)) return false;
        const inBase = m.base === '' ? path : path.slice(m.base.length + 1);
        try {
          return m.ig.ignores(isDir ? `${inBase}/` : inBase);
        } catch {
          return false; // a name the matcher refuses (e.g. `...`) is not ignored
        }
      });
      if (!isDir && SECRET_FILE.test(name) && !isCertificateOnly(root, path, name)) secretLike.push(path);
      if (ignored) continue;
      if (isDir) walk(path, active);
      else files.push(path);
    }
  };
  walk('', [{ base: '', ig: rootIgnore, mayMatchFile: fileNamePrefilter(rootText) }]);
  return { files, secretLike, rootIgnore };
}

function boundedFiles(root: string, dir: string, limit: number): { path: string; mtimeMs: number }[] {
  const result: { path: string; mtimeMs: number }[] = [];
  const stack = [dir];
  while (stack.length > 0 && result.length < limit) {
    const rel = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(path);
      } else if (e.isFile() && result.length < limit) {
        try {
          result.push({ path, mtimeMs: statSync(join(root, path)).mtimeMs });
        } catch {
          // vanished while walking
        }
      }
    }
  }
  return result;
}

function gitTrackedFiles(root: string, pathspecs: string[]): Set<string> | null {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--', ...pathspecs], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
      maxBuffer: 64 * 1024 * 1024
    });
    return new Set(out.split('\0').filter(Boolean));
  } catch {
    return null;
  }
}

function isGitCheckout(root: string): boolean {
  for (let dir = resolve(root); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, '.git'))) return true;
    if (resolve(dir, '..') === dir) return false;
  }
}

export interface LoadOptions {
  dir: string;
  requireEnv: string[];
  /** As given by the user; resolved against the working directory. */
  envFile: string | null;
  /** The process environment: the production env only with `checkEnvironment`. */
  environment: NodeJS.ProcessEnv;
  /** --check-environment: the process environment is the production one (a deploy job). */
  checkEnvironment?: boolean;
  /** --task-definition files, as given (resolved against dir). */
  taskDefinitions?: string[];
  scope?: ScopeConfig;
  /** The production env, when the caller read it already (to mask its values first). */
  env?: EnvSource | null;
}

export function loadEnv(options: LoadOptions, root: string): EnvSource | null {
  if (options.envFile) {
    const path = resolve(options.envFile);
    const text = readText(path);
    if (text === undefined) throw new ConfigurationError(`cannot read '${options.envFile}'`, 'env-file');
    const entries = parseDotenv(text);
    const rel = relative(root, path);
    const display = !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : options.envFile;
    return {
      kind: 'file',
      file: display,
      lineCount: lineCount(text),
      lines: new Map(entries.map(e => [e.name, e.line])),
      values: new Map(entries.map(e => [e.name, e.value]))
    };
  }
  if (!options.checkEnvironment) return null;
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(options.environment)) if (v !== undefined) values.set(k, v);
  return { kind: 'environment', file: null, lineCount: null, lines: new Map(), values };
}

const noDeployment: Deployment = {
  images: [],
  pm2Files: new Map(),
  deployScripts: new Map(),
  containerScripts: new Set(),
  taskDefinitions: [],
  deployJobs: [],
  unread: []
};

/**
 * Gathers everything the static rules read and parses it once: all of validate's file-system
 * I/O is here. Parsers load only for the kinds of files the repository has.
 */
export async function loadRepo(options: LoadOptions): Promise<ParsedRepo> {
  const root = resolve(options.dir);
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new ConfigurationError(`'${options.dir}' does not exist`, 'dir');
  }
  if (!stat.isDirectory()) throw new ConfigurationError(`'${options.dir}' is not a directory`, 'dir');
  const walked = walkRepository(root);
  const text = new Map<string, string>();
  for (const file of walked.files) {
    if (!isInterestingPath(file)) continue;
    const content = readText(join(root, file));
    if (content !== undefined) text.set(file, content);
  }
  if (!text.has('.gitignore')) {
    const gitignore = readText(join(root, '.gitignore'));
    if (gitignore !== undefined) text.set('.gitignore', gitignore);
  }
  const taskDefinitionFlags: string[] = [];
  for (const given of options.taskDefinitions ?? []) {
    const path = resolve(root, given);
    const rel = relative(root, path).split(sep).join('/');
    const inRepo = !rel.startsWith('..') && !isAbsolute(rel) ? normaliseRelative(rel) : null;
    const content = readText(path);
    if (content === undefined || !inRepo)
      throw new ConfigurationError(`cannot read '${given}' inside '${options.dir}'`, 'task-definition');
    text.set(inRepo, content);
    taskDefinitionFlags.push(inRepo);
  }
  const parsed = new ParsedFiles(text);
  await parsed.load([...parserKindsFor(text.keys())].filter(k => k !== 'js'));
  let fileSet: Set<string> | null = null;
  const repo: ParsedRepo = {
    files: walked.files,
    // built when a rule first needs it: most runs never do, and 50,000 paths cost a GC
    get fileSet() {
      fileSet ??= new Set(walked.files);
      return fileSet;
    },
    text,
    isIgnored: (path, isDir) => walked.rootIgnore.ignores(isDir ? `${path}/` : path),
    gitTracked: null,
    secretLike: walked.secretLike,
    outputs: [],
    sourcesNewestMs: null,
    env: null,
    requireEnv: options.requireEnv,
    taskDefinitionFlags,
    parsed,
    scope: makeScope(options.scope),
    deployment: noDeployment
  };
  repo.deployment = analyseDeployment(repo);
  // evidence can name a file by a path no name rule reads (a task definition as ecs/api.json)
  if (repo.deployment.unread.length > 0) {
    for (const file of repo.deployment.unread) {
      const content = readText(join(root, file));
      if (content !== undefined) text.set(file, content);
    }
    repo.deployment = analyseDeployment(repo);
  }
  const candidates = outputCandidates(repo);
  const tracked = isGitCheckout(root)
    ? gitTrackedFiles(root, [...candidates.map(c => c.dir), '.env', '.env.*', '*/.env'])
    : null;
  repo.gitTracked = tracked;
  const outputs: BuildOutput[] = [];
  for (const candidate of candidates) {
    let exists = false;
    try {
      exists = statSync(join(root, candidate.dir)).isDirectory();
    } catch {
      exists = false;
    }
    const found = exists ? boundedFiles(root, candidate.dir, MAX_OUTPUT_FILES) : [];
    const jsFiles: string[] = [];
    for (const f of found) {
      if (!/\.(js|mjs|cjs)$/.test(f.path) || jsFiles.length >= MAX_OUTPUT_JS) continue;
      const content = readText(join(root, f.path));
      if (content === undefined) continue;
      text.set(f.path, content);
      jsFiles.push(f.path);
    }
    outputs.push({
      dir: candidate.dir,
      origin: candidate.origin,
      exists,
      fileCount: found.length,
      tracked: [...(tracked ?? [])].filter(t => t.startsWith(`${candidate.dir}/`)).sort(),
      newestMs: found.length ? Math.max(...found.map(f => f.mtimeMs)) : null,
      jsFiles: jsFiles.sort()
    });
  }
  repo.outputs = outputs;
  // package.json files inside the outputs decide their module format
  for (const out of outputs)
    if (out.exists) {
      const pkg = readText(join(root, out.dir, 'package.json'));
      if (pkg !== undefined) text.set(`${out.dir}/package.json`, pkg);
    }
  if (outputs.some(o => o.exists)) {
    const sourceDir = tsconfigInfo(repo)?.rootDir || 'src';
    const sources = boundedFiles(root, sourceDir, MAX_OUTPUT_FILES).filter(f =>
      /\.(m|c)?[tj]sx?$/.test(f.path)
    );
    repo.sourcesNewestMs = sources.length ? Math.max(...sources.map(f => f.mtimeMs)) : null;
  }
  // the files the start commands name, even when ignored (a built entry on a server)
  for (const start of startCommands(repo)) {
    if (!start.entry || text.has(start.entry)) continue;
    const content = readText(join(root, start.entry));
    if (content !== undefined) text.set(start.entry, content);
  }
  if ([...text.keys()].some(f => /\.(c|m)?js$/.test(f))) await parsed.load(['js']);
  repo.env = options.env !== undefined ? options.env : loadEnv(options, root);
  return repo;
}
