/**
 * `--target ecs` through the real CLI bundle (dist-action/cli.js) and the real AWS SDK, against
 * the emulator (scripts/peers/aws): real task processes, a real proxy as the load balancer, ECS's
 * rolling deployment and circuit breaker. One emulator for the file; one AWS second lasts 100 ms.
 */
import { dirname, join, resolve } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AwsEmulator, startAwsEmulator } from './helpers/aws.js';
import { cliPath, Ran, repoRoot, runCliBundle, runNode } from './helpers/run-bundle.js';

const SECOND_MS = 100;
const sampleApp = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  'scripts/peers/aws/sample-app.mjs'
);
const SECRET_VALUE = 'db-password-7f3a9c2e51';
let emulator: AwsEmulator;
let env: Record<string, string>;
const work = mkdtempSync(join(tmpdir(), 'sg-ecs-'));

beforeAll(async () => {
  emulator = await startAwsEmulator({ secondMs: SECOND_MS });
  env = {
    ...emulator.env,
    SHIPGATE_ECS_LOCK_SETTLE_MS: '300',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
  };
  const image = (name: string, extra: Record<string, string>) =>
    emulator.registerImage(name, { command: process.execPath, args: [sampleApp], env: extra });
  image('shop/api:v1', { APP_VERSION: 'v1' });
  image('shop/api:v2', { APP_VERSION: 'v2' });
  image('shop/api:boot-crash', { APP_VERSION: 'v3', EXIT_AT_BOOT: '3' });
  image('shop/api:late-crash', { APP_VERSION: 'v4', CRASH_AFTER_MS: '1500' });
  image('shop/api:flap', { APP_VERSION: 'v5', UNHEALTHY_AFTER_MS: '1200' });
  image('shop/api:slow', { APP_VERSION: 'v6', START_DELAY_MS: '1200' });
  emulator.createLogGroup('/ecs/shop');
});

afterAll(async () => {
  await emulator?.stop();
});

afterEach(() => {
  expect(emulator.errors()).toEqual([]);
});

let clusters = 0;
async function service(
  breaker: Record<string, unknown> = { enable: true, rollback: true },
  graceSeconds = 30
): Promise<{ cluster: string; url: string }> {
  const cluster = `c${++clusters}`;
  emulator.createCluster(cluster);
  const svc = await emulator.createService({
    cluster,
    serviceName: 'api',
    taskDefinition: {
      family: `api${clusters}`,
      containerDefinitions: [
        {
          name: 'api',
          image: 'shop/api:v1',
          memory: 128,
          portMappings: [{ containerPort: 8080 }],
          environment: [{ name: 'DB_PASSWORD', value: SECRET_VALUE }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/shop',
              'awslogs-region': 'us-east-1',
              'awslogs-stream-prefix': 'api'
            }
          }
        }
      ]
    },
    desiredCount: 2,
    healthCheckGracePeriodSeconds: graceSeconds,
    deploymentConfiguration: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: breaker as never
    },
    loadBalancers: [
      {
        targetGroup: {
          name: `api${clusters}-tg`,
          healthCheckPath: '/health',
          healthCheckIntervalSeconds: 5,
          healthCheckTimeoutSeconds: 5,
          healthyThresholdCount: 2,
          unhealthyThresholdCount: 2,
          deregistrationDelaySeconds: 5
        },
        containerName: 'api',
        containerPort: 8080
      }
    ]
  });
  const deadline = Date.now() + 40_000;
  while (!emulator.service(cluster, 'api').steady) {
    if (Date.now() > deadline) throw new Error('the service never became steady');
    await new Promise(r => setTimeout(r, 100));
  }
  return { cluster, url: svc.url! };
}

const gateFlags = (url: string) => [
  '--url',
  `${url}/health`,
  '--interval',
  '500ms',
  '--healthy-threshold',
  '2',
  '--window',
  '2s',
  '--timeout',
  '30s',
  '--lock-expiry',
  '2m'
];

