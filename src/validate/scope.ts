import { basenameOf } from '../util/text.js';
import { isComposePath, isDockerfilePath, isShellScriptPath } from './files.js';
import { gitignoreMatcher } from './gitignore.js';

/**
 * What validate speaks about: what is deployed or published. Trees of tests, fixtures, examples,
 * end-to-end suites, docs and templates, backup files, and test or development variants of
 * Dockerfiles, compose files and scripts are left out, unless `.github/shipgate.yml` names them
 * (`validate.include`); `validate.exclude` leaves out more.
 */

const OUT_OF_SCOPE_DIRS = new Set([
  'test',
  'tests',
  '__tests__',
  '__test__',
  'spec',
  'specs',
  'fixture',
  'fixtures',
  '__fixtures__',
  'testdata',
  'test-data',
  'example',
  'examples',
  'sample',
  'samples',
  'demo',
  'demos',
  'e2e',
  'integration-test',
  'integration-tests',
  'cypress',
  'playwright',
  'docs',
  'doc',
  'documentation',
  'template',
  'templates',
  'mock',
  'mocks',
  '__mocks__',
  'bench',
  'benchmark',
  'benchmarks',
  'stories',
  '.storybook'
]);

const BACKUP = /(\.(bak|orig|old|backup|save|swp|tmp|rej)|~)$/i;
/** Name parts of a file made for tests, not for a release. */
const TEST_PART = /^(test|tests|e2e|spec|ci|integration|testing)$/i;
/** Name parts of a file made for a developer's machine. */
const DEV_PART = /^(dev|develop|development|local|debug|devcontainer)$/i;

export interface ScopeConfig {
  include: string[];
  exclude: string[];
}

export interface Scope {
  /** Null when the path is in scope, else why it is not (for the log and the docs). */
  outOfScope(path: string): string | null;
  inScope(path: string): boolean;
}

/** The name parts of a file: `document.e2e.Dockerfile` -> document, e2e, dockerfile. */
function nameParts(path: string): string[] {
  return basenameOf(path)
    .split(/[.\-_]/)
    .filter(Boolean);
}

export function builtInReason(path: string): string | null {
  const segments = path.split('/');
  for (const dir of segments.slice(0, -1))
    if (OUT_OF_SCOPE_DIRS.has(dir.toLowerCase())) return `under ${dir}/`;
  const base = segments[segments.length - 1];
  if (BACKUP.test(base)) return 'a backup file';
  const parts = nameParts(path);
  // .env.test, .env.development: settings for tests and laptops, not the release's secrets
  if (/^\.env\./.test(base) && parts.some(p => TEST_PART.test(p) || DEV_PART.test(p)))
    return 'an env file for tests or development';
  const kindOfFile = isDockerfilePath(path) || isComposePath(path) || isShellScriptPath(path);
  if (kindOfFile && parts.some(p => TEST_PART.test(p))) return 'named for tests';
  if ((isDockerfilePath(path) || isComposePath(path)) && parts.some(p => DEV_PART.test(p)))
    return 'named for development';
  if ((isDockerfilePath(path) || isComposePath(path)) && segments.slice(0, -1).some(d => DEV_PART.test(d)))
    return 'in a folder for development';
  return null;
}

export function makeScope(config: ScopeConfig = { include: [], exclude: [] }): Scope {
  const include = config.include.length > 0 ? gitignoreMatcher(config.include.join('\n')) : null;
  const exclude = config.exclude.length > 0 ? gitignoreMatcher(config.exclude.join('\n')) : null;
  const cache = new Map<string, string | null>();
  const outOfScope = (path: string): string | null => {
    const known = cache.get(path);
    if (known !== undefined) return known;
    let reason: string | null;
    if (exclude?.ignores(path)) reason = 'excluded by validate.exclude';
    else if (include?.ignores(path)) reason = null;
    else reason = builtInReason(path);
    cache.set(path, reason);
    return reason;
  };
  return { outOfScope, inScope: path => outOfScope(path) === null };
}
