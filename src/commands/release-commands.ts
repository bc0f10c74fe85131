import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { gateOptions, parseGateConfig } from '../gate/config.js';
import { deploy, readState, ReleaseOutcome, rollback, Target } from '../release/deployer.js';
import {
  defaultReleaseId,
  Layout,
  validateAppName,
  validateDeployPath,
  validateReleaseId,
  validateSharedEntry
} from '../release/layout.js';
import { Inputs, jsonOption, OptionSpec } from '../options.js';
import { renderReleaseSummary, renderReleasesTable } from '../report/release-summary.js';
import { CommandProcessManager } from '../targets/command.js';
import { LocalHost } from '../targets/local.js';
import { Pm2ProcessManager } from '../targets/pm2.js';
import { ProcessManager } from '../targets/process-manager.js';
import { Command, CommandContext, CommandOutcome } from './types.js';

export const targetOptions: OptionSpec[] = [
  {
    name: 'target',
    description: 'Where releases live: local (this machine). ssh comes with the SSH target.',
    default: 'local'
  },
  {
    name: 'path',
    description:
      'Deploy root on the target: releases/, current, shared/ and .shipgate/ live under it (absolute path).'
  }
];

export const processOptions: OptionSpec[] = [
  {
    name: 'process',
    description: 'Process manager: pm2, or command (run restart-command; gated by HTTP only).',
    default: 'pm2'
  },
  {
    name: 'pm2-config',
    description: 'PM2 ecosystem file inside the release (.cjs, .js, .mjs or .json).',
    default: 'ecosystem.config.cjs'
  },
  { name: 'app', description: 'PM2 app name in the ecosystem file (needed when it defines several).' },
  {
    name: 'pm2-bin',
    description:
      'The pm2 executable on the target, when it is not on the PATH of a plain shell (nvm installs).',
    default: 'pm2'
  },
  {
    name: 'restart-command',
    description:
      'With process: command. Shell command run in the new release after the switch (systemctl restart app, docker compose up -d).'
  },
  {
    name: 'lock-expiry',
    description:
      'A deploy lock older than this is considered abandoned and broken (with a warning naming its owner).',
    default: '30m'
  }
];

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

/** Parses target and process flags into a Target; throws ConfigurationError before touching anything. */
export function parseTarget(inputs: Inputs, withProcess: boolean): Target {
  const targetKind = inputs.required('target');
  if (targetKind !== 'local') {
    if (targetKind === 'ssh')
      throw new ConfigurationError(
        'the ssh target is not available in this version yet; use local',
        'target'
      );
    throw new ConfigurationError(`'${targetKind}' is not a target (local)`, 'target');
  }
  const layout = new Layout(validateDeployPath(inputs.required('path')));
  const host = new LocalHost();
  let processManager: ProcessManager = new CommandProcessManager('true');
  if (withProcess) {
    const kind = inputs.required('process');
    if (kind === 'pm2') {
      if (inputs.has('restart-command'))
        throw new ConfigurationError(
          'restart-command goes with process: command, not pm2',
          'restart-command'
        );
      const app = inputs.string('app');
      const configFile = inputs.required('pm2-config');
      if (configFile.startsWith('/') || configFile.split('/').includes('..'))
        throw new ConfigurationError('must be a path inside the release', 'pm2-config');
      processManager = new Pm2ProcessManager({
        bin: inputs.required('pm2-bin'),
        configFile,
        app: app ? validateAppName(app) : null,
        stateDir: `${layout.meta}/pm2`
      });
    } else if (kind === 'command') {
      processManager = new CommandProcessManager(inputs.required('restart-command'));
    } else {
      throw new ConfigurationError(`'${kind}' is not a process manager (pm2, command)`, 'process');
    }
  }
  return { host, layout, processManager };
}

function outcomeFor(outcome: ReleaseOutcome, title: string): CommandOutcome {
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
    summary: renderReleaseSummary(outcome, title),
    failure: passed ? null : outcome.message
  };
}

function reporter(context: CommandContext) {
  return { log: context.log, warn: context.warn };
}

export const deployCommand: Command = {
  name: 'deploy',
  summary:
    'Upload a new release, switch current atomically, restart, gate it, and roll back to the last good release on failure.',
  options: [...targetOptions, ...deployOnly, ...processOptions, ...gateOptions, jsonOption],
  async run(inputs, context) {
    const target = parseTarget(inputs, true);
    const gate = parseGateConfig(inputs);
    const sourceDir = resolve(inputs.required('source'));
    const identity = who(sourceDir);
    const releaseId = validateReleaseId(
      inputs.string('release') ?? defaultReleaseId(new Date(), identity.commit)
    );
    const outcome = await deploy(
      target,
      {
        ...identity,
        sourceDir,
        releaseId,
        shared: inputs
          .list('shared')
          .map(entry =>
            entry.endsWith('/') ? `${validateSharedEntry(entry)}/` : validateSharedEntry(entry)
          ),
        installCommand: inputs.string('install-command') ?? null,
        keep: inputs.integer('keep', 1),
        rollbackOnFailure: inputs.boolean('rollback-on-failure'),
        gate,
        lockTtlMs: parseDuration(inputs.required('lock-expiry'), 'lock-expiry')
      },
      reporter(context)
    );
    return outcomeFor(outcome, 'Deploy');
  }
};

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Switch current back to the last good release (or a named one), restart, and gate it.',
  options: [...targetOptions, ...rollbackOnly, ...processOptions, ...gateOptions, jsonOption],
  async run(inputs, context) {
    const target = parseTarget(inputs, true);
    const gate = parseGateConfig(inputs);
    const to = inputs.required('to');
    if (to !== 'previous') validateReleaseId(to, 'to');
    const outcome = await rollback(
      target,
      { ...who(null), to, gate, lockTtlMs: parseDuration(inputs.required('lock-expiry'), 'lock-expiry') },
      reporter(context)
    );
    return outcomeFor(outcome, 'Rollback');
  }
};

export const releasesCommand: Command = {
  name: 'releases',
  summary:
    'List the releases on a target: which is current, which passed or failed their gate, who deployed what and when.',
  options: [...targetOptions, jsonOption],
  async run(inputs) {
    const target = parseTarget(inputs, false);
    const state = await readState(target);
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
        : `no releases in ${target.layout.releases}`,
      outputs: { current: state.current ?? '', releases: JSON.stringify(json.releases) },
      summary: renderReleasesTable(state.current, releases),
      failure: null
    };
  }
};
