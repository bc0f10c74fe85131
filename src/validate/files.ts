import { basenameOf } from '../util/text.js';

/**
 * What kind of file a path is, by name only. Shared by the loader (which files to read) and the
 * parsing step (which parser to load), so that neither depends on a rule.
 */

/** `Dockerfile`, `dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Containerfile` (any case). */
export function isDockerfilePath(path: string): boolean {
  const base = basenameOf(path);
  return (
    /^(dockerfile|containerfile)(\.[\w.-]+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)
  );
}

export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isShellScriptPath(path: string): boolean {
  return /\.(sh|bash)$/.test(path) || /^(GNUmakefile|Makefile|makefile)$/.test(basenameOf(path));
}

/** ecosystem.config.js, ecosystem.config.cjs, pm2.json, ecosystem.yaml, ... */
export function isPm2ConfigPath(path: string): boolean {
  const base = basenameOf(path);
  return (
    /^(ecosystem|pm2|process)([.-][\w-]+)*\.(c?js|mjs|json|ya?ml)$/.test(base) &&
    !/^process\.(c?js|mjs)$/.test(base)
  );
}

/** docker-compose.yml, compose.yaml, docker-compose.prod.yml, ... */
export function isComposePath(path: string): boolean {
  return /^(docker-)?compose([.-][\w-]+)*\.ya?ml$/.test(basenameOf(path));
}

/** task-definition.json, taskdef.json, ecs-task-def.prod.json, .aws/*.json: candidates, confirmed by content. */
export function isTaskDefinitionCandidate(path: string): boolean {
  const base = basenameOf(path);
  return /\.json$/.test(base) && (/task[-_.]?def/i.test(base) || /(^|\/)\.aws\/[^/]+\.json$/.test(path));
}

export const ENV_EXAMPLE_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** Key files and env files that must never be baked into an image. */
export const SECRET_FILE =
  /^(\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?|.*\.(pem|p8|p12|pfx|key)|id_(rsa|dsa|ecdsa|ed25519)(\.\w+)?)$/;

/** Extensions of files no rule reads: most of a large tree, rejected before any other test. */
const NEVER_READ =
  /\.(ts|tsx|mts|cts|jsx|vue|svelte|md|mdx|css|scss|less|html|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|map|go|py|rb|rs|java|kt|php|cs|txt|lock|snap|csv|sql|graphql|proto)$/;

/** The files whose contents are read (the rest of the tree is only listed). */
export function isInterestingPath(path: string): boolean {
  if (NEVER_READ.test(path)) return false;
  const base = basenameOf(path);
  if (base === 'package.json') return true;
  if (!path.includes('/') && (/^tsconfig(\..+)?\.json$/.test(base) || base === '.gitignore')) return true;
  if (ENV_EXAMPLE_FILES.includes(base) || base === '.dockerignore') return true;
  return (
    isPm2ConfigPath(path) ||
    isDockerfilePath(path) ||
    isWorkflowPath(path) ||
    isShellScriptPath(path) ||
    isComposePath(path) ||
    isTaskDefinitionCandidate(path)
  );
}

export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';
