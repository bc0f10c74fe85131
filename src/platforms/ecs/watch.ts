/**
 * What ECS itself says during a gate, beside HTTP: a task of the revision that stops, the
 * deployment's rolloutState turning FAILED (ECS's own circuit breaker) or the deployment
 * replaced, a load balancer target of the revision turning unhealthy after it was healthy. Each
 * is one failure of the counter the gate watches, so any of them fails the gate at once. And
 * when the deployment alone serves: only then does the stability window count.
 */
import { SignalSource } from '../../gate/signals.js';
import { EcsApi, Task } from './api.js';

export interface WatchTarget {
  /** The revision being gated. */
  taskDefinitionArn: string;
  /** The deployment UpdateService made PRIMARY for it. */
  deploymentId: string | null;
  /** When the activation started: tasks that stopped before are not this gate's business. */
  since: Date;
  targetGroupArns: string[];
}

const short = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** One line for a stopped task: its reason, and the exit code of every container that has one. */
export function describeStoppedTask(task: Task): string {
  const containers = (task.containers ?? [])
    .filter(c => c.exitCode !== undefined || c.reason)
    .map(
      c =>
        `container ${c.name} ${c.exitCode !== undefined ? `exit code ${c.exitCode}` : 'no exit code'}${c.reason ? ` (${c.reason})` : ''}`
    );
  return `task ${short(task.taskArn ?? '?')} stopped: ${task.stopCode ? `${task.stopCode}: ` : ''}${task.stoppedReason ?? 'no reason given'}${containers.length ? `; ${containers.join('; ')}` : ''}`;
}

/** The ports (host ports, or ENI address and container port) a task's targets can be registered under. */
function targetKeys(task: Task): Set<string> {
  const keys = new Set<string>();
  for (const c of task.containers ?? []) {
    for (const b of c.networkBindings ?? []) if (b.hostPort) keys.add(`*:${b.hostPort}`);
    for (const n of c.networkInterfaces ?? [])
      if (n.privateIpv4Address) keys.add(`${n.privateIpv4Address}:*`);
  }
  return keys;
}

/**
 * A stopped task that counts against the gated deployment: one of its own tasks (ECS's startedBy
 * is the deployment id), stopped during this gate, and not by the scheduler scaling in. A restore
 * to a revision that still ran under an older deployment replaces those tasks: the old ones stop
 * with "Scaling activity initiated by (deployment ...)", and that is no failure.
 */
export function isFailureOf(
  task: Task,
  target: Pick<WatchTarget, 'taskDefinitionArn' | 'deploymentId'>,
  sinceMs: number
): boolean {
  if (task.taskDefinitionArn !== target.taskDefinitionArn) return false;
  if (target.deploymentId && task.startedBy && task.startedBy !== target.deploymentId) return false;
  if (/^Scaling activity initiated by/.test(task.stoppedReason ?? '')) return false;
  const began = task.stoppingAt ?? task.executionStoppedAt ?? task.stoppedAt;
  return (task.createdAt?.getTime() ?? 0) >= sinceMs || (began?.getTime() ?? 0) >= sinceMs;
}

export class EcsWatch implements SignalSource {
  readonly baseline = 0;
  readonly failures: string[] = [];
  private readonly seenStopped = new Set<string>();
  private readonly wasHealthy = new Set<string>();
  private readonly reportedUnhealthy = new Set<string>();
  private deploymentReported = false;

  constructor(
    private readonly api: EcsApi,
    private readonly target: WatchTarget
  ) {}

  get name(): string {
    const what = `ECS (stopped tasks, rollout state, target health) of ${short(this.target.taskDefinitionArn)}`;
    return this.failures.length ? `${what}: ${this.failures.join('; ')}` : what;
  }

  async read(): Promise<number> {
    await Promise.all([this.readDeployment(), this.readStopped(), this.readTargets()]);
    return this.failures.length;
  }

  private async readDeployment(): Promise<void> {
    if (this.deploymentReported || !this.target.deploymentId) return;
    const service = await this.api.describeService();
    const deployments = service.deployments ?? [];
    const mine = deployments.find(d => d.id === this.target.deploymentId);
    if (mine?.rolloutState === 'FAILED') {
      this.deploymentReported = true;
      this.failures.push(`deployment ${mine.id} FAILED: ${mine.rolloutStateReason ?? 'no reason given'}`);
    } else if (!mine) {
      const primary = deployments.find(d => d.status === 'PRIMARY');
      this.deploymentReported = true;
      this.failures.push(
        `deployment ${this.target.deploymentId} was replaced by ${primary?.id ?? 'another'} of ${short(primary?.taskDefinition ?? '?')}${primary?.rolloutStateReason ? ` (${primary.rolloutStateReason})` : ''}`
      );
    }
  }

  private async readStopped(): Promise<void> {
    const since = this.target.since.getTime();
    const stopped = await this.api.tasks('STOPPED', this.seenStopped);
    for (const task of stopped) {
      if (task.taskArn) this.seenStopped.add(task.taskArn);
      if (!isFailureOf(task, this.target, since)) continue;
      this.failures.push(describeStoppedTask(task));
    }
  }

  private async readTargets(): Promise<void> {
    if (this.target.targetGroupArns.length === 0) return;
    const running = (await this.api.tasks('RUNNING')).filter(
      t => t.taskDefinitionArn === this.target.taskDefinitionArn
    );
    const keys = new Map<string, string>();
    for (const task of running) for (const key of targetKeys(task)) keys.set(key, short(task.taskArn ?? '?'));
    for (const group of this.target.targetGroupArns) {
      for (const t of await this.api.targetHealth(group)) {
        const task = keys.get(`*:${t.port}`) ?? keys.get(`${t.id}:*`);
        if (!task) continue;
        const id = `${group} ${t.id}:${t.port}`;
        if (t.state === 'healthy') this.wasHealthy.add(id);
        else if (t.state === 'unhealthy' && this.wasHealthy.has(id) && !this.reportedUnhealthy.has(id)) {
          this.reportedUnhealthy.add(id);
          this.failures.push(
            `target ${t.id}:${t.port} of task ${task} turned unhealthy after it was healthy${t.reason ? ` (${t.reason})` : ''}`
          );
        }
      }
    }
  }

  /** The deployment alone serves: the only one left, at its desired count (old tasks drained and stopped). */
  async aloneServes(): Promise<boolean> {
    const service = await this.api.describeService();
    const deployments = service.deployments ?? [];
    if (deployments.length !== 1) return false;
    const only = deployments[0];
    if (
      this.target.deploymentId
        ? only.id !== this.target.deploymentId
        : only.taskDefinition !== this.target.taskDefinitionArn
    )
      return false;
    return (only.desiredCount ?? 0) > 0 && (only.runningCount ?? 0) >= (only.desiredCount ?? 0);
  }
}