function shipgate(command: string, cluster: string, url: string, extra: string[]): Promise<Ran> {
  return runCliBundle(
    [
      command,
      '--target',
      'ecs',
      '--cluster',
      cluster,
      '--service',
      'api',
      ...(command === 'releases' ? [] : gateFlags(url)),
      ...extra,
      '--json'
    ],
    env
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the --json object, asserted field by field
const json = (ran: Ran) => JSON.parse(ran.stdout) as Record<string, any>;
/** The revision the service's tasks run, when every serving task runs one revision. */
function serving(cluster: string): string[] {
  return [...new Set(emulator.servingTaskDefinitions(cluster, 'api'))];
}
const allOutput: string[] = [];
const keep = (ran: Ran) => {
  allOutput.push(ran.stdout, ran.stderr);
  return ran;
};

describe('deploy, rollback and releases on one service', () => {
  let cluster: string;
  let url: string;
  let goodRevision: string;

  beforeAll(async () => {
    ({ cluster, url } = await service());
  });

  test('a good release passes: the new revision alone serves, with the --json shape of the host targets', async () => {
    const ran = keep(await shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'r1']));
    expect(ran.stderr).toContain('alone serves');
    expect(ran.code).toBe(0);
    const out = json(ran);
    expect(out).toMatchObject({ release: 'r1', verdict: 'pass', rolledBack: false, restoredRelease: null });
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining([
        'release',
        'previousRelease',
        'verdict',
        'rolledBack',
        'restoredRelease',
        'gate',
        'timings'
      ])
    );
    expect(out.gate.probes.length).toBeGreaterThan(0);
    goodRevision = out.taskDefinition;
    expect(serving(cluster)).toEqual([goodRevision]);
    expect(((await (await fetch(`${url}/health`)).json()) as { version: string }).version).toBe('v2');
  });

  test('a crash at boot fails at once, back to the last good revision; evidence names the exit code and the log line', async () => {
    const ran = keep(
      await shipgate('deploy', cluster, url, ['--image', 'shop/api:boot-crash', '--release', 'r2'])
    );
    expect(ran.code).toBe(1);
    const out = json(ran);
    expect(out).toMatchObject({ release: 'r2', verdict: 'fail', rolledBack: true, restoredRelease: 'r1' });
    expect(out.gate.reason).toMatch(/stopped.*exit code 3/);
    expect(out.restoreGate.verdict).toBe('pass');
    expect(out.evidence.lines.join('\n')).toContain('panic: cannot start version v3');
    expect(ran.stderr).toMatch(/CRITICAL \| .*panic:/);
    expect(serving(cluster)).toEqual([goodRevision]);
  });

  test('a crash seconds after start, right after another bad release: back to the last good (not N-1)', async () => {
    const ran = keep(
      await shipgate('deploy', cluster, url, ['--image', 'shop/api:late-crash', '--release', 'r3'])
    );
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'r1' });
    expect(json(ran).gate.reason).toMatch(/exit code 2/);
    expect(serving(cluster)).toEqual([goodRevision]);
  });

  test('a 200/503 flap fails and rolls back', async () => {
    const ran = keep(await shipgate('deploy', cluster, url, ['--image', 'shop/api:flap', '--release', 'r4']));
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'r1' });
    expect(serving(cluster)).toEqual([goodRevision]);
  });

  test('an image that never reaches RUNNING fails with the stopped reason', async () => {
    const ran = keep(
      await shipgate('deploy', cluster, url, ['--image', 'shop/api:missing', '--release', 'r5'])
    );
    expect(ran.code).toBe(1);
    expect(json(ran).gate.reason).toMatch(/CannotPullContainerError|TaskFailedToStart/);
    expect(serving(cluster)).toEqual([goodRevision]);
  });

  test('a slow start inside the grace period is no false alarm', async () => {
    const ran = keep(await shipgate('deploy', cluster, url, ['--image', 'shop/api:slow', '--release', 'r6']));
    expect(ran.stderr).toContain('alone serves');
    expect(ran.code).toBe(0);
    expect(serving(cluster)).toEqual([json(ran).taskDefinition]);
  });

  test('rollback --to previous goes to the last good release, and releases lists the statuses', async () => {
    const ran = keep(await shipgate('rollback', cluster, url, []));
    expect(ran.code).toBe(0);
    expect(json(ran)).toMatchObject({ release: 'r1', verdict: 'pass', previousRelease: 'r6' });
    expect(serving(cluster)).toEqual([goodRevision]);
    const listed = keep(await shipgate('releases', cluster, url, []));
    expect(listed.code).toBe(0);
    const releases = json(listed);
    expect(releases.current).toBe('r1');
    const status = Object.fromEntries(
      releases.releases.map((r: { id: string; status: string }) => [r.id, r.status])
    );
    expect(status).toMatchObject({ r1: 'good', r2: 'bad', r3: 'bad', r4: 'bad', r5: 'bad', r6: 'good' });
  });

  test('two deploys at once: one runs, the other exits 3 naming the lock holder', async () => {
    const [a, b] = await Promise.all([
      shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'r7']),
      shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'r8'])
    ]);
    keep(a);
    keep(b);
    expect([a.code, b.code].sort()).toEqual([0, 3]);
    expect((a.code === 3 ? a : b).stderr).toMatch(/locked by/);
  });

  test('keep deregisters old revisions, never the current or the last good one', async () => {
    const ran = keep(
      await shipgate('deploy', cluster, url, ['--image', 'shop/api:v1', '--release', 'r9', '--keep', '1'])
    );
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/prune: deregistered/);
    const listed = json(keep(await shipgate('releases', cluster, url, [])));
    const ids = listed.releases.map((r: { id: string }) => r.id).sort();
    // r9 is current; the last good before it (r7 or r8, whichever won the lock) stays for a rollback
    expect(ids).toHaveLength(2);
    expect(ids).toContain('r9');
    expect(ids.some((id: string) => id === 'r7' || id === 'r8')).toBe(true);
  });

  test('an interrupted deploy switches back to the last good revision and exits 130; --dry-run changes nothing', async () => {
    const args = ['deploy', '--target', 'ecs', '--cluster', cluster, '--service', 'api', ...gateFlags(url)];
    const ran = keep(
      await runNode(
        [cliPath, ...args, '--image', 'shop/api:v2', '--release', 'r10', '--json'],
        env,
        60_000,
        undefined,
        output => /healthy threshold reached|alone serves/.test(output),
        'SIGINT'
      )
    );
    expect(ran.stderr).toMatch(/interrupted by SIGINT/);
    expect(ran.code).toBe(130);
    const listed = json(keep(await shipgate('releases', cluster, url, [])));
    expect(listed.current).toBe('r9');
    expect(listed.releases.find((r: { id: string }) => r.id === 'r10').status).toBe('interrupted');

    const before = emulator.calls().length;
    const plan = keep(
      await shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'r11', '--dry-run'])
    );
    expect(plan.code).toBe(0);
    expect(json(plan)).toMatchObject({
      dryRun: true,
      release: 'r11',
      previousRelease: 'r9',
      onFailure: 'restore r9'
    });
    const back = keep(await shipgate('rollback', cluster, url, ['--dry-run']));
    expect(back.code).toBe(0);
    expect(['r7', 'r8']).toContain(json(back).to);
    const changing = [
      'RegisterTaskDefinition',
      'UpdateService',
      'TagResource',
      'UntagResource',
      'DeregisterTaskDefinition'
    ];
    expect(
      emulator
        .calls()
        .slice(before)
        .filter(c => changing.includes(c.op))
    ).toEqual([]);
  });

  test('no secret reaches any output: keys, tokens, environment values of the task definition', () => {
    const text = allOutput.join('\n');
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain(emulator.credentials.secretAccessKey);
    expect(text).not.toContain(emulator.credentials.accessKeyId);
  });
});

