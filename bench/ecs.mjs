// ECS benchmark: shipgate beside aws-actions/amazon-ecs-deploy-task-definition (its committed
// dist/index.js, run as a runner runs it: INPUT_* variables, wait-for-service-stability: true) on
// the same emulator (scripts/peers/aws) and the same scenarios. Each tool gets its own fresh
// service per scenario; a good revision (v1) is deployed and gated first, so that there is a last
// good release to go back to. The anchor comes from its public repository, brought onto this
// machine with the session's fetch tool (/work/.mirror/...), or from ECS_ANCHOR_DIR.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './util.mjs';
import { startAwsEmulator } from '../scripts/peers/aws/emulator.mjs';

const SECOND_MS = 100;
const MIRROR = '/work/.mirror/aws-actions+amazon-ecs-deploy-task-definition/repo';
const sampleApp = join(repoRoot, 'scripts/peers/aws/sample-app.mjs');
// the crash and the flap come after the anchor's first look (its waiter polls every 15 s at least)
const LATE_MS = 18_000;
const GATE = ['--interval', '1s', '--healthy-threshold', '2', '--window', '22s', '--timeout', '60s'];

const IMAGES = {
  'api:v1': { APP_VERSION: 'v1' },
  'api:v2': { APP_VERSION: 'v2' },
  'api:boot-crash': { APP_VERSION: 'v3', EXIT_AT_BOOT: '3' },
  'api:late-crash': { APP_VERSION: 'v4', CRASH_AFTER_MS: String(LATE_MS) },
  'api:flap': { APP_VERSION: 'v5', UNHEALTHY_AFTER_MS: String(LATE_MS) },
  'api:slow': { APP_VERSION: 'v6', START_DELAY_MS: '1500' }
};

const SCENARIOS = [
  { name: 'good release', image: 'api:v2' },
  { name: 'crash at boot', image: 'api:boot-crash' },
  { name: `crash ${LATE_MS / 1000} s after start`, image: 'api:late-crash' },
  { name: `200/503 flap from ${LATE_MS / 1000} s`, image: 'api:flap' },
  { name: 'never RUNNING (no such image)', image: 'api:missing' },
  { name: 'slow start inside grace', image: 'api:slow' },
  {
    name: 'crash at boot, breaker without rollback',
    image: 'api:boot-crash',
    breaker: { enable: true, rollback: false }
  }
];

function anchorDir() {
  if (process.env.ECS_ANCHOR_DIR) return process.env.ECS_ANCHOR_DIR;
  if (!existsSync(MIRROR))
    throw new Error(
      `the anchor is not on this machine: fetch github:aws-actions/amazon-ecs-deploy-task-definition (expected at ${MIRROR}) or set ECS_ANCHOR_DIR`
    );
  const dir = mkdtempSync(join(tmpdir(), 'ecs-anchor-'));
  execFileSync('sh', [
    '-c',
    `git --git-dir="$1" archive HEAD dist action.yml | tar -x -C "$2"`,
    'sh',
    MIRROR,
    dir
  ]);
  return dir;
}

function definition(family, image) {
  return {
    family,
    containerDefinitions: [
      {
        name: 'api',
        image,
        memory: 128,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/bench',
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'api'
          }
        }
      }
    ]
  };
}

/** Runs a process; resolves with its exit code, when it ended and when a stderr line matched `mark`. */
function run(args, env, mark) {
  return new Promise(resolve => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let marked = null;
    const onData = d => {
      out += d;
      if (marked === null && mark && mark.test(out)) marked = performance.now() - start;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - start, markedMs: marked, out });
    });
  });
}

