import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { gateOptions } from '../src/gate/config.js';
import { json, startServer, TestServer } from './helpers/http-servers.js';
import { repoRoot, runActionStep, runCliBundle, runNode } from './helpers/run-bundle.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});
async function serve(status: number, body: unknown = { status: 'ok' }): Promise<TestServer> {
  const s = await startServer((_q, r) => json(r, status, body));
  servers.push(s);
  return s;
}
const fast = ['--interval', '200ms', '--window', '1s', '--timeout', '2s'];

describe('the bundled CLI (dist-action/cli.js)', () => {
  test('gate --help works from the committed bundle', async () => {
    const ran = await runCliBundle(['gate', '--help']);
    expect(ran.code).toBe(0);
    for (const o of gateOptions) expect(ran.stdout).toContain(`--${o.name}`);
  });

  test('--json prints exactly one JSON object with the contract fields; progress on stderr', async () => {
    const s = await serve(200);
    const ran = await runCliBundle(['gate', '--url', s.url, ...fast, '--json']);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout);
    expect(Object.keys(result).sort()).toEqual(['detectedAtMs', 'elapsedMs', 'probes', 'reason', 'verdict']);
    expect(result).toMatchObject({ verdict: 'pass', detectedAtMs: null });
    expect(Object.keys(result.probes[0]).sort()).toEqual([
      'atMs',
      'error',
      'latencyMs',
      'ok',
      'status',
      'url'
    ]);
    expect(result.probes[0]).toMatchObject({ url: s.url, ok: true, status: 200, error: null });
    // one progress line per probe on stderr
    const progress = ran.stderr.split('\n').filter(l => l.includes(s.url) && /\[\s*\d+\.\ds\]/.test(l));
    expect(progress.length).toBe(result.probes.length);
  });

  test('an unhealthy service exits 1 with the reason', async () => {
    const s = await serve(503);
    const ran = await runCliBundle(['gate', '--url', s.url, ...fast]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/^FAIL: not healthy within the 2s timeout.*status 503/);
  });

  test.each([
    ['a bad duration', ['--interval', 'fast']],
    ['a non-http URL', ['--url', 'file:///etc/passwd']],
    ['a threshold below 1', ['--healthy-threshold', '0']],
    ['a window shorter than the interval', ['--window', '1s', '--interval', '5s']],
    ['an unknown flag', ['--retries', '3']],
    ['a regex that does not compile', ['--expect-body', '[unterminated']]
  ])('%s exits 2 and probes nothing', async (_name, args) => {
    const s = await serve(200);
    const ran = await runCliBundle(['gate', '--url', s.url, ...args]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/error: /);
    expect(s.requests).toBe(0);
  });

  test('an unknown command exits 2', async () => {
    const ran = await runCliBundle(['deploi']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/unknown command 'deploi'/);
  });
});

describe('the bundled action (dist-action/main.js) run as the runner runs it', () => {
  test('a healthy service: outputs, a job summary with probes and a latency chart', async () => {
    const s = await serve(200);
    const run = await runActionStep('main', {
      command: 'gate',
      url: s.url,
      interval: '200ms',
      window: '1s',
      timeout: '2s',
      'expect-status': '200-299',
      'healthy-threshold': '3',
      'max-failures': '0',
      'probe-timeout': '5s',
      grace: '0s',
      'version-field': 'version'
    });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs.reason).toMatch(/^healthy/);
    expect(Number(run.outputs['elapsed-ms'])).toBeGreaterThanOrEqual(1000);
    expect(run.summary).toContain('Health gate: PASS');
    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toContain(s.url);
    expect(run.stdout).toContain('::group::shipgate gate');
  });

  test('a failing gate fails the step and shows the failure in the summary', async () => {
    const s = await serve(200, { status: 'degraded' });
    const run = await runActionStep('main', {
      command: 'gate',
      url: s.url,
      'expect-json': 'status=ok',
      interval: '200ms',
      window: '1s',
      timeout: '1s'
    });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(run.stdout).toMatch(/::error::Health gate failed: .*degraded/);
    expect(run.summary).toContain('Health gate: FAIL');
    expect(run.summary).toMatch(/FAIL: JSON status is &quot;degraded&quot;/);
  });

  test('bad input fails the step naming the input, and probes nothing', async () => {
    const s = await serve(200);
    const run = await runActionStep('main', { command: 'gate', url: s.url, interval: 'often' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Invalid input 'interval'/);
    expect(s.requests).toBe(0);
  });

  test('an unknown command input fails the step', async () => {
    const run = await runActionStep('main', { command: 'launch' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Invalid input 'command'/);
  });

  test('the post step of a gate does nothing and succeeds', async () => {
    const run = await runActionStep('post', {}, { STATE_command: 'gate' });
    expect(run.code).toBe(0);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));

  test('runs the committed bundle on node24 with main and post', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist-action/main.js',
      post: 'dist-action/post.js'
    });
  });

  test('declares every gate input with the same default and a description', () => {
    for (const o of gateOptions.filter(o => !o.cliOnly)) {
      expect(action.inputs[o.name]).toBeDefined();
      expect(action.inputs[o.name].description.length).toBeGreaterThan(10);
      expect(action.inputs[o.name].default).toBe(o.default);
    }
    for (const output of ['verdict', 'reason', 'elapsed-ms'])
      expect(action.outputs[output].description).toBeTruthy();
  });
});

describe('@github/local-action', () => {
  test('runs src/main.ts with inputs from a dotenv file and reports the gate outputs', async () => {
    const s = await serve(200);
    const dir = mkdtempSync(join(tmpdir(), 'shipgate-local-action-'));
    const envFile = join(dir, '.env');
    writeFileSync(
      envFile,
      [
        `INPUT_COMMAND=gate`,
        `INPUT_URL=${s.url}`,
        'INPUT_INTERVAL=200ms',
        'INPUT_WINDOW=1s',
        'INPUT_TIMEOUT=2s'
      ].join('\n')
    );
    const bin = join(repoRoot, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
    const ran = await runNode([bin, 'run', repoRoot, 'src/main.ts', envFile], { NO_COLOR: '1' }, 120_000);
    expect(ran.stdout).toMatch(/::set-output name=verdict::pass/);
    expect(ran.stdout).toMatch(/::set-output name=elapsed-ms::\d+/);
    expect(ran.stdout).not.toContain('::error::');
    expect(s.requests).toBeGreaterThanOrEqual(5);
  });
});
