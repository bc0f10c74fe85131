// An emulator of the AWS APIs that shipgate's ECS target uses (ECS, ELBv2, CloudWatch Logs) on
// 127.0.0.1, for the tests and the benchmark. The real AWS SDK v3 clients reach it through the
// SDK's standard endpoint variables (`env` below). Tasks are real processes, the load balancer
// is a real reverse proxy, the scheduler rolls deployments as ECS does, and every request and
// answer is checked against the services' published models. See README.md beside this file.
import http from 'node:http';
import { AwsError, Timers } from './common.mjs';
import { createEcs } from './ecs.mjs';
import { createElbv2 } from './elbv2.mjs';
import { TargetGroup } from './load-balancer.mjs';
import { createLogs } from './logs.mjs';
import { getModel } from './model.mjs';
import { createJsonProtocol } from './protocol-json.mjs';
import { createQueryProtocol } from './protocol-query.mjs';
import { Scheduler } from './scheduler.mjs';
import { verifySignature } from './sigv4.mjs';
import { TaskRunner } from './tasks.mjs';

export const DEFAULT_TIMING = {
  /** how often the scheduler reconciles every service (it also reacts to each task change at once) */
  schedulerMs: 100,
  /** PROVISIONING -> PENDING */
  provisioningMs: 50,
  /** PENDING -> RUNNING (the "image pull") */
  pendingMs: 50,
  /** DEPROVISIONING -> STOPPED */
  deprovisioningMs: 50,
  /** health check timeouts are never shorter than this, however small secondMs is */
  healthCheckTimeoutFloorMs: 1000,
  /** the load balancer's idle timeout towards a target (then 504) */
  proxyTimeoutMs: 60_000
};