let clusterCount = 0;
async function freshService(emulator, scenario) {
  const cluster = `b${++clusterCount}`;
  const family = `api${clusterCount}`;
  emulator.createCluster(cluster);
  const svc = await emulator.createService({
    cluster,
    serviceName: 'api',
    taskDefinition: definition(family, 'api:v1'),
    desiredCount: 2,
    healthCheckGracePeriodSeconds: 30,
    deploymentConfiguration: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      deploymentCircuitBreaker: scenario.breaker ?? { enable: true, rollback: true }
    },
    loadBalancers: [
      {
        targetGroup: {
          name: `${family}-tg`,
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
  while (!emulator.service(cluster, 'api').steady) await new Promise(r => setTimeout(r, 100));
  return { cluster, family, url: svc.url };
}

const short = arn => (arn ? arn.slice(arn.lastIndexOf('/') + 1) : '-');

/** Watches which revisions serve: when `good` alone serves again after something else did. */
function watchServing(emulator, cluster, good) {
  const start = performance.now();
  let left = false;
  let back = null;
  const timer = setInterval(() => {
    const serving = [...new Set(emulator.servingTaskDefinitions(cluster, 'api'))];
    if (!(serving.length === 1 && serving[0] === good)) left = true;
    else if (left && back === null) back = performance.now() - start;
  }, 100);
  return { stop: () => (clearInterval(timer), back) };
}

async function oneRun(emulator, tool, scenario, anchor, work, baseEnv) {
  const { cluster, family, url } = await freshService(emulator, scenario);
  const file = join(work, `${cluster}.json`);
  writeFileSync(file, JSON.stringify(definition(family, scenario.image)));
  const shipgate = (args, mark) =>
    run(
      [
        join(repoRoot, 'dist-action', 'cli.js'),
        'deploy',
        '--target',
        'ecs',
        '--cluster',
        cluster,
        '--service',
        'api',
        '--url',
        `${url}/health`,
        '--json',
        ...args
      ],
      baseEnv,
      mark
    );
  if (tool === 'shipgate') {
    // the baseline: v1 deployed and gated, so there is a last good release
    writeFileSync(join(work, `${cluster}-v1.json`), JSON.stringify(definition(family, 'api:v1')));
    const base = await shipgate([
      '--task-definition',
      join(work, `${cluster}-v1.json`),
      '--release',
      'v1',
      '--window',
      '2s',
      '--interval',
      '500ms'
    ]);
    if (base.code !== 0) throw new Error(`baseline deploy failed:\n${base.out.slice(-2000)}`);
  }
  const good = emulator.service(cluster, 'api').taskDefinitionArn;
  const watch = watchServing(emulator, cluster, good);
  writeFileSync(join(work, `${cluster}.out`), '');
  const started = Date.now();
  const result =
    tool === 'shipgate'
      ? await shipgate(['--task-definition', file, '--release', 'new', ...GATE], /gate: FAIL/)
      : await run([join(anchor, 'dist', 'index.js')], {
          ...baseEnv,
          GITHUB_WORKSPACE: work,
          GITHUB_OUTPUT: join(work, `${cluster}.out`),
          'INPUT_TASK-DEFINITION': file,
          INPUT_SERVICE: 'api',
          INPUT_CLUSTER: cluster,
          'INPUT_WAIT-FOR-SERVICE-STABILITY': 'true',
          'INPUT_WAIT-FOR-MINUTES': '1',
          'INPUT_FORCE-NEW-DEPLOYMENT': 'false'
        });
  if (process.env.ECS_BENCH_DEBUG) console.error(result.out.slice(-3000));
  // what the service is left on, a moment after the tool is done
  await new Promise(r => setTimeout(r, 1500));
  const backMs = watch.stop();
  const serving = [...new Set(emulator.servingTaskDefinitions(cluster, 'api'))];
  const newTasks = emulator
    .tasks(cluster, 'api')
    .filter(t => t.taskDefinitionArn !== good && t.stoppedAt && t.stoppedAt >= started);
  const firstStop = newTasks.length ? Math.min(...newTasks.map(t => t.stoppedAt)) : null;
  const detected =
    result.markedMs !== null && firstStop !== null ? started + result.markedMs - firstStop : null;
  return {
    scenario: scenario.name,
    tool: tool === 'shipgate' ? 'shipgate' : 'ecs-deploy-task-definition',
    exit: result.code,
    'failure seen after': result.markedMs === null ? '-' : `${(result.markedMs / 1000).toFixed(1)} s`,
    'verdict after': `${(result.ms / 1000).toFixed(1)} s`,
    'first stop -> detected': detected === null ? '-' : `${(detected / 1000).toFixed(1)} s`,
    'last good alone serves after':
      backMs === null
        ? serving.length === 1 && serving[0] === good
          ? 'never left'
          : 'never'
        : `${(backMs / 1000).toFixed(1)} s`,
    'left on':
      serving.map(a => `${short(a)} (${a === good ? 'last good' : 'new'})`).join(', ') || 'nothing serves'
  };
}

export async function ecsSideBySide() {
  const anchor = anchorDir();
  const work = mkdtempSync(join(tmpdir(), 'ecs-bench-'));
  mkdirSync(work, { recursive: true });
  const emulator = await startAwsEmulator({ secondMs: SECOND_MS });
  for (const [name, env] of Object.entries(IMAGES))
    emulator.registerImage(name, { command: process.execPath, args: [sampleApp], env });
  emulator.createLogGroup('/ecs/bench');
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...emulator.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
  };
  const rows = [];
  try {
    // ECS_BENCH_ONLY=flap runs the scenarios whose name holds it; ECS_BENCH_TOOL=anchor one tool
    const only = process.env.ECS_BENCH_ONLY;
    for (const scenario of SCENARIOS.filter(s => !only || s.name.includes(only))) {
      for (const tool of ['shipgate', 'anchor'].filter(
        t => !process.env.ECS_BENCH_TOOL || t === process.env.ECS_BENCH_TOOL
      )) {
        const row = await oneRun(emulator, tool, scenario, anchor, work, baseEnv);
        console.error(JSON.stringify(row));
        rows.push(row);
      }
    }
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
