import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCommand } from '../src/commands/deploy.js';
import { rollbackCommand } from '../src/commands/rollback.js';
import { commandContext, commandTargetInputs } from './helpers/context.js';
import { ReleaseHealth, startReleaseHealth, statusSource } from './helpers/release-health.js';
import { RawInputs, Inputs } from '../src/options.js';
import { GitHubApiMock, startGitHubApiMock } from './helpers/github-api-mock.js';
import { closedPort } from './helpers/notify-servers.js';

const DEPLOYMENTS = '/repos/{owner}/{repo}/deployments';
const STATUSES = '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses';

let api: GitHubApiMock;
let dir: string;
let health: ReleaseHealth;
const saved: Record<string, string | undefined> = {};
const runnerEnv = (apiUrl: string): Record<string, string> => ({
  GITHUB_API_URL: apiUrl,
  GITHUB_REPOSITORY: 'acme/api',
  GITHUB_RUN_ID: '4242',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d'
});
function setEnv(values: Record<string, string>) {
  for (const [k, v] of Object.entries(values)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  api = await startGitHubApiMock([DEPLOYMENTS, STATUSES]);
}, 60_000);
afterAll(async () => {
  await api.close();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipgate-deployments-'));
  health = await startReleaseHealth(join(dir, 'app'));
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    delete saved[k];
  }
  await health.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = commandContext();
const warnings = context.warnings;

function common(): RawInputs {
  return {
    ...commandTargetInputs(join(dir, 'app'), health.url),
    environment: 'production',
    'environment-url': 'https://app.example.com',
    'github-token': 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB'
  };
}

/** Each release is built from its own commit (the run's GITHUB_SHA). */
const commitOf = (release: string) => `${release.replace(/\D/g, '').padStart(2, '0')}`.padEnd(40, 'c');

function deployRelease(release: string, status: string) {
  setEnv({ GITHUB_SHA: commitOf(release) });
  const src = statusSource(join(dir, 'src', release), status);
  return deployCommand.run(new Inputs(deployCommand.options, { ...common(), release, source: src }), context);
}

test('the mock validates requests against the published description (control)', async () => {
  const post = (body: unknown) =>
    fetch(`${api.url}/repos/acme/api/deployments/1/statuses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'token x' },
      body: JSON.stringify(body)
    });
  expect((await post({ state: 'done' })).status).toBe(422);
  expect((await post({ environment_url: 'https://x' })).status).toBe(422); // state is required
  expect((await post({ state: 'success' })).status).toBe(201);
  api.requests.length = 0;
});

test('deploys and a rollback become deployments with statuses; earlier ones go inactive', async () => {
  setEnv(runnerEnv(api.url));
  warnings.length = 0;
  expect((await deployRelease('v1', 'ok')).exitCode).toBe(0);
  const failed = await deployRelease('v2', 'broken');
  expect(failed.exitCode).toBe(1);
  expect(failed.outputs['restored-release']).toBe('v1');
  expect((await deployRelease('v3', 'ok')).exitCode).toBe(0);
  // the rollback runs from yet another commit: it must still record v1's own commit
  setEnv({ GITHUB_SHA: 'f'.repeat(40) });
  const rolledBack = await rollbackCommand.run(
    new Inputs(rollbackCommand.options, { ...common(), to: 'previous' }),
    context
  );
  expect(rolledBack.outputs.release).toBe('v1');

  // every request conformed to GitHub's description (Prism answers 422 otherwise)
  expect(api.requests.filter(r => r.status >= 300).map(r => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  expect(warnings.filter(w => w.includes('GitHub Deployments'))).toEqual([]);

  const creates = api.requests.filter(r => r.method === 'POST' && r.path === '/repos/acme/api/deployments');
  expect(creates.map(r => (r.body?.payload as { release: string }).release)).toEqual([
    'v1',
    'v2',
    'v1',
    'v3',
    'v1'
  ]);
  // a restored or rolled-back release is recorded at the commit it was built from, not this run's
  expect(creates.map(r => r.body?.ref)).toEqual([
    commitOf('v1'),
    commitOf('v2'),
    commitOf('v1'),
    commitOf('v3'),
    commitOf('v1')
  ]);
  for (const c of creates) {
    expect(c.body).toMatchObject({
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      production_environment: true
    });
  }
  const statuses = api.requests
    .filter(r => r.method === 'POST' && r.path.endsWith('/statuses'))
    .map(r => `${r.path.split('/')[5]}:${r.body?.state}`);
  expect(statuses).toEqual([
    '1:in_progress',
    '1:success',
    '2:in_progress',
    '2:failure',
    '3:success', // v1 restored after v2 failed
    '1:inactive',
    '4:in_progress',
    '4:success',
    '3:inactive',
    '5:success', // the rollback to v1
    '4:inactive'
  ]);
  const success = api.requests.find(r => r.path.endsWith('/1/statuses') && r.body?.state === 'success')!;
  expect(success.body).toMatchObject({
    environment: 'production',
    environment_url: 'https://app.example.com',
    log_url: 'https://github.com/acme/api/actions/runs/4242'
  });
  // the token went in the Authorization header and nowhere else
  expect(JSON.stringify(api.requests.map(r => r.body))).not.toContain('ghs_');
}, 60_000);

test('an unreachable API is a warning; the deploy and its verdict are unchanged', async () => {
  setEnv(runnerEnv(`http://127.0.0.1:${await closedPort()}`));
  warnings.length = 0;
  const outcome = await deployRelease('v1', 'ok');
  expect(outcome.exitCode).toBe(0);
  expect(outcome.outputs.verdict).toBe('pass');
  expect(warnings.some(w => /GitHub Deployments: creating the deployment failed/.test(w))).toBe(true);
  expect(warnings.join('\n')).not.toContain('ghs_0123456789');
});

test('an API that never answers: the call is abandoned with a warning, the deploy and its verdict are unchanged', async () => {
  const { createServer } = await import('node:http');
  let received = 0;
  const hanging = createServer(() => void (received += 1));
  await new Promise<void>(r => hanging.listen(0, '127.0.0.1', () => r()));
  const { DeploymentRecorder } = await import('../src/integrations/deployments.js');
  const budget = DeploymentRecorder.BUDGET_MS;
  (DeploymentRecorder as unknown as { BUDGET_MS: number }).BUDGET_MS = 800;
  try {
    setEnv(runnerEnv(`http://127.0.0.1:${(hanging.address() as { port: number }).port}`));
    warnings.length = 0;
    const outcome = await deployRelease('v7', 'ok');
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputs.verdict).toBe('pass');
    // the one call that went out was abandoned (how soon, the budget, is the bench's business)
    expect(warnings).toEqual([
      expect.stringMatching(/^GitHub Deployments: creating the deployment failed.*aborted/)
    ]);
    expect(received).toBe(1);
  } finally {
    (DeploymentRecorder as unknown as { BUDGET_MS: number }).BUDGET_MS = budget;
    hanging.closeAllConnections();
    hanging.close();
  }
}, 30_000);
