// The ECS service scheduler for the rolling update (ECS) deployment controller: deployments
// (PRIMARY / ACTIVE), minimumHealthyPercent and maximumPercent, health check grace period,
// replacement of failed and unhealthy tasks, the deployment circuit breaker with rollback, and
// the service events ECS writes. It reconciles every `timing.schedulerMs` and at once when a
// task changes.
import { deploymentId, epochSeconds, uuid } from './common.mjs';

const MAX_EVENTS = 100;
// the service throttle: after this many consecutive failed tasks, launches pause 10 s, 20 s, ... up to 15 min
const START_IMPAIRED_AFTER = 3;
const THROTTLE_FIRST_SECONDS = 10;
const THROTTLE_MAX_SECONDS = 900;

export const DEFAULT_DEPLOYMENT_CONFIGURATION = {
  deploymentCircuitBreaker: { enable: false, rollback: false },
  maximumPercent: 200,
  minimumHealthyPercent: 100
};

/** clamp(ceil(0.5 x desired), 3, 200) by default; thresholdConfiguration as the API documents it. */
export function circuitBreakerThreshold(desiredCount, breaker = {}) {
  const { type = 'BOUNDED_PERCENT', value = 50 } = breaker.thresholdConfiguration ?? {};
  if (type === 'COUNT') return Math.max(1, value);
  const computed = Math.ceil((value / 100) * desiredCount);
  if (type === 'UNBOUNDED_PERCENT') return Math.max(1, computed);
  return Math.min(200, Math.max(3, computed));
}

export class Scheduler {
  constructor({ runner, targetGroup, timers, clock, recordError }) {
    Object.assign(this, { runner, targetGroup, timers, clock, recordError });
    this.services = new Map();
    this.pendingTick = false;
    this.interval = timers.interval(clock.timing.schedulerMs, () => this.tickAll());
  }

  /** Reconciles soon (coalesced): task changes are answered within a turn of the event loop. */
  poke() {
    if (this.pendingTick) return;
    this.pendingTick = true;
    this.timers.timeout(0, () => {
      this.pendingTick = false;
      this.tickAll();
    });
  }

  tickAll() {
    for (const service of this.services.values()) {
      try {
        this.tick(service);
      } catch (error) {
        this.recordError(`scheduler failed on service ${service.name}: ${error.stack ?? error}`);
      }
    }
  }

  event(service, message) {
    service.events.unshift({
      id: uuid(),
      createdAt: Date.now(),
      message: `(service ${service.name}) ${message}`
    });
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
  }

  createService(params) {
    const service = {
      ...params,
      arn: `arn:aws:ecs:${params.cluster.region}:${params.cluster.accountId}:service/${params.cluster.name}/${params.name}`,
      status: 'ACTIVE',
      createdAt: Date.now(),
      events: [],
      deployments: [],
      completed: [],
      steady: false
    };
    this.services.set(service.arn, service);
    this.newDeployment(service, params.taskDefinition);
    this.poke();
    return service;
  }

  newDeployment(service, taskDefinition, reason) {
    const id = deploymentId();
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    const deployment = {
      id,
      status: 'PRIMARY',
      taskDefinition,
      desiredCount: service.desiredCount,
      failedTasks: 0,
      failedTotal: 0,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: reason ?? `ECS deployment ${id} in progress.`
    };
    service.deployments.unshift(deployment);
    service.taskDefinition = taskDefinition;
    service.steady = false;
    return deployment;
  }

  /** UpdateService: a new task definition or forceNewDeployment starts a new PRIMARY deployment. */
  updateService(
    service,
    {
      taskDefinition,
      desiredCount,
      forceNewDeployment,
      deploymentConfiguration,
      healthCheckGracePeriodSeconds,
      loadBalancers
    }
  ) {
    if (desiredCount !== undefined) service.desiredCount = desiredCount;
    if (deploymentConfiguration) {
      service.deploymentConfiguration = {
        ...DEFAULT_DEPLOYMENT_CONFIGURATION,
        ...service.deploymentConfiguration,
        ...deploymentConfiguration
      };
    }
    if (healthCheckGracePeriodSeconds !== undefined)
      service.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds;
    if (loadBalancers) service.loadBalancers = loadBalancers;
    const primary = service.deployments[0];
    const changed =
      taskDefinition && taskDefinition.taskDefinitionArn !== primary.taskDefinition.taskDefinitionArn;
    if (changed || forceNewDeployment) this.newDeployment(service, taskDefinition ?? primary.taskDefinition);
    else primary.desiredCount = service.desiredCount;
    service.steady = false;
    this.poke();
  }

