/**
 * What deploy, rollback and releases share around the release algorithm: the target options,
 * opening the platform for the length of one command, the interrupt handlers, the reporter that
 * tells the post step what to clean up, the announcement (notifications, Deployments) and the
 * mapping of an outcome to exit code, JSON, outputs and summary.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { ExitCode, messageOf } from '../errors.js';
import { DeploymentsConfig, recordRollback } from '../integrations/deployments.js';
import { releaseEvent, releaseNotification } from '../integrations/events.js';
import { notify, NotifyConfig } from '../integrations/notify.js';
import { openHostPlatform, OpenedHostPlatform, ParsedTarget } from '../platforms/host/open.js';
import type { EcsPlatform } from '../platforms/ecs/platform.js';
import { EcsTarget } from '../platforms/ecs/target.js';
import { Identity, Reporter } from '../release/steps.js';
import { ReleaseOutcome } from '../release/outcome.js';
import { renderReleaseSummary } from '../report/release-summary.js';
import { RunContext, StateKey } from '../runner.js';
import { CommandContext, CommandOutcome } from './types.js';

export function gitCommit(dir: string): string | null {
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

/** Who runs this: the GitHub actor and commit in Actions, the local user and the source's git HEAD outside. */
export function identity(run: RunContext, sourceDir: string | null): Identity {
  let actor = run.actor ?? '';
  if (!actor) {
    try {
      actor = userInfo().username;
    } catch {
      actor = 'unknown';
    }
  }
  return { actor, commit: run.sha || (sourceDir ? gitCommit(sourceDir) : null), runId: run.runId };
}

export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * SIGINT (Ctrl-C, a cancelled run) and SIGTERM stop the deploy, which restores what it switched
 * before it ends: the runner allows seconds between its signals, not a gate. A second SIGINT
 * ends the process at once.
 */
export function interruptHandlers(log: (line: string) => void): Interrupt {
  const controller = new AbortController();
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => () => {
    if (controller.signal.aborted) {
      if (name === 'SIGINT') {
        log('interrupted again: stopping at once; the target may be left mid-switch (run shipgate releases)');
        process.exit(130);
      }
      return;
    }
    log(`interrupted by ${name}: restoring what this run switched, then stopping`);
    controller.abort(name);
  };
  const int = onSignal('SIGINT');
  const term = onSignal('SIGTERM');
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
    }
  };
}

export interface Session {
  opened: OpenedHostPlatform;
  context: CommandContext;
  reporter: Reporter;
  /** Warnings said during the command, for the job summary. */
  warnings: string[];
}

/**
 * Opens the platform for the duration of `use`: the SSH connection and key files never outlive
 * it, interrupts are handled, and the post step is told what to free if main is killed.
 */
export async function withSession<T>(
  parsed: ParsedTarget,
  context: CommandContext,
  options: Parameters<typeof openHostPlatform>[2] & { interruptible: boolean },
  use: (session: Session) => Promise<T>
): Promise<T> {
  const warnings: string[] = [];
  const collecting: CommandContext = {
    ...context,
    warn: message => {
      warnings.push(message);
      context.warn(message);
    }
  };
  const interrupt = options.interruptible ? interruptHandlers(context.log) : null;
  const io = {
    log: collecting.log,
    warn: collecting.warn,
    saveState: collecting.saveState,
    run: context.run
  };
  try {
    const opened = await openHostPlatform(parsed, io, { ...options, signal: interrupt?.signal });
    const ssh = opened.transport.ssh;
    const reporter: Reporter = {
      log: collecting.log,
      warn: collecting.warn,
      signal: interrupt?.signal,
      lockHeld: createdAt =>
        collecting.saveState(
          StateKey.DeployLock,
          createdAt ? JSON.stringify({ path: opened.layout.root, createdAt, ssh }) : ''
        ),
      switching: state => collecting.saveState(StateKey.Switching, state ? JSON.stringify(state) : '')
    };
    try {
      return await use({ opened, context: collecting, reporter, warnings });
    } finally {
      await opened.transport.close();
    }
  } finally {
    interrupt?.dispose();
  }
}

