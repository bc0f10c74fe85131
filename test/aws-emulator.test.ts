import {
  CreateServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RegisterTaskDefinitionCommandInput,
  Service,
  TagResourceCommand,
  Task,
  UntagResourceCommand,
  UpdateServiceCommand,
  waitUntilServicesStable
} from '@aws-sdk/client-ecs';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AwsEmulator,
  awsModels,
  awsProtocols,
  circuitBreakerThreshold,
  startAwsEmulator,
  TargetGroupSettings
} from './helpers/aws.js';

// One AWS second lasts 100 ms here: a 5 s health check interval is 0.5 s, a 30 s grace period 3 s.
const SECOND_MS = 100;
const sampleApp = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  'scripts/peers/aws/sample-app.mjs'
);

let emulator: AwsEmulator;
let ecs: ECSClient;
let elb: ElasticLoadBalancingV2Client;
let logs: CloudWatchLogsClient;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startAwsEmulator({ secondMs: SECOND_MS });
  // the SDK finds the emulator through its standard variables, as shipgate's ECS target will
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  Object.assign(process.env, emulator.env);
  // (the SDK's notice that its 2027 releases need Node 22 is not what this file tests)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  ecs = new ECSClient({});
  elb = new ElasticLoadBalancingV2Client({});
  logs = new CloudWatchLogsClient({});
  const image = (name: string, env: Record<string, string>) =>
    emulator.registerImage(name, { command: process.execPath, args: [sampleApp], env });
  image('shop/api:v1', { APP_VERSION: 'v1' });
  image('shop/api:v2', { APP_VERSION: 'v2' });
  image('shop/api:boot-crash', { APP_VERSION: 'v3', EXIT_AT_BOOT: '3' });
  image('shop/api:late-crash', { APP_VERSION: 'v4', CRASH_AFTER_MS: '2500' });
  image('shop/api:needs-env', { APP_VERSION: 'v5', REQUIRED_ENV: 'DB_HOST,JWT_ACCESS_SECRET' });
  image('shop/api:unhealthy', { APP_VERSION: 'v6', HEALTH_STATUS: '503' });
  emulator.createLogGroup('/ecs/shop');
});

afterAll(async () => {
  ecs?.destroy();
  elb?.destroy();
  logs?.destroy();
  await emulator?.stop();
  process.env = savedEnv;
});

afterEach(() => {
  // every message either way matched the published models (and every signature was valid)
  expect(emulator.errors()).toEqual([]);
});

const healthCheck: Omit<TargetGroupSettings, 'name'> = {
  healthCheckPath: '/health',
  healthCheckIntervalSeconds: 5,
  healthCheckTimeoutSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 5
};

function taskDefinition(
  family: string,
  image: string,
  extra: Record<string, unknown> = {}
): RegisterTaskDefinitionCommandInput {
  return {
    family,
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'api',
        image,
        memory: 128,
        portMappings: [{ containerPort: 8080 }],
        environment: [{ name: 'SERVER_ENV', value: 'production' }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/shop',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': family
          }
        },
        ...extra
      }
    ]
  };
}

let clusters = 0;
/** A cluster with one service of 2 tasks of `image` behind a load balancer, steady. */
async function steadyService(
  family: string,
  {
    image = 'shop/api:v1',
    breaker = { enable: true, rollback: true },
    targetGroup = {}
  }: {
    image?: string;
    breaker?: { enable: boolean; rollback: boolean };
    targetGroup?: Partial<TargetGroupSettings>;
  } = {}
): Promise<{ cluster: string; service: string; url: string; targetGroupArn: string; firstRevision: string }> {
  const cluster = `c${++clusters}`;
  emulator.createCluster(cluster);
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(family, image)));
  const tg = await emulator.createTargetGroup({ name: `${family}-tg`, ...healthCheck, ...targetGroup });
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'api',
      taskDefinition: registered.taskDefinition!.taskDefinitionArn,
      desiredCount: 2,
      loadBalancers: [{ targetGroupArn: tg.arn, containerName: 'api', containerPort: 8080 }],
      healthCheckGracePeriodSeconds: 30,
      deploymentConfiguration: {
        minimumHealthyPercent: 100,
        maximumPercent: 200,
        deploymentCircuitBreaker: breaker
      }
    })
  );
  await until(
    () => describeService(cluster),
    s => onlyDeployment(s)?.rolloutState === 'COMPLETED'
  );
  return {
    cluster,
    service: 'api',
    url: tg.url,
    targetGroupArn: tg.arn,
    firstRevision: registered.taskDefinition!.taskDefinitionArn!
  };
}