  /** DeleteService: DRAINING while its tasks stop, then INACTIVE. */
  deleteService(service) {
    service.status = 'DRAINING';
    service.desiredCount = 0;
    const stopping = this.tasksOf(service)
      .filter(t => t.desiredStatus === 'RUNNING')
      .map(task => {
        this.stopTask(service, task, { reason: 'Service deleted' });
        return task.stopping;
      });
    Promise.all(stopping).then(() => {
      service.status = 'INACTIVE';
      service.deployments = [];
    });
  }

  tasksOf(service) {
    return [...this.runner.tasks.values()].filter(t => t.serviceArn === service.arn);
  }

  targetsOf(service, task) {
    const targets = [];
    for (const lb of service.loadBalancers ?? []) {
      const group = this.targetGroup(lb.targetGroupArn);
      const container = task.containers.find(c => c.name === lb.containerName);
      const binding = container?.bindings.find(b => b.containerPort === lb.containerPort);
      if (group && binding) targets.push({ group, id: '127.0.0.1', port: binding.hostPort });
    }
    return targets;
  }

  /** RUNNING, passing its container health checks (if any) and healthy in every target group. */
  isHealthy(service, task) {
    if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return false;
    const checked = task.containers.some(
      c => c.essential && c.def.healthCheck?.command?.length && c.def.healthCheck.command[0] !== 'NONE'
    );
    if (checked && task.healthStatus !== 'HEALTHY') return false;
    const targets = this.targetsOf(service, task);
    if (targets.length < (service.loadBalancers ?? []).length) return false;
    return targets.every(
      ({ group, id, port }) => group.targets.get(group.key(id, port))?.state === 'healthy'
    );
  }

  /** Called by the task runner on every task change. */
  taskChanged(task, what) {
    const service = this.services.get(task.serviceArn);
    if (!service) return;
    if (what === 'running') {
      for (const { group, id, port } of this.targetsOf(service, task)) {
        group.register(id, port, task);
        this.event(service, `registered 1 targets in (target-group ${group.arn})`);
      }
    }
    if (what === 'exited') {
      // the load balancer stops sending it traffic; nothing waits for the drain
      for (const { group, id, port } of this.targetsOf(service, task)) {
        group
          .deregister(id, port)
          .then(() => this.event(service, `deregistered 1 targets in (target-group ${group.arn})`));
      }
      this.countFailure(service, task);
    }
    if (what === 'stopped' && task.stopCode === 'TaskFailedToStart') this.countFailure(service, task);
    this.poke();
  }

  countFailure(service, task) {
    if (task.failureCounted) return;
    task.failureCounted = true;
    const deployment = service.deployments.find(d => d.id === task.deploymentId);
    if (!deployment) return;
    deployment.failedTasks += 1;
    deployment.failedTotal += 1;
    deployment.updatedAt = Date.now();
    // ECS throttles a service whose tasks keep failing: ever longer pauses between launches
    if (deployment.failedTasks >= START_IMPAIRED_AFTER) {
      const pause = Math.min(
        THROTTLE_MAX_SECONDS,
        THROTTLE_FIRST_SECONDS * 2 ** (deployment.failedTasks - START_IMPAIRED_AFTER)
      );
      deployment.nextLaunchAt = Date.now() + this.clock.seconds(pause);
      if (!deployment.impairedReported) {
        deployment.impairedReported = true;
        this.event(
          service,
          'is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.'
        );
      }
    }
  }

  launch(service, deployment, count) {
    const started = [];
    for (let i = 0; i < count; i += 1) {
      const task = this.runner.run({
        cluster: service.cluster,
        taskDefinition: deployment.taskDefinition,
        group: `service:${service.name}`,
        startedBy: deployment.id,
        serviceName: service.name,
        deploymentId: deployment.id,
        launchType: service.launchType,
        tags:
          service.propagateTags === 'SERVICE'
            ? service.tags
            : service.propagateTags === 'TASK_DEFINITION'
              ? deployment.taskDefinition.tags
              : [],
        serviceArn: service.arn
      });
      started.push(task);
    }
    if (started.length > 0)
      this.event(
        service,
        `has started ${started.length} tasks: ${started.map(t => `(task ${t.id})`).join(' ')}.`
      );
  }

  /** Stops a service task: drain it from its target groups, then SIGTERM (and SIGKILL after stopTimeout). */
  stopTask(service, task, { reason, failure = false, stopCode = 'ServiceSchedulerInitiated' }) {
    if (failure) this.countFailure(service, task);
    const targets = this.targetsOf(service, task).filter(({ group, id, port }) =>
      group.targets.has(group.key(id, port))
    );
    if (targets.length > 0) this.event(service, `has begun draining connections on 1 tasks.`);
    this.runner.stop(task, {
      stopCode,
      reason,
      beforeTerminate: async () => {
        await Promise.all(targets.map(({ group, id, port }) => group.deregister(id, port)));
        for (const { group } of targets)
          this.event(service, `deregistered 1 targets in (target-group ${group.arn})`);
        this.event(service, `has stopped 1 running tasks: (task ${task.id}).`);
      }
    });
    this.poke();
  }

