// ECS tasks as real processes on 127.0.0.1. There is no Docker here: an image is a name the
// test registers with a command line (`registerImage('repo/api:v2', { command, args })`); each
// container of a task runs that command in its own process group, with a clean environment
// (the container's `environment`, its `secrets` resolved from the emulator's secret map, and
// PORT = the dynamic host port of its first port mapping), stdout/stderr going to CloudWatch
// Logs as the awslogs driver sends them. A task walks the ECS lifecycle:
// PROVISIONING -> PENDING -> RUNNING -> (DEACTIVATING -> STOPPING) -> DEPROVISIONING -> STOPPED.
import { spawn } from 'node:child_process';
import { constants as os } from 'node:os';
import { epochSeconds, freePort, hex } from './common.mjs';

const CLEAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const OUTPUT_LINES_KEPT = 200;

function signalExitCode(signal) {
  const number = os.signals[signal];
  return number ? 128 + number : 137;
}

export class TaskRunner {
  constructor({ region, accountId, timers, clock, images, secrets, logs, onChange, recordError = () => {} }) {
    Object.assign(this, { region, accountId, timers, clock, images, secrets, logs, onChange, recordError });
    this.tasks = new Map();
    this.portsInUse = new Set();
  }

  get(arnOrId) {
    if (this.tasks.has(arnOrId)) return this.tasks.get(arnOrId);
    return [...this.tasks.values()].find(t => t.id === arnOrId);
  }

  /** Creates a task and starts walking it through its lifecycle. */
  run({
    cluster,
    taskDefinition,
    group,
    startedBy,
    serviceName,
    serviceArn,
    deploymentId,
    launchType = 'EC2',
    tags = []
  }) {
    const id = hex(16);
    const now = Date.now();
    const task = {
      id,
      arn: `arn:aws:ecs:${this.region}:${this.accountId}:task/${cluster.name}/${id}`,
      cluster,
      taskDefinition,
      group,
      startedBy,
      serviceName,
      serviceArn,
      deploymentId,
      launchType,
      tags,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      createdAt: now,
      version: 1,
      healthStatus: 'UNKNOWN',
      output: [],
      containers: taskDefinition.containerDefinitions.map(def => ({
        def,
        name: def.name,
        image: def.image,
        essential: def.essential !== false,
        arn: `arn:aws:ecs:${this.region}:${this.accountId}:container/${cluster.name}/${id}/${hex(16).slice(0, 8)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`,
        runtimeId: `${id}-${hex(5)}`,
        lastStatus: 'PENDING',
        healthStatus: 'UNKNOWN',
        bindings: [],
        checks: { ok: 0, failed: 0 }
      }))
    };
    this.tasks.set(task.arn, task);
    this.timers.timeout(this.clock.timing.provisioningMs, () => this.pending(task));
    this.changed(task, 'created');
    return task;
  }

  changed(task, what) {
    task.version += 1;
    this.onChange(task, what);
  }

  pending(task) {
    if (task.desiredStatus !== 'RUNNING') return;
    task.lastStatus = 'PENDING';
    task.pullStartedAt = Date.now();
    this.changed(task, 'pending');
    this.timers.timeout(this.clock.timing.pendingMs, () =>
      this.launch(task).catch(error => {
        this.recordError(`task ${task.id} could not be launched: ${error.stack ?? error}`);
        this.finish(task, { stopCode: 'TaskFailedToStart', reason: `emulator: ${error.message ?? error}` });
      })
    );
  }