/** What a deploy or rollback tells beside its outcome: the log, the channels, GitHub Deployments. */
export interface Announcing {
  reporter: Reporter;
  context: CommandContext;
  notifyConfig: NotifyConfig;
  deployments: DeploymentsConfig | null;
  warnings: string[];
}

export interface EcsSession {
  platform: EcsPlatform;
  context: CommandContext;
  reporter: Reporter;
  warnings: string[];
}

/**
 * The ECS platform for the duration of `use` (the SDK is loaded only now). The lock lives on the
 * service with its own expiry; the post step has nothing to free on the runner.
 */
export async function withEcsSession<T>(
  target: EcsTarget,
  context: CommandContext,
  options: { interruptible: boolean; who: Identity },
  use: (session: EcsSession) => Promise<T>
): Promise<T> {
  const warnings: string[] = [];
  const collecting: CommandContext = {
    ...context,
    warn: message => {
      warnings.push(message);
      context.warn(message);
    }
  };
  const interrupt = options.interruptible ? interruptHandlers(context.log) : null;
  try {
    const { openEcsPlatform } = await import('../platforms/ecs/open.js');
    const platform = await openEcsPlatform(target, options.who, collecting.warn);
    const reporter: Reporter = { log: collecting.log, warn: collecting.warn, signal: interrupt?.signal };
    try {
      return await use({ platform, context: collecting, reporter, warnings });
    } finally {
      await platform.close();
    }
  } finally {
    interrupt?.dispose();
  }
}

/** 130 / 143 for a run stopped by SIGINT / SIGTERM, as a shell reports them. */
export function exitCodeOf(outcome: ReleaseOutcome): number {
  if (outcome.interrupted) return outcome.interrupted === 'SIGTERM' ? 143 : 130;
  return outcome.verdict === 'pass' ? ExitCode.Success : ExitCode.CheckFailed;
}

export function outcomeFor(outcome: ReleaseOutcome, title: string, warnings: string[]): CommandOutcome {
  const passed = outcome.verdict === 'pass';
  const json = {
    release: outcome.release,
    previousRelease: outcome.previousRelease,
    verdict: outcome.verdict,
    rolledBack: outcome.rolledBack,
    restoredRelease: outcome.restoredRelease,
    reason: outcome.message,
    interrupted: outcome.interrupted,
    ...outcome.facts,
    gate: outcome.gate,
    restoreGate: outcome.restoreGate,
    timings: outcome.timings,
    evidence: outcome.evidence
  };
  return {
    exitCode: exitCodeOf(outcome) as ExitCode,
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
export async function announce(
  outcome: ReleaseOutcome,
  config: NotifyConfig,
  run: RunContext,
  warn: (message: string) => void
): Promise<void> {
  const event = releaseEvent(outcome);
  if (!event || config.channels.length === 0) return;
  await notify(
    config,
    releaseNotification(outcome, event, {
      repository: run.repository,
      runUrl: run.runUrl,
      environment: config.environment
    }),
    warn
  );
}

/** A deploy that stopped with an error (upload, lock, install, ssh) is a failed deploy for the channels too. */
export async function announceError(
  error: unknown,
  command: 'deploy' | 'rollback',
  release: string | null,
  config: NotifyConfig,
  run: RunContext,
  warn: (message: string) => void
): Promise<void> {
  if (config.channels.length === 0) return;
  await notify(
    config,
    {
      event: 'failure',
      command,
      repository: run.repository,
      runUrl: run.runUrl,
      environment: config.environment,
      release,
      verdict: 'fail',
      reason: messageOf(error),
      restoredRelease: null
    },
    warn
  );
}

export async function recordRollbackDeployment(
  config: DeploymentsConfig | null,
  outcome: ReleaseOutcome,
  warn: (message: string) => void
): Promise<void> {
  if (config) await recordRollback(config, outcome, warn);
}
