/**
 * What a child started on this machine (a local deploy's install step, PM2, the app, the app
 * validate boots) inherits: an allow-list, never the runner's whole environment with its tokens
 * (ACTIONS_RUNTIME_TOKEN, the cache and OIDC request tokens, secret inputs). Anything else is
 * passed by name (pass-env for a deploy, require-env for validate's boot).
 */
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TERM',
  'PM2_HOME'
]);

export function childEnvironment(
  source: NodeJS.ProcessEnv,
  passEnv: readonly string[] = []
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (ALLOWED.has(name) || name.startsWith('LC_') || passEnv.includes(name)) env[name] = value;
  }
  return env;
}