const KNOWN_ERRORS = {
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  AccessDeniedException: { status: 400, message: 'User is not authorized to perform this action' },
  ServerException: { status: 500, message: 'Service Unavailable. Please try again later.' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable' },
  InternalFailure: { status: 500, message: 'We encountered an internal error. Please try again.' }
};

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the emulator. Options (all optional):
 * - region ('us-east-1'), accountId ('123456789012'), accessKeyId, secretAccessKey
 * - secondMs (1000): how many real milliseconds one AWS "second" lasts. Every duration the
 *   APIs give in seconds is multiplied by it: health check interval and timeout, deregistration
 *   delay, healthCheckGracePeriodSeconds, container stopTimeout and health checks.
 * - timing: the emulator's own delays in ms (DEFAULT_TIMING)
 * - images: { name: { command, args, cwd, env } }, secrets: { valueFrom: value }
 * - verifySignatures (true)
 */
export async function startAwsEmulator(options = {}) {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const credentials = {
    accessKeyId: options.accessKeyId ?? 'AKIAEMULATOR00000000',
    secretAccessKey: options.secretAccessKey ?? 'emulator/secret/access/key/000000000000'
  };
  const callerArn = `arn:aws:iam::${accountId}:user/emulator`;
  const clock = {
    secondMs: options.secondMs ?? 1000,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    seconds(s) {
      return s * this.secondMs;
    },
    get healthCheckTimeoutFloorMs() {
      return this.timing.healthCheckTimeoutFloorMs;
    },
    get proxyTimeoutMs() {
      return this.timing.proxyTimeoutMs;
    }
  };
  const timers = new Timers();
  const errors = [];
  const calls = [];
  const injected = [];
  const recordError = message => {
    errors.push(message);
    if (errors.length > 1000) errors.shift();
  };
  const hooks = {
    recordError,
    recordCall(service, op, input) {
      calls.push({ service, op, input, at: Date.now() });
      if (calls.length > 10_000) calls.shift();
    },
    takeInjected(service, op) {
      const entry = injected.find(
        e => e.remaining > 0 && (e.service === service || e.service === '*') && e.op === op
      );
      if (!entry) return undefined;
      entry.remaining -= 1;
      entry.used += 1;
      return new AwsError(entry.code, entry.message, { status: entry.status });
    }
  };

  const images = new Map(Object.entries(options.images ?? {}));
  const secrets = { ...options.secrets };
  const logs = createLogs({ region, accountId });
  const targetGroups = new Map();
  const targetGroup = arn => targetGroups.get(arn);
  let scheduler;
  const runner = new TaskRunner({
    region,
    accountId,
    timers,
    clock,
    images,
    secrets,
    logs,
    onChange: (task, what) => scheduler?.taskChanged(task, what),
    recordError
  });
  scheduler = new Scheduler({ runner, targetGroup, timers, clock, recordError });
  const ecs = createEcs({ region, accountId, runner, scheduler, targetGroup, callerArn });
  const elbv2 = createElbv2({ targetGroups });

  const services = {
    ecs: { model: getModel('ecs'), handlers: ecs.api },
    logs: { model: getModel('logs'), handlers: logs.api },
    elbv2: { model: getModel('elbv2'), handlers: elbv2.api }
  };
  for (const service of Object.values(services)) {
    const create = service.model.protocol === 'json' ? createJsonProtocol : createQueryProtocol;
    service.handle = create({ model: service.model, handlers: service.handlers, hooks });
  }

  const route = headers => {
    const target = String(headers['x-amz-target'] ?? '');
    if (target.startsWith(`${services.ecs.model.targetPrefix}.`)) return services.ecs;
    if (target.startsWith(`${services.logs.model.targetPrefix}.`)) return services.logs;
    if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return services.elbv2;
    return undefined;
  };

  const sockets = new Set();
  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const service = route(req.headers);
      let answer;
      if (!service || req.method !== 'POST') {
        recordError(
          `a request the emulator cannot route: ${req.method} ${req.url} ${JSON.stringify(req.headers)}`
        );
        answer = { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Unknown service' };
      } else {
        const refused =
          options.verifySignatures === false
            ? undefined
            : verifySignature(
                { method: req.method, url: req.url, headers: req.headers, body },
                { ...credentials, region, service: service.model.signingName }
              );
        if (refused) {
          recordError(`${service.model.id}: signature refused: ${refused.code}: ${refused.message}`);
          answer = await service.handle({
            headers: req.headers,
            body,
            refused: new AwsError(refused.code, refused.message, { status: refused.status })
          });
        } else {
          answer = await service.handle({ headers: req.headers, body });
        }
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    } catch (error) {
      recordError(`the emulator failed on a request: ${error.stack ?? error}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('emulator failure');
    }
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  const env = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_ECS: url,
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
    AWS_EC2_METADATA_DISABLED: 'true'
  };

  const serviceOf = (clusterName, serviceName) => {
    const service = ecs.findService(ecs.cluster(clusterName), serviceName);
    if (!service) throw new Error(`no service ${serviceName} in cluster ${clusterName}`);
    return service;
  };

  const createTargetGroup = async settings => {
    if (!settings?.name) throw new Error('a target group needs a name');
    const group = new TargetGroup(settings, {
      region,
      accountId,
      timers,
      clock,
      onChange: () => scheduler.poke(),
      recordError
    });
    await group.listen();
    targetGroups.set(group.arn, group);
    return { arn: group.arn, url: group.url, port: group.publicPort, name: group.name };
  };

  const taskSummary = task => {
    const c = task.containers[0];
    return {
      id: task.id,
      arn: task.arn,
      taskDefinitionArn: task.taskDefinition.taskDefinitionArn,
      deploymentId: task.deploymentId,
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      healthStatus: task.healthStatus,
      stopCode: task.stopCode,
      stoppedReason: task.stoppedReason,
      exitCode: c?.exitCode,
      hostPort: c?.bindings[0]?.hostPort,
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      stoppedAt: task.stoppedAt
    };
  };

  let stopped;
  const emulator = {
    url,
    region,
    accountId,
    env,
    credentials,
    clock,

    /** Maps an image name to the command line its containers run. */
    registerImage(name, spec) {
      if (!spec?.command) throw new Error(`image ${name} needs a command`);
      images.set(name, spec);
    },
    setSecret(valueFrom, value) {
      secrets[valueFrom] = value;
    },
    createCluster(name = 'default') {
      const c = ecs.createCluster(name);
      return { clusterArn: c.arn, clusterName: c.name };
    },
    createLogGroup(name) {
      logs.createGroup(name);
    },
    createTargetGroup,
    /** Registers a task definition as RegisterTaskDefinition would (the same rules); returns its ARN. */
    registerTaskDefinition(input) {
      return ecs.registerTaskDefinition(input).taskDefinitionArn;
    },
    /**
     * Creates a service. `taskDefinition` is an ARN or family[:revision], or a task definition to
     * register; each of `loadBalancers` names a `targetGroupArn` or gives `targetGroup` settings
     * for a new one. Returns the ARNs and the public URL of the (first) target group.
     */
    async createService({ cluster = 'default', serviceName, taskDefinition, loadBalancers = [], ...rest }) {
      const tdArn =
        typeof taskDefinition === 'string' ? taskDefinition : emulator.registerTaskDefinition(taskDefinition);
      const lbs = [];
      for (const lb of loadBalancers) {
        const arn = lb.targetGroupArn ?? (await createTargetGroup(lb.targetGroup)).arn;
        lbs.push({ targetGroupArn: arn, containerName: lb.containerName, containerPort: lb.containerPort });
      }
      const { service } = ecs.api.CreateService({
        cluster,
        serviceName,
        taskDefinition: tdArn,
        loadBalancers: lbs,
        ...rest
      });
      return {
        serviceArn: service.serviceArn,
        serviceName,
        cluster,
        taskDefinitionArn: tdArn,
        targetGroupArns: lbs.map(lb => lb.targetGroupArn),
        url: lbs[0] ? targetGroups.get(lbs[0].targetGroupArn).url : undefined
      };
    },
    /** The load balancer's URL for a target group ARN or a service ("cluster/service" or service in 'default'). */
    publicUrl(ref) {
      if (targetGroups.has(ref)) return targetGroups.get(ref).url;
      const [clusterName, serviceName] =
        ref.includes('/') && !ref.startsWith('arn:') ? ref.split('/') : ['default', ref];
      const service = serviceOf(clusterName, serviceName);
      const lb = service.loadBalancers?.[0];
      if (!lb) throw new Error(`service ${ref} has no load balancer`);
      return targetGroups.get(lb.targetGroupArn).url;
    },
    /** A plain view of a service for assertions: deployments, counts, events (newest first). */
    service(clusterName, serviceName) {
      const service = serviceOf(clusterName, serviceName);
      scheduler.updateCounts(service);
      return {
        status: service.status,
        desiredCount: service.desiredCount,
        runningCount: service.runningCount,
        pendingCount: service.pendingCount,
        taskDefinitionArn: service.taskDefinition.taskDefinitionArn,
        steady: service.steady,
        deployments: service.deployments.map(d => ({
          id: d.id,
          status: d.status,
          taskDefinitionArn: d.taskDefinition.taskDefinitionArn,
          rolloutState: d.rolloutState,
          rolloutStateReason: d.rolloutStateReason,
          desiredCount: d.desiredCount,
          runningCount: d.runningCount,
          pendingCount: d.pendingCount,
          failedTasks: d.failedTasks,
          failedTotal: d.failedTotal
        })),
        events: service.events.map(e => e.message)
      };
    },
    /** Every task (of a service, when named), newest first. */
    tasks(clusterName, serviceName) {
      const service = serviceName ? serviceOf(clusterName, serviceName) : undefined;
      return [...runner.tasks.values()]
        .filter(
          t => (!clusterName || t.cluster.name === clusterName) && (!service || t.serviceArn === service.arn)
        )
        .sort((a, b) => b.createdAt - a.createdAt)
        .map(taskSummary);
    },
    /**
     * The task definitions that serve traffic now: those of the service's tasks whose target is
     * registered and not draining (every RUNNING task when the service has no load balancer).
     */
    servingTaskDefinitions(clusterName, serviceName) {
      const service = serviceOf(clusterName, serviceName);
      const serving = new Set();
      for (const task of runner.tasks.values()) {
        if (task.serviceArn !== service.arn || task.lastStatus !== 'RUNNING') continue;
        const targets = scheduler.targetsOf(service, task);
        if (targets.length === 0 && (service.loadBalancers ?? []).length === 0)
          serving.add(task.taskDefinition.taskDefinitionArn);
        for (const { group, id, port } of targets) {
          const target = group.targets.get(group.key(id, port));
          if (target && !target.draining) serving.add(task.taskDefinition.taskDefinitionArn);
        }
      }
      return [...serving];
    },
    /** DescribeTargetHealth's view of a target group, plus what the proxy answered so far. */
    targetGroup(arn) {
      const group = targetGroups.get(arn);
      if (!group) throw new Error(`no target group ${arn}`);
      return {
        arn,
        url: group.url,
        targets: group.health(),
        served: { ...group.served, byStatus: { ...group.served.byStatus } }
      };
    },
    /** The last lines a task's containers printed (whatever its log configuration). */
    taskOutput(taskId) {
      return runner.get(taskId)?.output.slice() ?? [];
    },
    logMessages(group, stream) {
      return logs.messages(group, stream);
    },
    /** Every API call that passed validation: { service, op, input }. */
    calls() {
      return calls.slice();
    },
    /** Model violations, unroutable requests, refused signatures and failures inside the emulator. */
    errors() {
      return errors.slice();
    },
    clearErrors() {
      errors.length = 0;
    },
    /**
     * Makes the next `times` calls of an operation fail. `op` is "DescribeServices" (any service)
     * or "ecs:DescribeServices"; `error` a code (ThrottlingException, AccessDeniedException,
     * ClusterNotFoundException, ...) or { code, message, status }.
     */
    injectError(op, error = 'ThrottlingException', times = 1) {
      const [service, name] = op.includes(':') ? op.split(':') : ['*', op];
      const spec = typeof error === 'string' ? { code: error } : error;
      const known = KNOWN_ERRORS[spec.code] ?? { status: 400, message: `${spec.code} (injected)` };
      const entry = {
        service,
        op: name,
        code: spec.code,
        message: spec.message ?? known.message,
        status: spec.status ?? known.status,
        remaining: times,
        used: 0
      };
      injected.push(entry);
      return {
        get used() {
          return entry.used;
        },
        clear() {
          entry.remaining = 0;
        }
      };
    },
    /** Kills every task process, closes every port, clears every timer. */
    stop() {
      stopped ??= (async () => {
        timers.stop();
        await runner.killAll();
        await Promise.all([...targetGroups.values()].map(g => g.close()));
        const closed = new Promise(resolve => server.close(resolve));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections?.();
        await closed;
      })();
      return stopped;
    }
  };
  return emulator;
}