  graceOver(service, task) {
    return Date.now() >= task.startedAt + this.clock.seconds(service.healthCheckGracePeriodSeconds ?? 0);
  }

  tick(service) {
    if (service.status !== 'ACTIVE') return;
    const config = { ...DEFAULT_DEPLOYMENT_CONFIGURATION, ...service.deploymentConfiguration };
    const breaker = {
      ...DEFAULT_DEPLOYMENT_CONFIGURATION.deploymentCircuitBreaker,
      ...config.deploymentCircuitBreaker
    };
    const live = () => this.tasksOf(service).filter(t => t.desiredStatus === 'RUNNING');

    // 1. tasks that fail their health checks after the grace period are replaced
    for (const task of live()) {
      if (task.lastStatus !== 'RUNNING' || !this.graceOver(service, task)) continue;
      const unhealthyTarget = this.targetsOf(service, task)
        .map(({ group, id, port }) => ({ group, target: group.targets.get(group.key(id, port)) }))
        .find(({ target }) => target?.state === 'unhealthy');
      if (unhealthyTarget) {
        const { group, target } = unhealthyTarget;
        this.event(
          service,
          `(task ${task.id}) (port ${target.port}) is unhealthy in (target-group ${group.arn}) due to (reason ${target.description}).`
        );
        this.stopTask(service, task, {
          reason: `Task failed ELB health checks in (target-group ${group.arn})`,
          failure: true
        });
      } else if (task.healthStatus === 'UNHEALTHY') {
        this.event(service, `(task ${task.id}) failed container health checks.`);
        this.stopTask(service, task, { reason: 'Task failed container health checks', failure: true });
      }
    }

    // 2. a task that turns healthy resets its deployment's count of consecutive failures
    for (const task of live()) {
      if (task.becameHealthy || !this.isHealthy(service, task)) continue;
      task.becameHealthy = true;
      const deployment = service.deployments.find(d => d.id === task.deploymentId);
      if (deployment) deployment.nextLaunchAt = 0;
      if (deployment && breaker.resetOnHealthyTask !== false && deployment.failedTasks > 0) {
        deployment.failedTasks = 0;
        deployment.updatedAt = Date.now();
      }
    }

    // 3. the deployment circuit breaker
    let primary = service.deployments[0];
    if (
      breaker.enable &&
      primary.rolloutState === 'IN_PROGRESS' &&
      primary.failedTasks >= circuitBreakerThreshold(service.desiredCount, breaker)
    ) {
      this.failDeployment(service, primary, breaker.rollback);
      primary = service.deployments[0];
    }

    // 4. rolling update: launch for the primary deployment within maximumPercent, stop old
    //    tasks while at least minimumHealthyPercent stays healthy
    const desired = service.desiredCount;
    const maxTotal = Math.floor((desired * config.maximumPercent) / 100);
    const minHealthy = Math.ceil((desired * config.minimumHealthyPercent) / 100);
    if (primary.rolloutState !== 'FAILED') {
      let primaryLive = live().filter(t => t.deploymentId === primary.id);
      if (primaryLive.length > desired) {
        const extra = [...primaryLive]
          .sort(
            (a, b) =>
              Number(this.isHealthy(service, a)) - Number(this.isHealthy(service, b)) ||
              b.createdAt - a.createdAt
          )
          .slice(0, primaryLive.length - desired);
        for (const task of extra)
          this.stopTask(service, task, {
            reason: `Scaling activity initiated by (deployment ${primary.id})`
          });
        primaryLive = live().filter(t => t.deploymentId === primary.id);
      }
      const want = desired - primaryLive.length;
      const room = maxTotal - live().length;
      const throttled = Date.now() < (primary.nextLaunchAt ?? 0);
      if (want > 0 && room > 0 && !throttled) this.launch(service, primary, Math.min(want, room));

      const old = live().filter(t => t.deploymentId !== primary.id);
      for (const task of old.filter(t => !this.isHealthy(service, t)))
        this.stopTask(service, task, { reason: `Scaling activity initiated by (deployment ${primary.id})` });
      let allowance = live().filter(t => this.isHealthy(service, t)).length - minHealthy;
      const oldHealthy = old
        .filter(t => this.isHealthy(service, t))
        .sort((a, b) => a.createdAt - b.createdAt);
      for (const task of oldHealthy) {
        if (allowance <= 0) break;
        allowance -= 1;
        this.stopTask(service, task, { reason: `Scaling activity initiated by (deployment ${primary.id})` });
      }
    }

    // 5. deployments without tasks go away; the primary completes; the service is steady
    const all = this.tasksOf(service);
    service.deployments = service.deployments.filter(
      d => d === primary || all.some(t => t.deploymentId === d.id && t.lastStatus !== 'STOPPED')
    );
    const primaryLive = live().filter(t => t.deploymentId === primary.id);
    const allHealthy = primaryLive.length === desired && primaryLive.every(t => this.isHealthy(service, t));
    if (primary.rolloutState === 'IN_PROGRESS' && service.deployments.length === 1 && allHealthy) {
      primary.rolloutState = 'COMPLETED';
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      primary.updatedAt = Date.now();
      service.completed.push({ id: primary.id, taskDefinition: primary.taskDefinition });
      this.event(service, `(deployment ${primary.id}) deployment completed.`);
    }
    const steady = service.deployments.length === 1 && allHealthy;
    if (steady && !service.steady) this.event(service, 'has reached a steady state.');
    service.steady = steady;

    this.updateCounts(service);
  }

