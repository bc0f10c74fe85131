import type { getOctokit } from '@actions/github';
import { ConfigurationError, messageOf } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';
import type { ReleaseOutcome } from '../release/outcome.js';
import { RunContext } from '../runner.js';
import { redact } from '../util/redact.js';

/**
 * GitHub Deployments for deploy and rollback: one deployment per release switched to, with the
 * statuses in_progress, then success or failure, the environment URL and the run's log URL.
 * Earlier deployments of the environment are marked inactive when a new one succeeds (GitHub's
 * auto_inactive skips production environments, so shipgate does it itself). A rollback, and the
 * release a failed deploy was rolled back to, are recorded as deployments of the restored release.
 * Like notifications, a failing API call is a warning: it never fails or blocks a deploy.
 */

export const deploymentOptions: OptionSpec[] = [
  {
    name: 'github-token',
    description:
      'GitHub Deployments: a token with deployments: write (usually github.token). With environment, each deploy and rollback is recorded as a deployment.',
    secret: true
  },
  {
    name: 'environment-url',
    description:
      'GitHub Deployments: the URL shown on the deployment and the environment (the app, not its health URL).'
  }
];

export interface DeploymentsConfig {
  token: string;
  owner: string;
  repo: string;
  environment: string;
  environmentUrl: string | null;
  logUrl: string | null;
  /** The commit the release was built from. */
  ref: string;
  /** Bound of each API call. */
  timeoutMs: number;
  /** api.github.com, a GitHub Enterprise Server, or a local mock in the tests. */
  apiUrl: string;
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive';

/** Null when deployments are not asked for (no token or no environment). */
export function parseDeploymentsConfig(inputs: Inputs, run: RunContext): DeploymentsConfig | null {
  const token = inputs.string('github-token');
  const environment = inputs.string('environment');
  if (!token) return null;
  if (!environment) throw new ConfigurationError('is required with github-token', 'environment');
  const [owner, repo] = (run.githubRepository ?? '').split('/');
  if (!owner || !repo) {
    throw new ConfigurationError(
      'needs GITHUB_REPOSITORY (owner/repo) to record deployments',
      'github-token'
    );
  }
  const environmentUrl = inputs.string('environment-url') ?? null;
  if (environmentUrl && !/^https?:\/\//.test(environmentUrl)) {
    throw new ConfigurationError('must be an http or https URL', 'environment-url');
  }
  const logUrl = run.runUrl;
  return {
    token,
    owner,
    repo,
    environment,
    environmentUrl,
    logUrl,
    ref: run.sha || run.ref || 'HEAD',
    timeoutMs: 10_000,
    apiUrl: run.apiUrl
  };
}

type Octokit = ReturnType<typeof getOctokit>;

/** One deployment of one release: created, then its statuses. Every call is a warning at worst. */
export class DeploymentRecorder {
  /** The time all API calls of one run may take together: the Deployments API never delays a deploy by more. */
  static readonly BUDGET_MS = 30_000;
  private spentMs = 0;
  private budgetWarned = false;

  private constructor(
    private readonly config: DeploymentsConfig,
    private readonly warn: (message: string) => void,
    private readonly octokit: Octokit
  ) {}

  /** @actions/github (octokit) is loaded only when deployments are recorded: other runs start faster. */
  static async open(config: DeploymentsConfig, warn: (message: string) => void): Promise<DeploymentRecorder> {
    const { getOctokit } = await import('@actions/github');
    return new DeploymentRecorder(config, warn, getOctokit(config.token, { baseUrl: config.apiUrl }));
  }

  private get repo() {
    return { owner: this.config.owner, repo: this.config.repo };
  }

  private async call<T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const remaining = DeploymentRecorder.BUDGET_MS - this.spentMs;
    if (remaining <= 0) {
      if (!this.budgetWarned) {
        this.budgetWarned = true;
        this.warn(
          `GitHub Deployments: the ${DeploymentRecorder.BUDGET_MS / 1000} s budget of this run is used up; skipping ${what} and what follows`
        );
      }
      return null;
    }
    const started = Date.now();
    try {
      return await run(AbortSignal.timeout(Math.min(this.config.timeoutMs, remaining)));
    } catch (error) {
      const status = (error as { status?: number }).status;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message;
      const why = redact(`${messageOf(error)}${detail ? ` (${detail})` : ''}`, [this.config.token]);
      this.warn(`GitHub Deployments: ${what} failed${status ? ` (HTTP ${status})` : ''}: ${why}`);
      return null;
    } finally {
      this.spentMs += Date.now() - started;
    }
  }

