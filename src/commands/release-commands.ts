import { execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode, messageOf } from '../errors.js';
import { gateOptions, parseGateConfig } from '../gate/config.js';
import { deploy, readState, ReleaseOutcome, Reporter, rollback } from '../release/deployer.js';
import { defaultReleaseId, validateReleaseId, validateSharedEntry } from '../platforms/host/layout.js';
import { jsonOption, OptionSpec } from '../options.js';
import {
  DeploymentRecorder,
  deploymentOptions,
  DeploymentsConfig,
  parseDeploymentsConfig
} from '../integrations/deployments.js';
import { NotifyConfig, notify, notifyOptions, parseNotifyConfig, runContext } from '../integrations/notify.js';
import { renderReleaseSummary, renderReleasesTable } from '../report/release-summary.js';
import {
  OpenedTarget,
  openTarget,
  ParsedTarget,
  parseTargetInputs,
  processOptions,
  targetOptions
} from '../platforms/host/open.js';
import { singleLine } from '../util/sanitize.js';
import { Command, CommandContext, CommandOutcome } from './types.js';

export { processOptions, targetOptions };

const deployOnly: OptionSpec[] = [
  { name: 'source', description: 'Directory whose contents become the release.', default: '.' },
  {
    name: 'release',
    description:
      'Release id ([A-Za-z0-9._-], at most 64). Default: UTC time and short commit, e.g. 20261122-051402-ab12cd3.'
  },
  {
    name: 'install-command',
    description:
      'Shell command run inside the new release before the switch (e.g. npm ci --omit=dev). A failure stops the deploy; nothing is switched.'
  },
  {
    name: 'shared',
    description:
      'Paths linked from shared/ into every release, comma or newline separated (.env, logs/). A trailing / marks a directory, created when missing.',
    multiple: true
  },
  {
    name: 'keep',
    description:
      'Good releases to keep; the current and the last good release are never removed, failed ones do not count.',
    default: '5'
  },
  {
    name: 'rollback-on-failure',
    description: 'Switch back to the last release that passed its gate when the new one fails.',
    default: 'true'
  }
];

const rollbackOnly: OptionSpec[] = [
  {
    name: 'to',
    description: 'previous (the last good release before current; never a failed one) or a release id.',
    default: 'previous'
  }
];

function gitCommit(dir: string): string | null {
  try {
    return (
      execFileSync('git', ['rev-parse', 'HEAD'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      }).trim() || null
    );
  } catch {
    return null;
  }
}

function who(sourceDir: string | null) {
  let actor = process.env.GITHUB_ACTOR ?? '';
  if (!actor) {
    try {
      actor = userInfo().username;
    } catch {
      actor = 'unknown';
    }
  }
  const commit = process.env.GITHUB_SHA || (sourceDir ? gitCommit(sourceDir) : null);
  return { actor, commit, runId: process.env.GITHUB_RUN_ID ?? null };
}

function outcomeFor(outcome: ReleaseOutcome, title: string, warnings: string[]): CommandOutcome {
  const passed = outcome.verdict === 'pass';
  const json = {
    release: outcome.release,
    previousRelease: outcome.previousRelease,
    verdict: outcome.verdict,
    rolledBack: outcome.rolledBack,
    restoredRelease: outcome.restoredRelease,
    reason: outcome.message,
    gate: outcome.gate,
    restoreGate: outcome.restoreGate,
    timings: outcome.timings,
    evidence: outcome.evidence
  };
  return {
    exitCode: passed ? ExitCode.Success : ExitCode.CheckFailed,
    json,
    text: `${passed ? 'OK' : 'FAILED'}: ${outcome.message}`,
    outputs: {
      release: outcome.release,
      'previous-release': outcome.previousRelease ?? '',
      verdict: outcome.verdict,
      reason: outcome.message,
      'elapsed-ms': String(outcome.gate.elapsedMs),
      'rolled-back': String(outcome.rolledBack),
      'restored-release': outcome.restoredRelease ?? ''
    },
    summary: renderReleaseSummary(outcome, title, warnings),
    failure: passed ? null : outcome.message
  };
}

/** Tells the configured channels about a failure, a rollback or a recovery; never throws. */
async function notifyOutcome(
  config: NotifyConfig,
  command: 'deploy' | 'rollback',
  outcome: ReleaseOutcome,
  lastDeployFailed: boolean,
  warn: (message: string) => void
): Promise<void> {
  const event =
    outcome.verdict === 'fail'
      ? 'failure'
      : command === 'rollback'
        ? 'rollback'
        : lastDeployFailed
          ? 'recovery'
          : null;
  if (!event) return;
  await notify(
    config,
    {
      event,
      command,
      ...runContext(),
      environment: config.environment,
      release: outcome.release,
      verdict: outcome.verdict,
      reason: outcome.message,
      restoredRelease: outcome.restoredRelease
    },
    warn
  );
}

