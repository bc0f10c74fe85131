// The ECS API: clusters, task definitions (revisions, ACTIVE/INACTIVE, tags), services (through
// the scheduler), tasks (through the task runner) and resource tags, with the errors ECS answers.
import { AwsError, epochSeconds } from './common.mjs';
import { DEFAULT_DEPLOYMENT_CONFIGURATION } from './scheduler.mjs';

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;
const NAME = /^[a-zA-Z0-9_-]{1,255}$/;

const clientError = message => new AwsError('ClientException', message);
const invalid = message => new AwsError('InvalidParameterException', message);

function page(items, nextToken, maxResults = 100) {
  const start = nextToken ? Number(nextToken) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalid('Invalid nextToken');
  const end = start + maxResults;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}

export function createEcs({ region, accountId, runner, scheduler, targetGroup, callerArn }) {
  const clusters = new Map();
  const families = new Map(); // family -> [taskDefinition by revision - 1]
  const tags = new Map(); // resource ARN -> [{key, value}]
  const arn = path => `arn:aws:ecs:${region}:${accountId}:${path}`;

  // ---- clusters
  const createCluster = name => {
    if (!NAME.test(name))
      throw invalid('Cluster name can have up to 255 letters, numbers, hyphens and underscores.');
    if (!clusters.has(name))
      clusters.set(name, { name, arn: arn(`cluster/${name}`), region, accountId, createdAt: Date.now() });
    return clusters.get(name);
  };
  const cluster = ref => {
    const name = !ref ? 'default' : ref.startsWith('arn:') ? ref.split('/').pop() : ref;
    const found = clusters.get(name);
    if (!found || (ref?.startsWith('arn:') && found.arn !== ref))
      throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
    return found;
  };
  const describeCluster = (c, includeTags) => {
    const services = [...scheduler.services.values()].filter(s => s.cluster === c && s.status === 'ACTIVE');
    const tasks = [...runner.tasks.values()].filter(t => t.cluster === c && t.lastStatus !== 'STOPPED');
    return {
      clusterArn: c.arn,
      clusterName: c.name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: tasks.filter(t => t.lastStatus === 'RUNNING').length,
      pendingTasksCount: tasks.filter(t => t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING')
        .length,
      activeServicesCount: services.length,
      statistics: [],
      tags: includeTags ? (tags.get(c.arn) ?? []) : undefined,
      settings: [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: [],
      defaultCapacityProviderStrategy: []
    };
  };

  // ---- task definitions
  const parseTaskDefinitionRef = ref => {
    const text = ref.startsWith('arn:') ? (ref.split('task-definition/')[1] ?? '') : ref;
    const [family, revision] = text.split(':');
    return { family, revision: revision === undefined ? undefined : Number(revision) };
  };
  const findTaskDefinition = ref => {
    const { family, revision } = parseTaskDefinitionRef(ref);
    const revisions = families.get(family) ?? [];
    if (revision === undefined) return [...revisions].reverse().find(td => td.status === 'ACTIVE');
    return revisions[revision - 1];
  };
  const validateTags = list => {
    for (const { key, value } of list ?? []) {
      if (!key || key.length > 128 || (value ?? '').length > 256)
        throw invalid('Tag keys can be up to 128 characters and values up to 256.');
      if (key.toLowerCase().startsWith('aws:'))
        throw invalid('Tag keys with the aws: prefix are reserved for AWS use.');
    }
  };
  const registerTaskDefinition = input => {
    const { family, containerDefinitions } = input;
    if (!FAMILY.test(family))
      throw clientError(
        'Family contains invalid characters or is too long (up to 255 letters, numbers, hyphens, and underscores are allowed).'
      );
    if (containerDefinitions.length === 0) throw clientError('Container list cannot be empty.');
    const fargate = (input.requiresCompatibilities ?? []).includes('FARGATE');
    const networkMode = input.networkMode ?? (fargate ? undefined : 'bridge');
    if (fargate) {
      if (networkMode !== 'awsvpc') throw clientError("Fargate only supports network mode 'awsvpc'.");
      if (!input.cpu) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
      if (!input.memory) throw clientError("Fargate requires that 'memory' be defined at the task level.");
    }
    const names = new Set();
    for (const c of containerDefinitions) {
      if (!c.name) throw clientError('Container.name should not be null or empty.');
      if (!c.image) throw clientError('Container.image should not be null or empty.');
      if (names.has(c.name)) throw clientError('Container names must be unique.');
      names.add(c.name);
      if (!input.memory && c.memory === undefined && c.memoryReservation === undefined)
        throw clientError(
          `Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`
        );
      if (fargate && c.logConfiguration?.logDriver === 'awslogs' && !input.executionRoleArn)
        throw clientError(
          'Fargate requires task definition to have execution role ARN to support log driver awslogs.'
        );
      if (c.secrets?.length && !input.executionRoleArn)
        throw clientError(
          `Invalid setting for container '${c.name}'. Secrets require an execution role ARN (executionRoleArn).`
        );
    }
    validateTags(input.tags);
    const revisions = families.get(family) ?? [];
    families.set(family, revisions);
    const revision = revisions.length + 1;
    const td = {
      taskDefinitionArn: arn(`task-definition/${family}:${revision}`),
      containerDefinitions: containerDefinitions.map(c => ({
        ...c,
        cpu: c.cpu ?? 0,
        essential: c.essential ?? true,
        portMappings: (c.portMappings ?? []).map(p => ({
          ...p,
          hostPort: networkMode === 'awsvpc' ? p.containerPort : (p.hostPort ?? 0),
          protocol: p.protocol ?? 'tcp'
        })),
        environment: c.environment ?? [],
        mountPoints: c.mountPoints ?? [],
        volumesFrom: c.volumesFrom ?? [],
        systemControls: c.systemControls ?? []
      })),
      family,
      taskRoleArn: input.taskRoleArn,
      executionRoleArn: input.executionRoleArn,
      networkMode,
      revision,
      volumes: input.volumes ?? [],
      status: 'ACTIVE',
      requiresAttributes: [
        { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
        ...(containerDefinitions.some(c => c.logConfiguration?.logDriver === 'awslogs')
          ? [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }]
          : [])
      ],
      placementConstraints: input.placementConstraints ?? [],
      compatibilities: fargate || networkMode === 'awsvpc' ? ['EC2', 'FARGATE'] : ['EC2'],
      runtimePlatform: input.runtimePlatform,
      requiresCompatibilities: input.requiresCompatibilities,
      cpu: input.cpu,
      memory: input.memory,
      pidMode: input.pidMode,
      ipcMode: input.ipcMode,
      proxyConfiguration: input.proxyConfiguration,
      registeredAt: Date.now(),
      registeredBy: callerArn,
      ephemeralStorage: input.ephemeralStorage,
      tags: input.tags ?? []
    };
    revisions.push(td);
    if (input.tags?.length) tags.set(td.taskDefinitionArn, [...input.tags]);
    return td;
  };
  const describeTaskDefinition = td => {
    const out = { ...td, registeredAt: epochSeconds(td.registeredAt) };
    delete out.tags;
    if (td.deregisteredAt) out.deregisteredAt = epochSeconds(td.deregisteredAt);
    return out;
  };

  // ---- services
  const findService = (c, ref) => {
    const name = ref.startsWith('arn:') ? ref.split('/').pop() : ref;
    return scheduler.services.get(`${c.arn.replace(':cluster/', ':service/')}/${name}`);
  };
  const activeTaskDefinition = ref => {
    const td = findTaskDefinition(ref);
    if (!td) throw clientError('TaskDefinition not found.');
    if (td.status !== 'ACTIVE') throw clientError('TaskDefinition is inactive');
    return td;
  };
  const checkLoadBalancers = (loadBalancers, td) => {
    for (const lb of loadBalancers ?? []) {
      if (!lb.targetGroupArn || !targetGroup(lb.targetGroupArn))
        throw invalid(`Unable to find target group ${lb.targetGroupArn}.`);
      const container = td.containerDefinitions.find(c => c.name === lb.containerName);
      if (!container || !container.portMappings.some(p => p.containerPort === lb.containerPort))
        throw invalid(
          `The container ${lb.containerName} did not have a container port ${lb.containerPort} defined.`
        );
    }
  };
  const createService = input => {
    const c = cluster(input.cluster);
    if (!NAME.test(input.serviceName))
      throw invalid('Service name can have up to 255 letters, numbers, hyphens and underscores.');
    const existing = findService(c, input.serviceName);
    if (existing && existing.status === 'ACTIVE') throw invalid('Creation of service was not idempotent.');
    if (!input.taskDefinition) throw invalid('TaskDefinition must be specified.');
    const td = activeTaskDefinition(input.taskDefinition);
    checkLoadBalancers(input.loadBalancers, td);
    if (td.networkMode === 'awsvpc' && !input.networkConfiguration)
      throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    if (input.deploymentController?.type && input.deploymentController.type !== 'ECS')
      throw invalid(
        `The emulator models the rolling update (ECS) deployment controller only, not ${input.deploymentController.type}.`
      );
    validateTags(input.tags);
    const service = scheduler.createService({
      name: input.serviceName,
      cluster: c,
      taskDefinition: td,
      desiredCount: input.desiredCount ?? 0,
      loadBalancers: input.loadBalancers ?? [],
      deploymentConfiguration: { ...DEFAULT_DEPLOYMENT_CONFIGURATION, ...input.deploymentConfiguration },
      healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds ?? 0,
      launchType: input.launchType ?? (td.requiresCompatibilities?.includes('FARGATE') ? 'FARGATE' : 'EC2'),
      networkConfiguration: input.networkConfiguration,
      roleArn: input.role,
      tags: input.tags ?? [],
      propagateTags: input.propagateTags,
      enableECSManagedTags: input.enableECSManagedTags,
      createdBy: callerArn
    });
    if (input.tags?.length) tags.set(service.arn, [...input.tags]);
    return service;
  };

  // ---- tasks
  const findTask = (c, ref) => {
    const task = runner.get(ref);
    return task && task.cluster === c ? task : undefined;
  };

  // ---- tags
  const taggable = resourceArn => {
    if (!resourceArn?.startsWith(`arn:aws:ecs:${region}:${accountId}:`)) return false;
    if ([...clusters.values()].some(c => c.arn === resourceArn)) return true;
    if (scheduler.services.has(resourceArn)) return true;
    if (runner.tasks.has(resourceArn)) return true;
    const { family, revision } = parseTaskDefinitionRef(resourceArn);
    return resourceArn.includes(':task-definition/') && Boolean(families.get(family)?.[revision - 1]);
  };
  const requireTaggable = resourceArn => {
    if (!taggable(resourceArn))
      throw new AwsError('ResourceNotFoundException', 'The specified resource could not be found.');
  };
  const tagsOf = resourceArn => {
    if (runner.tasks.has(resourceArn) && !tags.has(resourceArn))
      return runner.tasks.get(resourceArn).tags ?? [];
    return tags.get(resourceArn) ?? [];
  };

  const api = {
    CreateCluster({ clusterName = 'default', tags: clusterTags }) {
      validateTags(clusterTags);
      const c = createCluster(clusterName);
      if (clusterTags?.length) tags.set(c.arn, [...clusterTags]);
      return { cluster: describeCluster(c, true) };
    },
    DescribeClusters({ clusters: refs = ['default'], include = [] }) {
      const found = [];
      const failures = [];
      for (const ref of refs) {
        try {
          found.push(describeCluster(cluster(ref), include.includes('TAGS')));
        } catch {
          failures.push({ arn: ref.startsWith('arn:') ? ref : arn(`cluster/${ref}`), reason: 'MISSING' });
        }
      }
      return { clusters: found, failures };
    },
    ListClusters() {
      return { clusterArns: [...clusters.values()].map(c => c.arn) };
    },
    RegisterTaskDefinition(input) {
      const td = registerTaskDefinition(input);
      return { taskDefinition: describeTaskDefinition(td), tags: tags.get(td.taskDefinitionArn) ?? [] };
    },
    DescribeTaskDefinition({ taskDefinition, include = [] }) {
      const td = findTaskDefinition(taskDefinition);
      if (!td) throw clientError('Unable to describe task definition.');
      return {
        taskDefinition: describeTaskDefinition(td),
        tags: include.includes('TAGS') ? (tags.get(td.taskDefinitionArn) ?? []) : undefined
      };
    },
    DeregisterTaskDefinition({ taskDefinition }) {
      const { revision } = parseTaskDefinitionRef(taskDefinition);
      if (revision === undefined || !Number.isInteger(revision))
        throw clientError('Revision must be specified: family:revision or the full ARN.');
      const td = findTaskDefinition(taskDefinition);
      if (!td) throw clientError('The specified task definition does not exist.');
      if (td.status === 'ACTIVE') {
        td.status = 'INACTIVE';
        td.deregisteredAt = Date.now();
      }
      return { taskDefinition: describeTaskDefinition(td) };
    },
    ListTaskDefinitions({ familyPrefix, status = 'ACTIVE', sort = 'ASC', nextToken, maxResults }) {
      const all = [...families.entries()]
        .filter(([family]) => !familyPrefix || family.startsWith(familyPrefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([, revisions]) => revisions)
        .filter(td => td.status === status)
        .map(td => td.taskDefinitionArn);
      if (sort === 'DESC') all.reverse();
      const { items, nextToken: next } = page(all, nextToken, maxResults);
      return { taskDefinitionArns: items, nextToken: next };
    },
    ListTaskDefinitionFamilies({ familyPrefix, status = 'ACTIVE', nextToken, maxResults }) {
      const all = [...families.entries()]
        .filter(([family]) => !familyPrefix || family.startsWith(familyPrefix))
        .filter(([, revisions]) => status === 'ALL' || revisions.some(td => td.status === status))
        .map(([family]) => family)
        .sort();
      const { items, nextToken: next } = page(all, nextToken, maxResults);
      return { families: items, nextToken: next };
    },
    CreateService(input) {
      const service = createService(input);
      return { service: scheduler.describe(service) };
    },
    DescribeServices({ cluster: clusterRef, services, include = [] }) {
      const c = cluster(clusterRef);
      if (services.length === 0 || services.length > 10)
        throw invalid('services can have between 1 and 10 items.');
      const found = [];
      const failures = [];
      for (const ref of services) {
        const service = findService(c, ref);
        if (service) found.push(scheduler.describe(service, { includeTags: include.includes('TAGS') }));
        else
          failures.push({
            arn: ref.startsWith('arn:') ? ref : arn(`service/${c.name}/${ref}`),
            reason: 'MISSING'
          });
      }
      return { services: found, failures };
    },
    ListServices({ cluster: clusterRef, nextToken, maxResults = 10 }) {
      const c = cluster(clusterRef);
      const all = [...scheduler.services.values()]
        .filter(s => s.cluster === c && s.status === 'ACTIVE')
        .map(s => s.arn);
      const { items, nextToken: next } = page(all, nextToken, maxResults);
      return { serviceArns: items, nextToken: next };
    },
    UpdateService(input) {
      const c = cluster(input.cluster);
      const service = findService(c, input.service);
      if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
      if (service.status !== 'ACTIVE')
        throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
      const td = input.taskDefinition ? activeTaskDefinition(input.taskDefinition) : undefined;
      if (input.loadBalancers) checkLoadBalancers(input.loadBalancers, td ?? service.taskDefinition);
      if (input.desiredCount !== undefined && input.desiredCount < 0)
        throw invalid('desiredCount must be at least 0.');
      scheduler.updateService(service, { ...input, taskDefinition: td });
      return { service: scheduler.describe(service) };
    },
    DeleteService({ cluster: clusterRef, service: ref, force }) {
      const c = cluster(clusterRef);
      const service = findService(c, ref);
      if (!service || service.status !== 'ACTIVE')
        throw new AwsError('ServiceNotFoundException', 'Service not found.');
      if (service.desiredCount > 0 && !force)
        throw invalid('The service cannot be stopped while it is scaled above 0.');
      scheduler.deleteService(service);
      return { service: scheduler.describe(service) };
    },
    ListTasks({
      cluster: clusterRef,
      serviceName,
      family,
      desiredStatus = 'RUNNING',
      startedBy,
      launchType,
      nextToken,
      maxResults = 100
    }) {
      const c = cluster(clusterRef);
      let service;
      if (serviceName) {
        service = findService(c, serviceName);
        if (!service) throw new AwsError('ServiceNotFoundException', 'Service not found.');
      }
      const all = [...runner.tasks.values()]
        .filter(t => t.cluster === c)
        .filter(t => !service || t.serviceArn === service.arn)
        .filter(t => !family || t.taskDefinition.family === family)
        .filter(t => !startedBy || t.startedBy === startedBy)
        .filter(t => !launchType || t.launchType === launchType)
        .filter(t =>
          desiredStatus === 'PENDING'
            ? t.desiredStatus === 'RUNNING' && ['PROVISIONING', 'PENDING'].includes(t.lastStatus)
            : t.desiredStatus === desiredStatus
        )
        .map(t => t.arn);
      const { items, nextToken: next } = page(all, nextToken, maxResults);
      return { taskArns: items, nextToken: next };
    },
    DescribeTasks({ cluster: clusterRef, tasks: refs, include = [] }) {
      const c = cluster(clusterRef);
      if (refs.length > 100) throw invalid('Tasks cannot be more than 100.');
      const found = [];
      const failures = [];
      for (const ref of refs) {
        const task = findTask(c, ref);
        if (task) found.push(runner.describe(task, { includeTags: include.includes('TAGS') }));
        else
          failures.push({
            arn: ref.startsWith('arn:') ? ref : arn(`task/${c.name}/${ref}`),
            reason: 'MISSING'
          });
      }
      return { tasks: found, failures };
    },
    StopTask({ cluster: clusterRef, task: ref, reason }) {
      const c = cluster(clusterRef);
      const task = findTask(c, ref);
      if (!task) throw invalid('The referenced task was not found.');
      const stoppedReason = reason ?? 'Task stopped by user';
      const service = scheduler.services.get(task.serviceArn);
      if (service) scheduler.stopTask(service, task, { reason: stoppedReason, stopCode: 'UserInitiated' });
      else runner.stop(task, { stopCode: 'UserInitiated', reason: stoppedReason });
      return { task: runner.describe(task) };
    },
    TagResource({ resourceArn, tags: newTags }) {
      requireTaggable(resourceArn);
      validateTags(newTags);
      const merged = new Map(tagsOf(resourceArn).map(t => [t.key, t]));
      for (const t of newTags) merged.set(t.key, t);
      tags.set(resourceArn, [...merged.values()]);
      return {};
    },
    UntagResource({ resourceArn, tagKeys }) {
      requireTaggable(resourceArn);
      tags.set(
        resourceArn,
        tagsOf(resourceArn).filter(t => !tagKeys.includes(t.key))
      );
      return {};
    },
    ListTagsForResource({ resourceArn }) {
      requireTaggable(resourceArn);
      return { tags: tagsOf(resourceArn) };
    }
  };

  return {
    api,
    createCluster,
    cluster,
    findService,
    findTaskDefinition,
    registerTaskDefinition,
    tagsOf
  };
}