  /** Creates the deployment of `release`; null when the API refused (then statuses are skipped). */
  /** `ref`: the commit the release was built from, when known (a restored release is not this run's commit). */
  async create(release: string, description: string, ref: string = this.config.ref): Promise<number | null> {
    const created = await this.call('creating the deployment', signal =>
      this.octokit.rest.repos.createDeployment({
        ...this.repo,
        ref,
        environment: this.config.environment,
        description: description.slice(0, 140),
        // shipgate's own gate decides; commit statuses and merging are not its business
        auto_merge: false,
        required_contexts: [],
        payload: { release, tool: 'shipgate' },
        production_environment: /^prod/i.test(this.config.environment),
        request: { signal }
      })
    );
    const id = created && 'id' in created.data ? created.data.id : null;
    if (created && id === null)
      this.warn(`GitHub Deployments: not created: ${JSON.stringify(created.data).slice(0, 200)}`);
    return id;
  }

  async status(id: number, state: DeploymentState, description: string): Promise<void> {
    await this.call(`setting ${state}`, signal =>
      this.octokit.rest.repos.createDeploymentStatus({
        ...this.repo,
        deployment_id: id,
        state,
        description: description.slice(0, 140),
        environment: this.config.environment,
        ...(this.config.environmentUrl ? { environment_url: this.config.environmentUrl } : {}),
        ...(this.config.logUrl ? { log_url: this.config.logUrl } : {}),
        auto_inactive: true,
        request: { signal }
      })
    );
  }

  /** Marks the environment's earlier deployments that are still active (last state success) inactive. */
  async deactivateOthers(current: number): Promise<void> {
    const list = await this.call('listing deployments', signal =>
      this.octokit.rest.repos.listDeployments({
        ...this.repo,
        environment: this.config.environment,
        per_page: 10,
        request: { signal }
      })
    );
    for (const deployment of list?.data ?? []) {
      if (deployment.id === current) continue;
      const statuses = await this.call('reading a deployment status', signal =>
        this.octokit.rest.repos.listDeploymentStatuses({
          ...this.repo,
          deployment_id: deployment.id,
          per_page: 1,
          request: { signal }
        })
      );
      if (statuses?.data[0]?.state === 'success') {
        await this.status(deployment.id, 'inactive', `superseded by deployment ${current}`);
      }
    }
  }

  /** A deployment of `release` that ends in `state` at once (a restored release, a rollback). */
  async record(
    release: string,
    description: string,
    state: 'success' | 'failure',
    ref?: string | null
  ): Promise<void> {
    const id = await this.create(release, description, ref ?? undefined);
    if (id === null) return;
    await this.status(id, state, description);
    if (state === 'success') await this.deactivateOthers(id);
  }
}

/** The deploy's own deployment ends; the release a failed deploy was rolled back to is recorded too. */
export async function recordDeployOutcome(
  recorder: DeploymentRecorder,
  id: number,
  outcome: ReleaseOutcome
): Promise<void> {
  if (outcome.verdict === 'pass') {
    await recorder.status(id, 'success', `${outcome.release} passed its gate`);
    await recorder.deactivateOthers(id);
    return;
  }
  await recorder.status(id, 'failure', outcome.message);
  if (outcome.rolledBack && outcome.restoredRelease) {
    const restored = outcome.restoreGate?.verdict === 'pass';
    await recorder.record(
      outcome.restoredRelease,
      `rolled back to ${outcome.restoredRelease} after ${outcome.release} failed`,
      restored ? 'success' : 'failure',
      outcome.restoredCommit
    );
  }
}

/** A rollback is a deployment of the release it switched to, at that release's own commit. */
export async function recordRollback(
  config: DeploymentsConfig,
  outcome: ReleaseOutcome,
  warn: (message: string) => void
): Promise<void> {
  const recorder = await DeploymentRecorder.open(config, warn);
  await recorder.record(
    outcome.release,
    `shipgate rollback to ${outcome.release}`,
    outcome.verdict === 'pass' ? 'success' : 'failure',
    outcome.commit
  );
}