/** The deploy's own deployment ends; the release a failed deploy was rolled back to is recorded too. */
async function recordDeployOutcome(
  recorder: DeploymentRecorder,
  id: number,
  outcome: ReleaseOutcome,
  commitOf: (release: string) => Promise<string | null>
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
      await commitOf(outcome.restoredRelease)
    );
  }
}

/** A rollback is a deployment of the release it switched to. */
async function recordRollback(
  config: DeploymentsConfig,
  outcome: ReleaseOutcome,
  warn: (message: string) => void,
  commitOf: (release: string) => Promise<string | null>
): Promise<void> {
  const recorder = await DeploymentRecorder.open(config, warn);
  await recorder.record(
    outcome.release,
    `shipgate rollback to ${outcome.release}`,
    outcome.verdict === 'pass' ? 'success' : 'failure',
    await commitOf(outcome.release)
  );
}

/** The commit a release on the target was deployed from (history.jsonl), when recorded. */
function commitOnTarget(opened: OpenedTarget): (release: string) => Promise<string | null> {
  return release =>
    readState(opened.target).then(
      state => state.releases.find(r => r.id === release)?.commit ?? null,
      () => null
    );
}

/** Saves what the post step needs to free the lock of a run that was cancelled mid-deploy. */
function reporter(context: CommandContext, opened: OpenedTarget): Reporter {
  return {
    log: context.log,
    warn: context.warn,
    lockHeld: createdAt =>
      context.saveState(
        'deploy-lock',
        createdAt ? JSON.stringify({ path: opened.target.layout.root, createdAt, ssh: opened.ssh }) : ''
      )
  };
}

/**
 * Opens the target for the duration of `use`: the SSH connection and key files never outlive it.
 * Warnings said meanwhile are collected for the job summary too.
 */
async function withTarget<T>(
  parsed: ParsedTarget,
  context: CommandContext,
  use: (opened: OpenedTarget, context: CommandContext, warnings: string[]) => Promise<T>
): Promise<T> {
  const warnings: string[] = [];
  const collecting: CommandContext = {
    ...context,
    warn: message => {
      warnings.push(message);
      context.warn(message);
    }
  };
  const opened = openTarget(parsed, collecting);
  try {
    return await use(opened, collecting, warnings);
  } finally {
    await opened.close();
  }
}

async function sizeKiB(dir: string): Promise<number> {
  let bytes = 0;
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) bytes += (await stat(path)).size;
    }
  };
  await walk(dir);
  return Math.ceil(bytes / 1024);
}