  /** Why a task cannot start (no such image, secret or log group), in the words ECS uses; or undefined. */
  cannotStart(task) {
    for (const c of task.containers) {
      if (!this.images.has(c.image)) {
        const reason =
          `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref ` +
          `${c.image.includes('/') ? '' : 'docker.io/library/'}${c.image}: ${c.image}: not found`;
        return { reason, container: c };
      }
      for (const secret of c.def.secrets ?? []) {
        if (!(secret.valueFrom in this.secrets)) {
          return {
            reason:
              `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ` +
              `unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ` +
              `${secret.valueFrom} from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
            container: c
          };
        }
      }
      const log = c.def.logConfiguration;
      if (log?.logDriver === 'awslogs') {
        const groupName = log.options?.['awslogs-group'];
        if (log.options?.['awslogs-create-group'] === 'true' && groupName) this.logs.createGroup(groupName);
        if (!groupName || !this.logs.hasGroup(groupName)) {
          return {
            reason:
              `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: ` +
              `failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1`,
            container: c
          };
        }
      }
    }
    return undefined;
  }

  async launch(task) {
    if (task.desiredStatus !== 'RUNNING') return;
    const problem = this.cannotStart(task);
    if (problem) {
      problem.container.reason = problem.reason;
      return this.finish(task, { stopCode: 'TaskFailedToStart', reason: problem.reason });
    }
    task.pullStoppedAt = Date.now();
    for (const c of task.containers) {
      for (const mapping of c.def.portMappings ?? []) {
        let port = await freePort();
        while (this.portsInUse.has(port)) port = await freePort();
        this.portsInUse.add(port);
        c.bindings.push({
          containerPort: mapping.containerPort,
          hostPort: port,
          protocol: mapping.protocol ?? 'tcp'
        });
      }
    }
    if (task.desiredStatus !== 'RUNNING' || this.timers.stopped) return this.finish(task, {});
    for (const c of task.containers) this.startContainer(task, c);
    task.lastStatus = 'RUNNING';
    task.startedAt = Date.now();
    task.connectivityAt = task.startedAt;
    this.changed(task, 'running');
    for (const c of task.containers) this.startHealthChecks(task, c);
  }

  environment(task, c) {
    const env = { PATH: CLEAN_PATH, HOSTNAME: task.id.slice(0, 12) };
    const image = this.images.get(c.image);
    Object.assign(env, image.env ?? {});
    env.AWS_REGION = this.region;
    env.AWS_DEFAULT_REGION = this.region;
    env.AWS_EXECUTION_ENV = task.launchType === 'FARGATE' ? 'AWS_ECS_FARGATE' : 'AWS_ECS_EC2';
    for (const { name, value } of c.def.environment ?? []) env[name] = value ?? '';
    for (const { name, valueFrom } of c.def.secrets ?? []) env[name] = this.secrets[valueFrom];
    if (c.bindings.length > 0) env.PORT = String(c.bindings[0].hostPort);
    return env;
  }

  startContainer(task, c) {
    const image = this.images.get(c.image);
    const argv = c.def.entryPoint?.length
      ? [...c.def.entryPoint, ...(c.def.command ?? [])]
      : [image.command, ...(c.def.command ?? image.args ?? [])];
    c.env = this.environment(task, c);
    const child = spawn(argv[0], argv.slice(1), {
      cwd: c.def.workingDirectory ?? image.cwd ?? process.cwd(),
      env: c.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    });
    c.process = child;
    c.lastStatus = 'RUNNING';
    const log = c.def.logConfiguration;
    let stream;
    if (log?.logDriver === 'awslogs') {
      const prefix = log.options?.['awslogs-stream-prefix'];
      c.logStream = prefix ? `${prefix}/${c.name}/${task.id}` : c.runtimeId;
      c.logGroup = log.options['awslogs-group'];
      stream = this.logs.stream(c.logGroup, c.logStream);
    }
    const pipe = source => {
      let partial = '';
      source.setEncoding('utf8');
      source.on('data', chunk => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop();
        for (const line of lines) this.line(task, stream, line);
      });
      source.on('end', () => {
        if (partial) this.line(task, stream, partial);
        partial = '';
      });
    };
    pipe(child.stdout);
    pipe(child.stderr);
    c.exited = new Promise(resolve => {
      child.on('error', error => {
        this.line(task, stream, `emulator: cannot start ${argv[0]}: ${error.message}`);
        c.exitCode = 127;
        resolve();
        this.containerExited(task, c);
      });
      child.on('exit', (code, signal) => {
        c.exitCode = code ?? signalExitCode(signal);
        resolve();
        this.containerExited(task, c);
      });
    });
  }

  line(task, stream, text) {
    const line = text.replace(/\r$/, '');
    task.output.push(line);
    if (task.output.length > OUTPUT_LINES_KEPT) task.output.shift();
    stream?.write(line);
  }

  containerExited(task, c) {
    if (c.lastStatus === 'STOPPED') return;
    c.lastStatus = 'STOPPED';
    this.timers.clear(c.checkTimer);
    this.killChecks(c);
    if (task.desiredStatus === 'RUNNING' && c.essential) {
      // the essential container exited by itself: the task stops
      task.desiredStatus = 'STOPPED';
      task.stopCode = 'EssentialContainerExited';
      task.stoppedReason = 'Essential container in task exited';
      task.stoppingAt = Date.now();
      this.changed(task, 'exited');
      this.finish(task, {});
    } else {
      this.changed(task, 'container-exited');
    }
  }

  startHealthChecks(task, c) {
    const hc = c.def.healthCheck;
    if (!hc?.command?.length || hc.command[0] === 'NONE') return;
    const intervalMs = this.clock.seconds(hc.interval ?? 30);
    const timeoutMs = Math.max(this.clock.seconds(hc.timeout ?? 5), this.clock.healthCheckTimeoutFloorMs);
    const startPeriodMs = this.clock.seconds(hc.startPeriod ?? 0);
    const retries = hc.retries ?? 3;
    const started = Date.now();
    const argv =
      hc.command[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', hc.command.slice(1).join(' ')] : hc.command.slice(1);
    const once = () => {
      if (c.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return;
      const child = spawn(argv[0], argv.slice(1), { env: c.env, stdio: 'ignore', detached: true });
      c.checkProcess = child;
      const timer = this.timers.timeout(timeoutMs, () => kill(child, 'SIGKILL'));
      let settled = false;
      const done = ok => {
        if (settled) return;
        settled = true;
        this.timers.clear(timer);
        c.checkProcess = undefined;
        if (c.lastStatus !== 'RUNNING') return;
        if (ok) {
          c.checks = { ok: c.checks.ok + 1, failed: 0 };
          this.setContainerHealth(task, c, 'HEALTHY');
        } else if (Date.now() - started >= startPeriodMs) {
          c.checks = { ok: 0, failed: c.checks.failed + 1 };
          if (c.checks.failed >= retries) this.setContainerHealth(task, c, 'UNHEALTHY');
        }
        c.checkTimer = this.timers.timeout(intervalMs, once);
      };
      child.on('error', () => done(false));
      child.on('exit', code => done(code === 0));
    };
    c.checkTimer = this.timers.timeout(0, once);
  }

  setContainerHealth(task, c, status) {
    if (c.healthStatus === status) return;
    c.healthStatus = status;
    const checked = task.containers.filter(
      x => x.essential && x.def.healthCheck?.command?.length && x.def.healthCheck.command[0] !== 'NONE'
    );
    const health = checked.some(x => x.healthStatus === 'UNHEALTHY')
      ? 'UNHEALTHY'
      : checked.length > 0 && checked.every(x => x.healthStatus === 'HEALTHY')
        ? 'HEALTHY'
        : 'UNKNOWN';
    task.healthStatus = health;
    this.changed(task, 'health');
  }

  killChecks(c) {
    if (c.checkProcess) kill(c.checkProcess, 'SIGKILL');
  }

  /**
   * Stops a task as the scheduler or StopTask does: desiredStatus STOPPED at once, then
   * `beforeTerminate` (the load balancer drains the target), SIGTERM, SIGKILL after the
   * container's stopTimeout, then DEPROVISIONING and STOPPED.
   */
  stop(task, { stopCode, reason, beforeTerminate }) {
    if (task.stopping) return task.stopping;
    if (task.desiredStatus === 'RUNNING') {
      task.desiredStatus = 'STOPPED';
      task.stopCode = stopCode;
      task.stoppedReason = reason;
      task.stoppingAt = Date.now();
      this.changed(task, 'stopping');
    }
    task.stopping = (async () => {
      if (task.lastStatus === 'RUNNING' && beforeTerminate) {
        task.lastStatus = 'DEACTIVATING';
        this.changed(task, 'deactivating');
        await beforeTerminate();
      }
      await this.finish(task, {});
    })();
    return task.stopping;
  }

  /** Ends every container of the task (SIGTERM, then SIGKILL after stopTimeout) and marks it STOPPED. */
  finish(task, { stopCode, reason }) {
    if (task.finished) return task.finished;
    task.finished = (async () => {
      if (task.desiredStatus === 'RUNNING') {
        task.desiredStatus = 'STOPPED';
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        task.stoppingAt = Date.now();
      }
      const running = task.containers.filter(c => c.process && c.lastStatus !== 'STOPPED');
      if (running.length > 0) {
        task.lastStatus = 'STOPPING';
        this.changed(task, 'stopping');
        for (const c of running) kill(c.process, 'SIGTERM');
        await Promise.all(
          running.map(async c => {
            const stopTimeout = this.clock.seconds(c.def.stopTimeout ?? 30);
            const timer = this.timers.timeout(stopTimeout, () => kill(c.process, 'SIGKILL'));
            await c.exited;
            this.timers.clear(timer);
          })
        );
      }
      for (const c of task.containers) {
        this.timers.clear(c.checkTimer);
        this.killChecks(c);
        c.lastStatus = 'STOPPED';
      }
      task.executionStoppedAt = Date.now();
      task.lastStatus = 'DEPROVISIONING';
      this.changed(task, 'deprovisioning');
      await this.timers.sleep(this.clock.timing.deprovisioningMs);
      for (const c of task.containers) for (const b of c.bindings) this.portsInUse.delete(b.hostPort);
      task.lastStatus = 'STOPPED';
      task.stoppedAt = Date.now();
      this.changed(task, 'stopped');
    })();
    return task.finished;
  }

  /** Kills every process of every task (SIGKILL to each process group) and waits for them to exit. */
  async killAll() {
    const waits = [];
    for (const task of this.tasks.values()) {
      for (const c of task.containers) {
        this.killChecks(c);
        if (c.process && c.exitCode === undefined) {
          kill(c.process, 'SIGKILL');
          waits.push(c.exited);
        }
      }
    }
    await Promise.all(waits);
  }

  /** The task as DescribeTasks answers it. */
  describe(task, { includeTags = false } = {}) {
    const t = epochSeconds;
    const td = task.taskDefinition;
    const awsvpc = td.networkMode === 'awsvpc';
    return {
      taskArn: task.arn,
      clusterArn: task.cluster.arn,
      taskDefinitionArn: td.taskDefinitionArn,
      group: task.group,
      startedBy: task.startedBy,
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      healthStatus: task.healthStatus,
      launchType: task.launchType,
      availabilityZone: `${this.region}a`,
      connectivity: task.connectivityAt ? 'CONNECTED' : undefined,
      connectivityAt: task.connectivityAt && t(task.connectivityAt),
      createdAt: t(task.createdAt),
      pullStartedAt: task.pullStartedAt && t(task.pullStartedAt),
      pullStoppedAt: task.pullStoppedAt && t(task.pullStoppedAt),
      startedAt: task.startedAt && t(task.startedAt),
      stoppingAt: task.stoppingAt && t(task.stoppingAt),
      executionStoppedAt: task.executionStoppedAt && t(task.executionStoppedAt),
      stoppedAt: task.stoppedAt && t(task.stoppedAt),
      stopCode: task.stopCode,
      stoppedReason: task.stoppedReason,
      cpu: td.cpu,
      memory: td.memory,
      version: task.version,
      platformVersion: task.launchType === 'FARGATE' ? '1.4.0' : undefined,
      overrides: {
        containerOverrides: task.containers.map(c => ({ name: c.name })),
        inferenceAcceleratorOverrides: []
      },
      attachments: awsvpc
        ? [
            {
              id: task.id.slice(0, 8) + '-eni',
              type: 'ElasticNetworkInterface',
              status: task.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
              details: [
                { name: 'subnetId', value: 'subnet-0emulator' },
                { name: 'networkInterfaceId', value: `eni-${task.id.slice(0, 17)}` },
                { name: 'privateIPv4Address', value: '127.0.0.1' }
              ]
            }
          ]
        : [],
      containers: task.containers.map(c => ({
        containerArn: c.arn,
        taskArn: task.arn,
        name: c.name,
        image: c.image,
        runtimeId: c.runtimeId,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        healthStatus: c.healthStatus,
        networkBindings: c.bindings.map(b => ({
          bindIP: '0.0.0.0',
          containerPort: b.containerPort,
          hostPort: b.hostPort,
          protocol: b.protocol
        })),
        networkInterfaces: awsvpc
          ? [{ attachmentId: task.id.slice(0, 8) + '-eni', privateIpv4Address: '127.0.0.1' }]
          : [],
        cpu: String(c.def.cpu ?? 0),
        memory: c.def.memory !== undefined ? String(c.def.memory) : undefined,
        memoryReservation: c.def.memoryReservation !== undefined ? String(c.def.memoryReservation) : undefined
      })),
      tags: includeTags ? task.tags : undefined
    };
  }
}

function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