async function describeService(cluster: string): Promise<Service> {
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: ['api'] }));
  return services![0];
}

function onlyDeployment(service: Service) {
  return service.deployments?.length === 1 ? service.deployments[0] : undefined;
}

async function stoppedTasks(cluster: string): Promise<Task[]> {
  const { taskArns } = await ecs.send(
    new ListTasksCommand({ cluster, serviceName: 'api', desiredStatus: 'STOPPED' })
  );
  if (!taskArns?.length) return [];
  const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }));
  return tasks ?? [];
}

/** Polls `read` until `done` holds (states, never durations: the limit only stops a hung test). */
async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  limitMs = 40_000
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: T;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting; last state: ${JSON.stringify(last, null, 1).slice(0, 3000)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** The version a request through the load balancer reaches, or "HTTP <status>" when it fails. */
async function version(url: string, path = '/health'): Promise<string> {
  const res = await fetch(`${url}${path}`);
  const text = await res.text();
  return res.status === 200 ? (JSON.parse(text) as { version: string }).version : `HTTP ${res.status}`;
}

describe('the models and the rules, without processes', () => {
  const ecsModel = awsModels.getModel('ecs');
  const elbModel = awsModels.getModel('elbv2');

  test('a response with a wrong member name, a missing required member, a wrong enum or a wrong timestamp is refused', () => {
    const good = {
      services: [
        {
          serviceName: 'api',
          deployments: [
            { id: 'ecs-svc/1', rolloutState: 'COMPLETED', failedTasks: 0, createdAt: 1_700_000_000.5 }
          ]
        }
      ],
      failures: []
    };
    expect(awsModels.validateOutput(ecsModel, 'DescribeServices', good)).toEqual([]);
    const problems = awsModels.validateOutput(ecsModel, 'DescribeServices', {
      services: [
        {
          serviceName: 'api',
          deployments: [
            {
              id: 'ecs-svc/1',
              rolloutState: 'DONE',
              failedTask: 1,
              createdAt: '2026-01-01T00:00:00Z',
              runningCount: '2'
            }
          ]
        }
      ]
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Deployment has no member "failedTask"'),
        expect.stringContaining('"DONE" is not a value of enum DeploymentRolloutState'),
        expect.stringContaining('createdAt: expected a timestamp in epoch seconds'),
        expect.stringContaining('runningCount: expected a number')
      ])
    );
    expect(
      awsModels.validateOutput(elbModel, 'DescribeTargetHealth', {
        TargetHealthDescriptions: [{ TargetHealth: { State: 'ok' } }]
      })
    ).toEqual([expect.stringContaining('"ok" is not a value of enum TargetHealthStateEnum')]);
    expect(awsModels.validateInput(ecsModel, 'DescribeServices', { cluster: 'c' })).toEqual([
      expect.stringContaining('DescribeServicesRequest requires "services"')
    ]);
    expect(
      awsModels.validateError(ecsModel, 'ClusterNotFoundException', { message: 'Cluster not found.' })
    ).toEqual([]);
    expect(awsModels.validateError(ecsModel, 'ClusterMissingException', { message: 'x' })).toEqual([
      expect.stringContaining('has no error ClusterMissingException')
    ]);
  });

  test('the protocol layers answer 500 and record it when a handler returns what the model does not have', async () => {
    const recorded: string[] = [];
    const hooks = {
      recordError: (m: string) => recorded.push(m),
      recordCall: () => {},
      takeInjected: () => undefined
    };
    const ecsHandle = awsProtocols.createJsonProtocol({
      model: ecsModel,
      handlers: { ListClusters: () => ({ clusterArn: ['arn:aws:ecs:us-east-1:1:cluster/c'] }) },
      hooks
    });
    const answer = await ecsHandle({
      headers: {
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
        'content-type': 'application/x-amz-json-1.1'
      },
      body: '{}'
    });
    expect(answer.status).toBe(500);
    expect(recorded).toEqual([expect.stringContaining('ListClustersResponse has no member "clusterArn"')]);

    const elbHandle = awsProtocols.createQueryProtocol({
      model: elbModel,
      handlers: {
        DescribeTargetHealth: () => ({ TargetHealthDescriptions: [{ TargetHealth: { Status: 'healthy' } }] })
      },
      hooks
    });
    const form = (body: string) =>
      elbHandle({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await form('Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=a')).status).toBe(500);
    expect(recorded[1]).toContain('TargetHealth has no member "Status"');
    // a request parameter the model does not have is refused too
    expect(
      (await form('Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=a&Target.member.1.Id=x'))
        .status
    ).toBe(500);
    expect(recorded[2]).toContain('unknown parameter Target.member.1.Id');
  });

  test('the circuit breaker threshold: clamp(ceil(0.5 x desired), 3, 200), or as configured', () => {
    expect([1, 2, 6, 7, 10, 400, 1000].map(n => circuitBreakerThreshold(n))).toEqual([
      3, 3, 3, 4, 5, 200, 200
    ]);
    expect(circuitBreakerThreshold(10, { thresholdConfiguration: { type: 'COUNT', value: 1 } })).toBe(1);
    expect(
      circuitBreakerThreshold(1000, { thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } })
    ).toBe(500);
  });
});