  failDeployment(service, deployment, rollback) {
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
    deployment.updatedAt = Date.now();
    this.event(service, `(deployment ${deployment.id}) deployment failed: tasks failed to start.`);
    if (!rollback) return;
    const target = service.completed.at(-1);
    if (!target) return; // nothing ever completed: the deployment stalls, as on ECS
    const restored = this.newDeployment(
      service,
      target.taskDefinition,
      `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`
    );
    this.event(service, `rolling back to deployment ${target.id}.`);
    // the tasks still running the restored revision belong to the rollback deployment
    const previous = service.deployments.find(d => d.id === target.id);
    if (previous) {
      for (const task of this.tasksOf(service))
        if (task.deploymentId === previous.id) task.deploymentId = restored.id;
      service.deployments = service.deployments.filter(d => d !== previous);
    }
  }

  updateCounts(service) {
    const tasks = this.tasksOf(service);
    for (const d of service.deployments) {
      const mine = tasks.filter(t => t.deploymentId === d.id);
      const running = mine.filter(t => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length;
      const pending = mine.filter(
        t => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus) && t.desiredStatus === 'RUNNING'
      ).length;
      const desiredCount =
        d.status === 'PRIMARY'
          ? service.desiredCount
          : mine.filter(t => t.desiredStatus === 'RUNNING').length;
      if (d.runningCount !== running || d.pendingCount !== pending || d.desiredCount !== desiredCount)
        d.updatedAt = Date.now();
      d.runningCount = running;
      d.pendingCount = pending;
      d.desiredCount = desiredCount;
    }
    service.runningCount = tasks.filter(
      t => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING'
    ).length;
    service.pendingCount = tasks.filter(
      t => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus) && t.desiredStatus === 'RUNNING'
    ).length;
  }

  /** The service as DescribeServices answers it. */
  describe(service, { includeTags = false } = {}) {
    this.updateCounts(service);
    const t = epochSeconds;
    return {
      serviceArn: service.arn,
      serviceName: service.name,
      clusterArn: service.cluster.arn,
      loadBalancers: service.loadBalancers ?? [],
      serviceRegistries: [],
      status: service.status,
      desiredCount: service.desiredCount,
      runningCount: service.runningCount,
      pendingCount: service.pendingCount,
      launchType: service.launchType,
      platformVersion: service.launchType === 'FARGATE' ? 'LATEST' : undefined,
      platformFamily: service.launchType === 'FARGATE' ? 'Linux' : undefined,
      taskDefinition: service.taskDefinition.taskDefinitionArn,
      deploymentConfiguration: { ...DEFAULT_DEPLOYMENT_CONFIGURATION, ...service.deploymentConfiguration },
      deployments: service.deployments.map(d => ({
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition.taskDefinitionArn,
        desiredCount: d.desiredCount,
        pendingCount: d.pendingCount,
        runningCount: d.runningCount,
        failedTasks: d.failedTasks,
        createdAt: t(d.createdAt),
        updatedAt: t(d.updatedAt),
        launchType: service.launchType,
        platformVersion: service.launchType === 'FARGATE' ? '1.4.0' : undefined,
        platformFamily: service.launchType === 'FARGATE' ? 'Linux' : undefined,
        networkConfiguration: service.networkConfiguration,
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason
      })),
      roleArn: service.roleArn,
      events: service.events.map(e => ({ id: e.id, createdAt: t(e.createdAt), message: e.message })),
      createdAt: t(service.createdAt),
      placementConstraints: [],
      placementStrategy: [],
      networkConfiguration: service.networkConfiguration,
      healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      createdBy: service.createdBy,
      enableECSManagedTags: service.enableECSManagedTags ?? false,
      propagateTags: service.propagateTags ?? 'NONE',
      enableExecuteCommand: false,
      tags: includeTags ? service.tags : undefined
    };
  }
}
