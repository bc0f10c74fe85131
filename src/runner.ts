/**
 * The run's environment, read once at the edge (main.ts, cli.ts, post.ts) and passed down,
 * and the keys main and post use to talk: no module reads process.env for these, and no state
 * key is spelled twice.
 */

/** Keys of the action's saved state (core.saveState in main, core.getState in post). */
export const StateKey = {
  /** The command main ran: post runs that command's post hook. */
  Command: 'command',
  /** The deploy lock this run holds: {path, createdAt, ssh}; post frees it when main was cancelled. */
  DeployLock: 'deploy-lock',
  /** A release taking traffic without a verdict yet: {release, restoreTo}; post finishes the restore. */
  Switching: 'switching',
  /** Private folders with the SSH key, known hosts and control socket: post removes them. */
  SshTempDirs: 'ssh-temp-dir',
  /** The cache plan main restored: post saves. */
  CachePlan: 'cache-plan'
} as const;
export type StateKey = (typeof StateKey)[keyof typeof StateKey];

export interface RunContext {
  /** owner/repo, or the folder name outside Actions. */
  repository: string;
  /** GITHUB_REPOSITORY as the runner gives it (owner/repo), or null outside Actions. */
  githubRepository: string | null;
  /** GITHUB_WORKSPACE, or the working directory outside Actions. */
  workspace: string;
  /** ACTIONS_CACHE_MODE (read, write, read-write), or null. */
  cacheMode: string | null;
  /** The run's page (with the attempt when it is not the first), or null outside Actions. */
  runUrl: string | null;
  runId: string | null;
  sha: string | null;
  ref: string | null;
  actor: string | null;
  apiUrl: string;
  serverUrl: string;
  /** Where temporary files of the run go (RUNNER_TEMP), or null. */
  runnerTemp: string | null;
  /** Whether this runs inside GitHub Actions. */
  actions: boolean;
  version: string;
  /** SHIPGATE_RSYNC_BWLIMIT: an upload bandwidth limit in KiB/s (0: none), so a test can cut an upload mid-way. */
  rsyncBwlimitKiB: number;
}

export const VERSION = '0.2.0';

export function readRunContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunContext {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || cwd.split('/').pop() || 'unknown';
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` +
        (env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1'
          ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
          : '')
      : null;
  return {
    repository,
    githubRepository: env.GITHUB_REPOSITORY || null,
    workspace: env.GITHUB_WORKSPACE || cwd,
    cacheMode: env.ACTIONS_CACHE_MODE || null,
    runUrl,
    runId: env.GITHUB_RUN_ID || null,
    sha: env.GITHUB_SHA || null,
    ref: env.GITHUB_REF || null,
    actor: env.GITHUB_ACTOR || null,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: server,
    runnerTemp: env.RUNNER_TEMP || null,
    actions: env.GITHUB_ACTIONS === 'true',
    version: env.SHIPGATE_VERSION || VERSION,
    rsyncBwlimitKiB: Number(env.SHIPGATE_RSYNC_BWLIMIT || 0) || 0
  };
}

/** What lower layers may do to the outside world while a command runs. */
export interface RunIo {
  log: (line: string) => void;
  warn: (message: string) => void;
  /** State for the action's post step (no-op in the CLI). */
  saveState: (key: StateKey, value: string) => void;
  run: RunContext;
}