describe('bad input and AWS errors', () => {
  test('bad input exits 2 before any AWS call', async () => {
    const before = emulator.calls().length;
    const file = join(work, 'broken.json');
    writeFileSync(file, '{"family": "api", ');
    const noContainer = join(work, 'td.json');
    writeFileSync(
      noContainer,
      JSON.stringify({ family: 'api', containerDefinitions: [{ name: 'web', image: 'x:1' }] })
    );
    const cases: string[][] = [
      ['--cluster', 'bad name!', '--service', 'api', '--image', 'x:1'],
      ['--cluster', 'c', '--service', 'api', '--task-definition', file],
      ['--cluster', 'c', '--service', 'api', '--task-definition', noContainer, '--container', 'api'],
      ['--cluster', 'c', '--service', 'api', '--image', 'x:1', '--path', '/srv/app'],
      ['--cluster', 'c', '--service', 'api']
    ];
    for (const args of cases) {
      const ran = await runCliBundle(
        ['deploy', '--target', 'ecs', '--url', 'http://127.0.0.1:9/health', ...args],
        env
      );
      expect({ args, code: ran.code }).toEqual({ args, code: 2 });
    }
    const host = await runCliBundle(
      ['deploy', '--target', 'local', '--path', work, '--cluster', 'c', '--url', 'http://127.0.0.1:9/'],
      env
    );
    expect(host.code).toBe(2);
    expect(emulator.calls().length).toBe(before);
  });

  test('AWS errors exit 3 with the AWS error code and what to check', async () => {
    const missing = await runCliBundle(
      ['releases', '--target', 'ecs', '--cluster', 'nope', '--service', 'api'],
      env
    );
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/ClusterNotFoundException.*Check the --cluster name/);
    const cluster = 'c1';
    const throttled = emulator.injectError('DescribeServices', 'ThrottlingException', 20);
    const ran = await runCliBundle(
      ['releases', '--target', 'ecs', '--cluster', cluster, '--service', 'api'],
      env
    );
    throttled.clear();
    expect(ran.code).toBe(3);
    expect(ran.stderr).toMatch(/ThrottlingException.*throttled/);
  });
});