export const deployCommand: Command = {
  name: 'deploy',
  summary:
    'Upload a new release, switch current atomically, restart, gate it, and roll back to the last good release on failure.',
  options: [
    ...targetOptions,
    ...deployOnly,
    ...processOptions,
    ...gateOptions,
    ...notifyOptions,
    ...deploymentOptions,
    jsonOption
  ],
  async run(inputs, context) {
    // every input is checked before anything is written or connected
    const parsedTarget = parseTargetInputs(inputs, true);
    const gate = parseGateConfig(inputs);
    const sourceDir = resolve(singleLine(inputs.required('source'), 'source'));
    const identity = who(sourceDir);
    const releaseId = validateReleaseId(
      inputs.string('release') ?? defaultReleaseId(new Date(), identity.commit)
    );
    const shared = inputs
      .list('shared')
      .map(entry => (entry.endsWith('/') ? `${validateSharedEntry(entry)}/` : validateSharedEntry(entry)));
    const installCommand = inputs.string('install-command') ?? null;
    const keep = inputs.integer('keep', 1);
    const rollbackOnFailure = inputs.boolean('rollback-on-failure');
    const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
    const notifyConfig = parseNotifyConfig(inputs);
    const deployments = parseDeploymentsConfig(inputs);
    let sourceSizeKiB: number;
    try {
      sourceSizeKiB = await sizeKiB(sourceDir);
    } catch {
      throw new ConfigurationError(`'${sourceDir}' is not a readable directory`, 'source');
    }
    return withTarget(parsedTarget, context, async (opened, ctx, warnings) => {
      const recorder = deployments ? await DeploymentRecorder.open(deployments, ctx.warn) : null;
      const deploymentId = recorder && (await recorder.create(releaseId, `shipgate deploy ${releaseId}`));
      if (recorder && deploymentId !== null) {
        await recorder.status(deploymentId, 'in_progress', `uploading and gating ${releaseId}`);
      }
      const outcome = await deploy(
        opened.target,
        {
          ...identity,
          sourceDir,
          sourceSizeKiB,
          releaseId,
          shared,
          installCommand,
          keep,
          rollbackOnFailure,
          gate,
          lockTtlMs
        },
        reporter(ctx, opened)
      ).catch(async error => {
        if (recorder && deploymentId !== null)
          await recorder.status(deploymentId, 'failure', messageOf(error));
        // a deploy that stopped with an error (upload, lock, install, ssh) is a failed deploy too;
        // bad input (nothing was touched) is not news for the channels
        if (notifyConfig.channels.length > 0 && !(error instanceof ConfigurationError)) {
          await notify(
            notifyConfig,
            {
              event: 'failure',
              command: 'deploy',
              ...runContext(),
              environment: notifyConfig.environment,
              release: releaseId,
              verdict: 'fail',
              reason: messageOf(error),
              restoredRelease: null
            },
            ctx.warn
          );
        }
        throw error;
      });
      if (recorder && deploymentId !== null)
        await recordDeployOutcome(recorder, deploymentId, outcome, commitOnTarget(opened));
      if (notifyConfig.channels.length > 0) {
        // a pass right after a failed deploy is a recovery: the release before this one is bad
        const lastDeployFailed =
          outcome.verdict === 'pass' &&
          (await readState(opened.target).then(
            state => state.releases.filter(r => r.id !== outcome.release).at(-1)?.status === 'bad',
            () => false
          ));
        await notifyOutcome(notifyConfig, 'deploy', outcome, lastDeployFailed, ctx.warn);
      }
      return outcomeFor(outcome, 'Deploy', warnings);
    });
  }
};

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Switch current back to the last good release (or a named one), restart, and gate it.',
  options: [
    ...targetOptions,
    ...rollbackOnly,
    ...processOptions,
    ...gateOptions,
    ...notifyOptions,
    ...deploymentOptions,
    jsonOption
  ],
  async run(inputs, context) {
    const parsedTarget = parseTargetInputs(inputs, true);
    const gate = parseGateConfig(inputs);
    const to = inputs.required('to');
    if (to !== 'previous') validateReleaseId(to, 'to');
    const lockTtlMs = parseDuration(inputs.required('lock-expiry'), 'lock-expiry');
    const notifyConfig = parseNotifyConfig(inputs);
    const deployments = parseDeploymentsConfig(inputs);
    return withTarget(parsedTarget, context, async (opened, ctx, warnings) => {
      const outcome = await rollback(
        opened.target,
        { ...who(null), to, gate, lockTtlMs },
        reporter(ctx, opened)
      );
      if (deployments) await recordRollback(deployments, outcome, ctx.warn, commitOnTarget(opened));
      await notifyOutcome(notifyConfig, 'rollback', outcome, false, ctx.warn);
      return outcomeFor(outcome, 'Rollback', warnings);
    });
  }
};

export const releasesCommand: Command = {
  name: 'releases',
  summary:
    'List the releases on a target: which is current, which passed or failed their gate, who deployed what and when.',
  options: [...targetOptions, jsonOption],
  async run(inputs, context) {
    const state = await withTarget(parseTargetInputs(inputs, false), context, opened =>
      readState(opened.target)
    );
    const releases = [...state.releases].reverse();
    const json = {
      current: state.current,
      releases: releases.map(r => ({
        id: r.id,
        status: r.status,
        createdAt: r.createdAt,
        commit: r.commit,
        actor: r.actor,
        reason: r.lastReason
      }))
    };
    const lines = releases.map(
      r =>
        `${r.id === state.current ? '*' : ' '} ${r.id.padEnd(28)} ${r.status.padEnd(10)} ${(r.createdAt || '-').padEnd(24)} ${(r.commit ?? '-').slice(0, 7).padEnd(7)} ${r.actor ?? '-'}`
    );
    return {
      exitCode: ExitCode.Success,
      json,
      text: releases.length
        ? [
            `  ${'release'.padEnd(28)} ${'status'.padEnd(10)} ${'deployed at'.padEnd(24)} commit  by`,
            ...lines
          ].join('\n')
        : `no releases in ${inputs.required('path')}/releases`,
      outputs: { current: state.current ?? '', releases: JSON.stringify(json.releases) },
      summary: renderReleasesTable(state.current, releases),
      failure: null
    };
  }
};