describe('ECS, ELBv2 and CloudWatch Logs through the real AWS SDK', () => {
  test('a good rolling deploy: the service ends on the new revision, old tasks drained and stopped, COMPLETED', async () => {
    // a deregistration delay longer than the requests: those in flight finish on the old tasks
    const site = await steadyService('good', {
      targetGroup: { deregistrationDelaySeconds: 20, healthyThresholdCount: 3 }
    });
    expect(await version(site.url)).toBe('v1');
    // clients keep sending 1 s requests through the whole deploy
    const answers: Promise<string>[] = [];
    let deploying = true;
    const traffic = (async () => {
      while (deploying) {
        answers.push(version(site.url, '/slow?ms=1000').catch(error => String(error)));
        await new Promise(r => setTimeout(r, 150));
      }
    })();
    const v2 = await ecs.send(
      new RegisterTaskDefinitionCommand({
        ...taskDefinition('good', 'shop/api:v2'),
        tags: [{ key: 'shipgate:release', value: 'r2' }]
      })
    );
    const v2Arn = v2.taskDefinition!.taskDefinitionArn!;
    expect(v2.taskDefinition).toMatchObject({ revision: 2, status: 'ACTIVE', family: 'good' });
    expect(v2.taskDefinition!.registeredAt).toBeInstanceOf(Date);

    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster: site.cluster, service: 'api', taskDefinition: v2Arn })
    );
    expect(updated.service!.deployments!.map(d => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', v2Arn, 'IN_PROGRESS'],
      ['ACTIVE', site.firstRevision, 'COMPLETED']
    ]);

    const targetStates = new Set<string>();
    const done = await until(
      async () => {
        const { TargetHealthDescriptions } = await elb.send(
          new DescribeTargetHealthCommand({ TargetGroupArn: site.targetGroupArn })
        );
        for (const t of TargetHealthDescriptions!)
          targetStates.add(`${t.TargetHealth!.State} ${t.TargetHealth!.Reason ?? ''}`.trim());
        return describeService(site.cluster);
      },
      s => onlyDeployment(s)?.taskDefinition === v2Arn && onlyDeployment(s)?.rolloutState === 'COMPLETED'
    );
    // new targets were checked before they took traffic; old ones drained their requests
    expect([...targetStates]).toEqual(
      expect.arrayContaining([
        'healthy',
        'initial Elb.InitialHealthChecking',
        'draining Target.DeregistrationInProgress'
      ])
    );
    deploying = false;
    await traffic;
    // no request failed: new tasks took traffic once healthy, old ones only after their requests ended
    const served = await Promise.all(answers);
    expect(served.filter(v => v !== 'v1' && v !== 'v2')).toEqual([]);
    expect(served).toContain('v1');
    expect(served).toContain('v2');
    expect(done).toMatchObject({ runningCount: 2, desiredCount: 2, taskDefinition: v2Arn });
    expect(done.deployments![0]).toMatchObject({ status: 'PRIMARY', runningCount: 2, failedTasks: 0 });
    const events = done.events!.map(e => e.message!);
    expect(events[0]).toBe('(service api) has reached a steady state.');
    expect(events).toContain(`(service api) (deployment ${done.deployments![0].id}) deployment completed.`);
    expect(
      events.some(e =>
        /^\(service api\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(e)
      )
    ).toBe(true);
    expect(events.filter(e => e.includes('has begun draining connections on 1 tasks.'))).toHaveLength(2);

    const old = await stoppedTasks(site.cluster);
    expect(old).toHaveLength(2);
    for (const task of old) {
      expect(task).toMatchObject({
        taskDefinitionArn: site.firstRevision,
        lastStatus: 'STOPPED',
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: `Scaling activity initiated by (deployment ${done.deployments![0].id})`
      });
      expect(task.containers![0].exitCode).toBe(0); // the app ended on SIGTERM
      expect(task.stoppedAt!.getTime()).toBeGreaterThanOrEqual(task.stoppingAt!.getTime());
    }
    // only new tasks are registered, all healthy, and they answer through the load balancer
    const { TargetHealthDescriptions: targets } = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: site.targetGroupArn })
    );
    const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: site.cluster, serviceName: 'api' }));
    const { tasks } = await ecs.send(
      new DescribeTasksCommand({ cluster: site.cluster, tasks: taskArns!, include: ['TAGS'] })
    );
    expect(tasks!.map(t => t.taskDefinitionArn)).toEqual([v2Arn, v2Arn]);
    expect(targets!.map(t => t.TargetHealth!.State)).toEqual(['healthy', 'healthy']);
    expect(targets!.map(t => t.Target!.Port).sort()).toEqual(
      tasks!.map(t => t.containers![0].networkBindings![0].hostPort).sort()
    );
    expect(await version(site.url)).toBe('v2');
    expect(emulator.servingTaskDefinitions(site.cluster, 'api')).toEqual([v2Arn]);
    // round robin over the healthy targets
    const pids = new Set<number>();
    for (let i = 0; i < 4; i += 1)
      pids.add(((await (await fetch(`${site.url}/`)).json()) as { pid: number }).pid);
    expect(pids.size).toBe(2);
    // a container gets its task definition's environment, its port, and nothing of the host's
    const { env } = (await (await fetch(`${site.url}/env`)).json()) as { env: string[] };
    expect(env).toEqual(expect.arrayContaining(['PORT', 'SERVER_ENV', 'APP_VERSION', 'AWS_REGION']));
    for (const leaked of ['HOME', 'AWS_ACCESS_KEY_ID', 'JEST_WORKER_ID', 'NODE_OPTIONS'])
      expect(env).not.toContain(leaked);

    // a release id kept on the revision as a tag
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'good', include: ['TAGS'] })
    );
    expect(described.taskDefinition!.taskDefinitionArn).toBe(v2Arn);
    expect(described.tags).toEqual([{ key: 'shipgate:release', value: 'r2' }]);
    await ecs.send(
      new TagResourceCommand({
        resourceArn: site.firstRevision,
        tags: [{ key: 'shipgate:bad', value: 'true' }]
      })
    );
    await ecs.send(new UntagResourceCommand({ resourceArn: v2Arn, tagKeys: ['shipgate:release'] }));
    expect(
      (await ecs.send(new ListTagsForResourceCommand({ resourceArn: site.firstRevision }))).tags
    ).toEqual([{ key: 'shipgate:bad', value: 'true' }]);
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: v2Arn }))).tags).toEqual([]);

    // an inactive revision cannot be deployed, as on ECS
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: site.firstRevision }));
    const listed = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'good', sort: 'DESC' }));
    expect(listed.taskDefinitionArns).toEqual([v2Arn]);
    await expect(
      ecs.send(
        new UpdateServiceCommand({
          cluster: site.cluster,
          service: 'api',
          taskDefinition: site.firstRevision
        })
      )
    ).rejects.toMatchObject({ name: 'ClientException', message: 'TaskDefinition is inactive' });
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster: site.cluster, service: 'nope', taskDefinition: v2Arn }))
    ).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
    await expect(
      ecs.send(new DescribeServicesCommand({ cluster: 'no-such-cluster', services: ['api'] }))
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException'
    });

    // forceNewDeployment replaces every task with the same revision
    const before = tasks!.map(t => t.taskArn);
    const forced = await ecs.send(
      new UpdateServiceCommand({ cluster: site.cluster, service: 'api', forceNewDeployment: true })
    );
    const forcedId = forced.service!.deployments![0].id;
    expect(forcedId).not.toBe(done.deployments![0].id);
    await until(
      () => describeService(site.cluster),
      s => onlyDeployment(s)?.id === forcedId && onlyDeployment(s)?.rolloutState === 'COMPLETED'
    );
    const after = await ecs.send(new ListTasksCommand({ cluster: site.cluster, serviceName: 'api' }));
    expect(after.taskArns).toHaveLength(2);
    expect(after.taskArns!.filter(arn => before.includes(arn))).toEqual([]);
    expect(emulator.servingTaskDefinitions(site.cluster, 'api')).toEqual([v2Arn]);
  });

  test('a crash at boot: the circuit breaker fails the deployment and rolls back; without rollback it stays FAILED', async () => {
    const [withRollback, withoutRollback] = await Promise.all([
      steadyService('boot'),
      steadyService('boot-stay', { breaker: { enable: true, rollback: false } })
    ]);
    const deploy = async (site: typeof withRollback, family: string) => {
      const bad = await ecs.send(
        new RegisterTaskDefinitionCommand(taskDefinition(family, 'shop/api:boot-crash'))
      );
      const { service } = await ecs.send(
        new UpdateServiceCommand({
          cluster: site.cluster,
          service: 'api',
          taskDefinition: bad.taskDefinition!.taskDefinitionArn
        })
      );
      return { badArn: bad.taskDefinition!.taskDefinitionArn!, deploymentId: service!.deployments![0].id! };
    };
    const [rolled, stalled] = await Promise.all([
      deploy(withRollback, 'boot'),
      deploy(withoutRollback, 'boot-stay')
    ]);

    const after = await until(
      () => describeService(withRollback.cluster),
      s =>
        onlyDeployment(s)?.rolloutState === 'COMPLETED' &&
        onlyDeployment(s)?.taskDefinition === withRollback.firstRevision
    );
    // the failed deployment is gone: the anchor action reads exactly this as "rolled back"
    expect(after.deployments!.map(d => d.id)).not.toContain(rolled.deploymentId);
    const events = after.events!.map(e => e.message!);
    expect(events).toContain(
      `(service api) (deployment ${rolled.deploymentId}) deployment failed: tasks failed to start.`
    );
    expect(events.some(e => /^\(service api\) rolling back to deployment ecs-svc\/\d{19}\.$/.test(e))).toBe(
      true
    );
    expect(await version(withRollback.url)).toBe('v1');
    const crashed = (await stoppedTasks(withRollback.cluster)).filter(
      t => t.taskDefinitionArn === rolled.badArn
    );
    expect(crashed.length).toBeGreaterThanOrEqual(3);
    expect(
      crashed.some(t => t.stopCode === 'EssentialContainerExited' && t.containers![0].exitCode === 3)
    ).toBe(true);

    const failed = await until(
      () => describeService(withoutRollback.cluster),
      s => s.deployments![0].rolloutState === 'FAILED'
    );
    expect(failed.deployments!.map(d => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'FAILED'],
      ['ACTIVE', 'COMPLETED']
    ]);
    expect(failed.deployments![0]).toMatchObject({
      id: stalled.deploymentId,
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'
    });
    expect(failed.deployments![0].failedTasks).toBeGreaterThanOrEqual(3);
    // the old tasks keep serving; the failed deployment launches nothing more
    expect(await version(withoutRollback.url)).toBe('v1');
    // (its last tasks crash out; none is started again)
    await until(
      () => emulator.servingTaskDefinitions(withoutRollback.cluster, 'api'),
      serving => serving.length === 1 && serving[0] === withoutRollback.firstRevision
    );
    const stillFailed = await describeService(withoutRollback.cluster);
    expect(stillFailed.deployments![0]).toMatchObject({
      rolloutState: 'FAILED',
      runningCount: 0,
      pendingCount: 0
    });
    expect(stillFailed.deployments![1]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 });
  });

  test('a crash 25 s after start: tasks pass their health checks, then stop; clients see 200 and 503', async () => {
    const site = await steadyService('late');
    const late = await ecs.send(
      new RegisterTaskDefinitionCommand(taskDefinition('late', 'shop/api:late-crash'))
    );
    const lateArn = late.taskDefinition!.taskDefinitionArn!;
    const { service: updated } = await ecs.send(
      new UpdateServiceCommand({
        cluster: site.cluster,
        service: 'api',
        taskDefinition: lateArn,
        desiredCount: 1
      })
    );
    // the stability waiter aws-actions/amazon-ecs-deploy-task-definition waits with (its delays shortened):
    // one deployment, running = desired; it answers SUCCESS for this release, which crashes a moment later
    const waited = await waitUntilServicesStable(
      { client: ecs, minDelay: 0.2, maxDelay: 0.5, maxWaitTime: 40 },
      { cluster: site.cluster, services: ['api'] }
    );
    expect(waited.state).toBe('SUCCESS');
    const stable = await describeService(site.cluster);
    expect(stable.deployments!.find(d => d.id === updated!.deployments![0].id)?.rolloutState).toBe(
      'COMPLETED'
    );

    // a client loop through the load balancer, as users saw it
    const seen: string[] = [];
    let failedTasksSeen = 0;
    let sawHealthyLate = false;
    const observe = async () => {
      seen.push(await version(site.url).catch(() => 'error'));
      const s = await describeService(site.cluster);
      failedTasksSeen = Math.max(failedTasksSeen, ...s.deployments!.map(d => d.failedTasks ?? 0));
      const { TargetHealthDescriptions } = await elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: site.targetGroupArn })
      );
      const latePorts = emulator
        .tasks(site.cluster, 'api')
        .filter(t => t.taskDefinitionArn === lateArn)
        .map(t => t.hostPort);
      sawHealthyLate ||= TargetHealthDescriptions!.some(
        t => t.TargetHealth!.State === 'healthy' && latePorts.includes(t.Target!.Port)
      );
    };
    // until the new revision alone served, crashed (clients got errors), was replaced and served again
    await until(observe, () => {
      const alone = seen.indexOf('v4', seen.lastIndexOf('v1') + 1);
      const gap = alone >= 0 ? seen.findIndex((s, i) => i > alone && s !== 'v4') : -1;
      return gap > 0 && seen.indexOf('v4', gap) > gap;
    });
    expect(sawHealthyLate).toBe(true);
    expect(failedTasksSeen).toBeGreaterThanOrEqual(1);
    expect(seen.filter(s => s === 'HTTP 503' || s === 'HTTP 502').length).toBeGreaterThan(0);

    const crashed = (await stoppedTasks(site.cluster)).filter(t => t.taskDefinitionArn === lateArn);
    expect(crashed.length).toBeGreaterThanOrEqual(1);
    expect(crashed[0]).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED'
    });
    expect(crashed[0].containers![0]).toMatchObject({ exitCode: 2, lastStatus: 'STOPPED' });
    expect(crashed[0].startedAt).toBeInstanceOf(Date);
    const s = await describeService(site.cluster);
    expect(s.events!.filter(e => /has started 1 tasks/.test(e.message!)).length).toBeGreaterThanOrEqual(1);

    // the panic is in CloudWatch Logs, in the task's awslogs stream
    const taskId = crashed[0].taskArn!.split('/').pop()!;
    const stream = `late/api/${taskId}`;
    const { logStreams } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/ecs/shop', logStreamNamePrefix: 'late/api/' })
    );
    expect(logStreams!.map(l => l.logStreamName)).toContain(stream);
    const { events } = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/ecs/shop', logStreamName: stream, startFromHead: true })
    );
    expect(events!.map(e => e.message)).toEqual([
      expect.stringContaining('listening on'),
      expect.stringContaining('panic: runtime error: invalid memory address')
    ]);
    expect(events![0].timestamp).toBeLessThanOrEqual(events![1].timestamp!);
    const filtered = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/ecs/shop',
        logStreamNamePrefix: 'late/',
        filterPattern: 'panic'
      })
    );
    expect(filtered.events!.length).toBeGreaterThanOrEqual(1);
    expect(
      filtered.events!.every(e => e.message!.includes('panic') && e.logStreamName!.startsWith('late/api/'))
    ).toBe(true);
  });

  test('an image that does not exist never reaches RUNNING; a missing variable ends the app at boot', async () => {
    const cluster = `c${++clusters}`;
    emulator.createCluster(cluster);
    const service = await emulator.createService({
      cluster,
      serviceName: 'api',
      taskDefinition: taskDefinition('pull', 'shop/api:v9'),
      desiredCount: 1,
      loadBalancers: [
        { targetGroup: { name: 'pull-tg', ...healthCheck }, containerName: 'api', containerPort: 8080 }
      ]
    });
    const [task] = await until(
      () => stoppedTasks(cluster),
      tasks => tasks.length >= 1 && tasks[0].lastStatus === 'STOPPED'
    );
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
    expect(task.stoppedReason).toMatch(/^CannotPullContainerError: .*shop\/api:v9/);
    expect(task.startedAt).toBeUndefined();
    expect(task.containers![0].reason).toMatch(/^CannotPullContainerError/);
    const { TargetHealthDescriptions } = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: service.targetGroupArns[0] })
    );
    expect(TargetHealthDescriptions).toEqual([]);
    expect(await version(service.url!)).toBe('HTTP 503'); // no target: the load balancer answers itself

    // the incident's missing DB_HOST: the process starts and exits 1; its reason is in its logs
    const envCluster = `c${++clusters}`;
    emulator.createCluster(envCluster);
    emulator.setSecret('arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt', 's3cret');
    await emulator.createService({
      cluster: envCluster,
      serviceName: 'api',
      taskDefinition: taskDefinition('env', 'shop/api:needs-env', {
        secrets: [
          { name: 'JWT_ACCESS_SECRET', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt' }
        ]
      }),
      desiredCount: 1
    });
    const [exited] = await until(
      () => stoppedTasks(envCluster),
      tasks => tasks.some(t => t.lastStatus === 'STOPPED')
    );
    expect(exited.containers![0].exitCode).toBe(1);
    expect(emulator.taskOutput(exited.taskArn!)).toEqual(['fatal: missing environment variables: DB_HOST']);
  });

  test('load balancer health: initial, unhealthy (bad code, timeout), unused; unhealthy targets are replaced', async () => {
    const cluster = `c${++clusters}`;
    emulator.createCluster(cluster);
    emulator.registerImage('shop/api:hangs', {
      command: process.execPath,
      args: [sampleApp],
      env: { APP_VERSION: 'v7', HEALTH_DELAY_MS: '60000' }
    });
    const create = (name: string, image: string) =>
      emulator.createService({
        cluster,
        serviceName: name,
        taskDefinition: taskDefinition(name, image),
        desiredCount: 1,
        healthCheckGracePeriodSeconds: 30,
        loadBalancers: [
          {
            targetGroup: { name: `${name}-tg`, ...healthCheck, unhealthyThresholdCount: 3 },
            containerName: 'api',
            containerPort: 8080
          }
        ]
      });
    const [sick, hangs] = await Promise.all([
      create('sick', 'shop/api:unhealthy'),
      create('hangs', 'shop/api:hangs')
    ]);
    const arn = sick.targetGroupArns[0];
    const states = new Set<string>();
    const unhealthy = await until(
      async () => {
        const r = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
        for (const t of r.TargetHealthDescriptions!)
          states.add(`${t.TargetHealth!.State} ${t.TargetHealth!.Reason}`);
        return r;
      },
      r => r.TargetHealthDescriptions!.some(t => t.TargetHealth!.Reason === 'Target.ResponseCodeMismatch')
    );
    expect([...states]).toContain('initial Elb.InitialHealthChecking');
    expect(
      unhealthy.TargetHealthDescriptions!.find(t => t.TargetHealth!.Reason === 'Target.ResponseCodeMismatch')
    ).toMatchObject({
      Target: { Id: '127.0.0.1' },
      TargetHealth: {
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: 'Health checks failed with these codes: [503]'
      }
    });
    // fail-open: with no healthy target the load balancer still routes to the registered ones
    expect(await version(sick.url!, '/')).toBe('v6');
    const timedOut = await until(
      () => elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: hangs.targetGroupArns[0] })),
      r => r.TargetHealthDescriptions!.some(t => t.TargetHealth!.Reason === 'Target.Timeout')
    );
    expect(timedOut.TargetHealthDescriptions![0].TargetHealth).toEqual({
      State: 'unhealthy',
      Reason: 'Target.Timeout',
      Description: 'Request timed out'
    });
    const { TargetHealthDescriptions: unused } = await elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: arn, Targets: [{ Id: '127.0.0.1', Port: 1 }] })
    );
    expect(unused![0].TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group'
    });

    // after the grace period ECS replaces the task the load balancer finds unhealthy
    const replaced = await until(
      async () => {
        const { taskArns } = await ecs.send(
          new ListTasksCommand({ cluster, serviceName: 'sick', desiredStatus: 'STOPPED' })
        );
        return taskArns!.length
          ? (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns! }))).tasks!
          : [];
      },
      tasks => tasks.length >= 1
    );
    expect(replaced[0].stopCode).toBe('ServiceSchedulerInitiated');
    expect(replaced[0].stoppedReason).toBe(`Task failed ELB health checks in (target-group ${arn})`);
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: ['sick'] }));
    expect(
      services![0].events!.some(e =>
        e.message!.includes(
          `is unhealthy in (target-group ${arn}) due to (reason Health checks failed with these codes: [503])`
        )
      )
    ).toBe(true);
    expect(services![0].deployments![0].failedTasks).toBeGreaterThanOrEqual(1);
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }));
    expect(TargetGroups![0]).toMatchObject({
      TargetGroupName: 'sick-tg',
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200' }
    });
    await expect(
      elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [`${arn}0`] }))
    ).rejects.toMatchObject({
      name: 'TargetGroupNotFoundException'
    });
  });

  test('container health checks: HEALTHY tasks; an UNHEALTHY one is replaced', async () => {
    const cluster = `c${++clusters}`;
    emulator.createCluster(cluster);
    // (node's http, not fetch: a probe must answer within its timeout on a busy machine)
    const probe = `require('http').get('http://127.0.0.1:' + process.env.PORT + '/health', r => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))`;
    const withCheck = (name: string, image: string) =>
      emulator.createService({
        cluster,
        serviceName: name,
        taskDefinition: taskDefinition(name, image, {
          healthCheck: {
            command: ['CMD', process.execPath, '-e', probe],
            interval: 5,
            timeout: 5,
            retries: 2,
            startPeriod: 10
          }
        }),
        desiredCount: 1
      });
    await Promise.all([withCheck('checked', 'shop/api:v1'), withCheck('failing', 'shop/api:unhealthy')]);
    const healthy = await until(
      async () => {
        const { taskArns } = await ecs.send(new ListTasksCommand({ cluster, serviceName: 'checked' }));
        return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns! }))).tasks!;
      },
      tasks => tasks.length === 1 && tasks[0].healthStatus === 'HEALTHY'
    );
    expect(healthy[0].containers![0].healthStatus).toBe('HEALTHY');
    const replaced = await until(
      async () => {
        const { taskArns } = await ecs.send(
          new ListTasksCommand({ cluster, serviceName: 'failing', desiredStatus: 'STOPPED' })
        );
        return taskArns!.length
          ? (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns! }))).tasks!
          : [];
      },
      tasks => tasks.length >= 1
    );
    expect(replaced[0]).toMatchObject({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Task failed container health checks',
      healthStatus: 'UNHEALTHY'
    });
    expect(emulator.service(cluster, 'failing').events).toContain(
      `(service failing) (task ${replaced[0].taskArn!.split('/').pop()}) failed container health checks.`
    );
    expect(emulator.service(cluster, 'checked').deployments[0].rolloutState).toBe('COMPLETED');
  });

  test('injected throttling: the SDK retries, then fails with ThrottlingException', async () => {
    const cluster = `c${++clusters}`;
    emulator.createCluster(cluster);
    const throttled = emulator.injectError('ecs:DescribeServices', 'ThrottlingException', 3);
    const client = new ECSClient({ maxAttempts: 3 });
    await expect(
      client.send(new DescribeServicesCommand({ cluster, services: ['api'] }))
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { attempts: 3 }
    });
    expect(throttled.used).toBe(3);
    // once the throttling ends, the same call goes through
    const { failures } = await client.send(new DescribeServicesCommand({ cluster, services: ['api'] }));
    expect(failures).toEqual([
      { arn: `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/api`, reason: 'MISSING' }
    ]);
    // query protocol too: one throttled answer is retried through
    const elbThrottled = emulator.injectError('elbv2:DescribeTargetGroups', 'ThrottlingException', 1);
    await elb.send(new DescribeTargetGroupsCommand({}));
    expect(elbThrottled.used).toBe(1);
    // a non-retryable error is answered once
    const denied = emulator.injectError('logs:GetLogEvents', 'AccessDeniedException', 5);
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/shop', logStreamName: 'x' }))
    ).rejects.toMatchObject({
      name: 'AccessDeniedException'
    });
    expect(denied.used).toBe(1);
    denied.clear();
    client.destroy();
  });

  test('a client with the wrong secret key is refused as AWS refuses it', async () => {
    const client = new ECSClient({
      credentials: { accessKeyId: emulator.credentials.accessKeyId, secretAccessKey: 'wrong' }
    });
    await expect(
      client.send(new DescribeServicesCommand({ cluster: 'c1', services: ['api'] }))
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException'
    });
    expect(emulator.errors()).toEqual([
      expect.stringContaining('signature refused: InvalidSignatureException')
    ]);
    emulator.clearErrors();
    client.destroy();
  });
});
