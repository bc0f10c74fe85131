/**
 * The ECS platform: a release is a task definition revision (tagged with its release id and
 * commit), activating it is UpdateService, and the gate watches ECS itself beside the public URL
 * (watch.ts), its window counting only once the new deployment alone serves.
 */
import { hostname } from 'node:os';
import { ConfigurationError, OperationError } from '../../errors.js';
import {
  Activation,
  ActivationContext,
  FailureEvidence,
  Inventory,
  Log,
  Platform
} from '../../release/ports.js';
import { AwsClients } from './aws.js';
import { EcsApi, familyOf, revisionOf, TaskDefinition } from './api.js';
import { collectEcsEvidence } from './evidence.js';
import { EcsRecords, EcsStore, idOf } from './store.js';
import { releaseTags, TAG } from './tags.js';
import { EcsTarget, READ_ONLY_FIELDS } from './target.js';
import { EcsWatch } from './watch.js';

export interface EcsPlatformOptions {
  target: EcsTarget;
  who: { actor: string; commit: string | null; runId: string | null };
  warn: (message: string) => void;
  /** How long a written lock settles before it is read back. */
  lockSettleMs?: number;
}

const short = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export class EcsPlatform implements Platform {
  readonly kind = 'ecs';
  readonly description: string;
  readonly store: EcsStore;
  private readonly records: EcsRecords;
  /** Revisions this run registered, by release id. */
  private readonly staged = new Map<string, string>();
  /** When each release was last activated: its evidence starts there. */
  private readonly activatedAt = new Map<string, Date>();

  constructor(
    private readonly aws: AwsClients,
    private readonly api: EcsApi,
    private readonly options: EcsPlatformOptions
  ) {
    this.records = new EcsRecords(api);
    this.store = new EcsStore(this.records, hostname(), options.lockSettleMs);
    this.description = this.store.description;
  }

  async preflight(log: Log): Promise<void> {
    const service = await this.records.service();
    const lbs = service.loadBalancers ?? [];
    log(
      `target: ${this.description}: ${short(service.taskDefinition ?? '?')}, ${service.runningCount ?? 0}/${service.desiredCount ?? 0} running, ${lbs.length ? `${lbs.length} target group(s)` : 'no load balancer'}, grace ${service.healthCheckGracePeriodSeconds ?? 0} s`
    );
    if (lbs.length > 0 && !service.healthCheckGracePeriodSeconds)
      this.options.warn(
        `the service's health check grace period is 0 behind a load balancer: a task that is still starting fails its load balancer checks and is replaced (outage 2 needed 120 s). Set healthCheckGracePeriodSeconds to longer than your app's start.`
      );
  }

  private async targetGroups(): Promise<string[]> {
    return ((await this.records.service()).loadBalancers ?? [])
      .map(lb => lb.targetGroupArn)
      .filter((a): a is string => Boolean(a));
  }

  async inventory(): Promise<Inventory> {
    const service = await this.records.service();
    const revisions = await this.records.revisions();
    const currentArn = service.taskDefinition ?? null;
    const current = revisions.find(r => r.arn === currentArn) ?? null;
    const present = revisions
      .filter(r => r.release !== null || r.arn === currentArn)
      .map(r => ({ id: idOf(r), madeAt: r.tags.find(t => t.key === TAG.deployedAt)?.value ?? '' }));
    return { current: current ? idOf(current) : null, present };
  }

  async stage(releaseId: string, log: Log): Promise<void> {
    const source = this.options.target.source;
    if (!source) throw new Error('internal: stage without an image or task definition');
    const service = await this.records.service();
    const currentArn = service.taskDefinition ?? '';
    let input: Record<string, unknown>;
    let what: string;
    if (source.kind === 'file') {
      input = { ...source.definition };
      if (input.family !== familyOf(currentArn))
        throw new ConfigurationError(
          `the task definition's family '${String(input.family)}' is not the service's ('${familyOf(currentArn)}'): releases of a service are revisions of one family`,
          'task-definition'
        );
      what = `from ${source.file}`;
    } else {
      const { taskDefinition } = await this.api.describeTaskDefinition(currentArn);
      input = withImage(taskDefinition, source.image, source.container);
      what = `from ${short(currentArn)} with image ${source.image}`;
    }
    const own = Array.isArray(input.tags) ? (input.tags as Array<{ key?: string; value?: string }>) : [];
    delete input.tags;
    const tags = [
      ...own.filter(t => t.key && !t.key.startsWith('shipgate:')).map(t => ({ key: t.key, value: t.value })),
      ...releaseTags(releaseId, this.options.who, new Date().toISOString())
    ];
    const registered = await this.api.registerTaskDefinition(input, tags);
    const arn = registered.taskDefinitionArn!;
    this.staged.set(releaseId, arn);
    await this.records.add({ arn, revision: revisionOf(arn), release: releaseId, tags });
    log(`stage: registered ${short(arn)} for release ${releaseId} (${what})`);
  }

  async discardStaged(releaseId: string): Promise<void> {
    const arn = this.staged.get(releaseId);
    if (!arn) return;
    await this.api.deregisterTaskDefinition(arn);
    await this.records.forget(arn);
    this.staged.delete(releaseId);
  }

  async checkActivatable(releaseId: string): Promise<void> {
    if (!(await this.records.arnOf(releaseId)))
      throw new ConfigurationError(
        `release ${releaseId} has no ACTIVE task definition revision on ${this.description}`,
        'to'
      );
  }

  async activate(releaseId: string, context: ActivationContext): Promise<Activation> {
    const arn = await this.records.arnOf(releaseId);
    if (!arn)
      throw new OperationError(`release ${releaseId} has no task definition revision on ${this.description}`);
    const start = performance.now();
    const since = new Date();
    this.activatedAt.set(releaseId, since);
    const service = await this.api.updateService(arn);
    const primary = (service.deployments ?? []).find(d => d.status === 'PRIMARY' && d.taskDefinition === arn);
    context.log(
      `switch: UpdateService ${this.options.target.service} -> ${short(arn)}${primary?.id ? ` (deployment ${primary.id})` : ''}`
    );
    const switchMs = Math.round(performance.now() - start);
    const facts = { taskDefinition: arn };
    if (context.quick) {
      return {
        gate: {
          verdict: 'pass',
          reason: `UpdateService to ${short(arn)} accepted (not gated)`,
          elapsedMs: 0,
          detectedAtMs: null,
          probes: []
        },
        switchMs,
        facts
      };
    }
    const watch = new EcsWatch(this.api, {
      taskDefinitionArn: arn,
      deploymentId: primary?.id ?? null,
      since,
      targetGroupArns: await this.targetGroups()
    });
    const gate = await context.gate({ signals: [watch], readyForWindow: () => watch.aloneServes() });
    return { gate, switchMs, facts };
  }

  async evidence(releaseId: string): Promise<FailureEvidence> {
    const arn = await this.records.arnOf(releaseId);
    if (!arn) return { restarts: null, source: null, lines: [], details: [] };
    return collectEcsEvidence(this.api, arn, this.activatedAt.get(releaseId) ?? null);
  }

  async discard(releaseIds: string[], log: Log): Promise<void> {
    const service = await this.records.service(true);
    for (const id of releaseIds) {
      const arn = await this.records.arnOf(id);
      // never the revision that serves, whatever the record says
      if (!arn || arn === service.taskDefinition) continue;
      await this.api.deregisterTaskDefinition(arn);
      await this.records.forget(arn);
      log(`prune: deregistered ${short(arn)} (release ${id})`);
    }
  }

  async close(): Promise<void> {
    this.aws.close();
  }
}

/** A registrable copy of a revision with one container's image replaced. */
export function withImage(
  definition: TaskDefinition,
  image: string,
  container: string | null
): Record<string, unknown> {
  const input: Record<string, unknown> = { ...(definition as Record<string, unknown>) };
  for (const field of READ_ONLY_FIELDS) delete input[field];
  const containers = definition.containerDefinitions ?? [];
  const names = containers.map(c => c.name ?? '');
  let name = container;
  if (!name) {
    if (containers.length !== 1)
      throw new ConfigurationError(
        `the task definition has ${containers.length} containers (${names.join(', ')}): name the one to update with container`,
        'container'
      );
    name = names[0];
  }
  if (!names.includes(name))
    throw new ConfigurationError(
      `the service's task definition has no container '${name}' (it has ${names.join(', ')})`,
      'container'
    );
  input.containerDefinitions = containers.map(c => (c.name === name ? { ...c, image } : c));
  return input;
}