describe('the service as read before the deploy', () => {
  test('a grace period of 0 behind a load balancer is a warning; a task definition of another family exits 2 before anything is registered', async () => {
    const { cluster, url } = await service(undefined, 0);
    const file = join(work, 'other-family.json');
    writeFileSync(
      file,
      JSON.stringify({
        family: 'other',
        containerDefinitions: [{ name: 'api', image: 'shop/api:v2', memory: 128 }]
      })
    );
    const ran = await shipgate('deploy', cluster, url, ['--task-definition', file, '--release', 'x1']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /warning: the service's health check grace period is 0 behind a load balancer/
    );
    expect(ran.stderr).toMatch(/family 'other' is not the service's/);
    expect(
      emulator
        .calls()
        .filter(c => c.op === 'RegisterTaskDefinition' && JSON.stringify(c.input).includes('"other"'))
    ).toEqual([]);
  });
});

describe('ECS circuit breaker first', () => {
  test('breaker without rollback: red, and the restore to the last good revision passes its own gate (its old tasks scaled in are no failure)', async () => {
    const { cluster, url } = await service({
      enable: true,
      rollback: false,
      thresholdConfiguration: { type: 'COUNT', value: 1 }
    });
    const good = await shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'g1']);
    expect(good.code).toBe(0);
    const ran = await shipgate('deploy', cluster, url, ['--image', 'shop/api:boot-crash', '--release', 'b1']);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'g1' });
    expect(json(ran).restoreGate.verdict).toBe('pass');
    expect(serving(cluster)).toEqual([json(good).taskDefinition]);
  });

  test('a deployment the breaker fails is red, never green, and ends on the last good revision', async () => {
    const { cluster, url } = await service({
      enable: true,
      rollback: true,
      thresholdConfiguration: { type: 'COUNT', value: 1 }
    });
    const good = await shipgate('deploy', cluster, url, ['--image', 'shop/api:v2', '--release', 'g1']);
    expect(good.code).toBe(0);
    const ran = await shipgate('deploy', cluster, url, ['--image', 'shop/api:boot-crash', '--release', 'b1']);
    expect(ran.code).toBe(1);
    expect(json(ran)).toMatchObject({ verdict: 'fail', rolledBack: true, restoredRelease: 'g1' });
    expect(serving(cluster)).toEqual([json(good).taskDefinition]);
  });
});

test('every AWS call the target made is in the IAM policy of docs/ecs.md', () => {
  const policy = readFileSync(join(repoRoot, 'docs/ecs.md'), 'utf8');
  const prefix = { ecs: 'ecs', elbv2: 'elasticloadbalancing', logs: 'logs' } as const;
  // (the fixtures' own setup calls come from the emulator's control API, not through the SDK)
  const made = new Set(emulator.calls().map(c => `${prefix[c.service]}:${c.op}`));
  expect(made.size).toBeGreaterThan(5);
  for (const action of made)
    expect({ action, listed: policy.includes(`"${action}"`) }).toEqual({ action, listed: true });
});

test('the AWS SDK is loaded only by the ECS target: the main bundle and validate leave it in chunks loaded on demand', () => {
  for (const file of ['dist-action/index.js', 'dist-action/validate/index.js']) {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    expect({ file, sdk: /ECSClient|ElasticLoadBalancingV2Client|CloudWatchLogsClient/.test(text) }).toEqual({
      file,
      sdk: false
    });
  }
});
