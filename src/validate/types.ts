export type Severity = 'error' | 'warning' | 'notice';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];
export const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** One problem, as `--json` prints it (docs/validate.md). Never holds an env value. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Repository-relative path with forward slashes, or null when no file is concerned. */
  file: string | null;
  /** 1-based; set whenever `file` is. */
  line: number | null;
  message: string;
  fix: string;
  /** What made the file count as deployed (the workflow that builds it, the start script), or null. */
  evidence: string | null;
}

/** What a rule's check returns; the engine fills in the rule id, the severity and the fix. */
export interface RawFinding {
  file: string | null;
  line: number | null;
  message: string;
  /** A finding less severe than the rule's default (e.g. a risk rather than a certain crash). */
  severity?: Severity;
  /** A fix more precise than the rule's general one. */
  fix?: string;
  /** What made the file count as deployed; every finding on a deploy file names it. */
  evidence?: string | null;
}

export interface RuleMeta {
  /** Stable kebab-case id: users turn rules off by it. */
  id: string;
  title: string;
  severity: Severity;
  /** Why it matters, in one or two sentences (README and SARIF). */
  why: string;
  /** How to fix it (README, SARIF, and every finding without a fix of its own). */
  fix: string;
  /** Runs only when asked for (boot-smoke). */
  optIn?: boolean;
}

/** A static rule: a pure function of the parsed repository (no I/O, no parsing of its own). */
export interface Rule extends RuleMeta {
  check(repo: ParsedRepo): RawFinding[];
}

export interface BuildOutput {
  /** Repository-relative directory, e.g. `dist`. */
  dir: string;
  /** Where it was named: `tsconfig.json outDir`, `package.json main`, or `usual name`. */
  origin: string;
  exists: boolean;
  /** Files found on disk under it (bounded). */
  fileCount: number;
  /** Files under it that git tracks (empty when not a git checkout). */
  tracked: string[];
  /** Newest modification time of a file under it, ms since epoch (null when empty). */
  newestMs: number | null;
  /** Repository-relative JavaScript files under it, read into `text` (bounded). */
  jsFiles: string[];
}

export interface EnvSource {
  /** `file` when --env-file was given; `environment` with --check-environment. */
  kind: 'file' | 'environment';
  /** Path as the user gave it (file kind only). */
  file: string | null;
  /** Name -> line in the file (null for the environment). The values are kept apart. */
  lines: Map<string, number | null>;
  /** Lines in the env file: a missing variable belongs at its end. */
  lineCount: number | null;
  /** Name -> value. Used only to judge presence; never copied into a finding. */
  values: Map<string, string>;
}

/**
 * Everything the static rules read, gathered once at the edge (src/validate/load.ts).
 * Paths are repository-relative with forward slashes.
 */
export interface RepoSnapshot {
  /** Files not ignored by .gitignore, outside node_modules and .git. */
  files: string[];
  /** The same, as a set (built once, when first asked for). */
  readonly fileSet: Set<string>;
  /** Contents of the files the rules read (configs, scripts, Dockerfiles, built JavaScript). */
  text: Map<string, string>;
  /** True when a path is ignored by the repository's root .gitignore (no .gitignore: nothing is). */
  isIgnored: (path: string, isDir: boolean) => boolean;
  /** Files git tracks among the build outputs and env files; null outside a git checkout. */
  gitTracked: Set<string> | null;
  /** Files that hold secrets (.env, private keys, id_rsa, ...), ignored or not, outside ignored folders; certificates are not. */
  secretLike: string[];
  outputs: BuildOutput[];
  /** Newest modification time of the sources the build compiles (src/ or rootDir), if known. */
  sourcesNewestMs: number | null;
  /** The production environment: the env file, or the process environment when asked; null in a PR check. */
  env: EnvSource | null;
  requireEnv: string[];
  /** Task definition files named by --task-definition (repository-relative). */
  taskDefinitionFlags: string[];
}

/** The snapshot with its files parsed once (shared by every rule), what is in scope, and what is deployed. */
export interface ParsedRepo extends RepoSnapshot {
  parsed: import('./parsed.js').ParsedFiles;
  scope: import('./scope.js').Scope;
  deployment: import('./deployment.js').Deployment;
}
