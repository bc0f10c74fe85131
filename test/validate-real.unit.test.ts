import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import {
  gatedWorkflowsRepo,
  makeRepo,
  missesRepo,
  nonServiceImagesRepo,
  optionalEnvExampleRepo,
  outageRepo,
  removeRepos,
  testScriptsRepo,
  untraceableStartsRepo
} from './helpers/validate-repos.js';

// Issue 11: the false positives seen on real repositories, and the misses. Every test here goes
// through the CLI's --json contract only, so that it also runs against the code before the fix
// (where each of them fails).

afterAll(removeRepos);

interface Finding {
  rule: string;
  severity: string;
  file: string | null;
  line: number | null;
  message: string;
}

async function validate(dir: string, ...args: string[]): Promise<{ code: number; findings: Finding[] }> {
  const ran = await cli(['validate', '--dir', dir, '--json', ...args]);
  return { code: ran.code, findings: ran.json.findings };
}

const where = (findings: Finding[], rule: string): string[] =>
  findings
    .filter(f => f.rule === rule)
    .map(f => `${f.file}:${f.line}`)
    .sort();

describe('false positives of issue 11 are gone', () => {
  test('env-contract: optional keys of .env.example are not required; a correct production env-file passes', async () => {
    const dir = makeRepo(optionalEnvExampleRepo());
    const ran = await validate(dir, '--env-file', join(dir, '.env.production'));
    expect(ran.findings.filter(f => f.rule === 'env-contract')).toEqual([]);
    expect(ran.code).toBe(0);
  });

  test('env-contract: a PR check (no production env) fails on no missing key', async () => {
    const dir = makeRepo(optionalEnvExampleRepo());
    const ran = await validate(dir, '--require-env', 'DB_HOST');
    expect(ran.findings.filter(f => f.rule === 'env-contract' && f.severity === 'error')).toEqual([]);
    expect(ran.code).toBe(0);
  });

  test('env-contract: a key marked # required and missing from the production env-file is an error', async () => {
    const files = optionalEnvExampleRepo();
    const dir = makeRepo({ ...files, '.env.production': 'DATABASE_URL=postgres://db.internal/app\n' });
    const ran = await validate(dir, '--env-file', join(dir, '.env.production'));
    expect(
      ran.findings.filter(f => f.rule === 'env-contract').map(f => [f.severity, f.message.split(' ')[0]])
    ).toEqual([['error', 'JWT_SECRET']]);
    expect(ran.code).toBe(1);
  });

  test('test and e2e scripts are no deploy scripts; fixtures, examples and templates are not deployed', async () => {
    const ran = await validate(makeRepo(testScriptsRepo()));
    expect(
      ran.findings.filter(f => f.rule === 'deploy-script-drift' || f.rule === 'process-restart-policy')
    ).toEqual([]);
    expect(ran.code).toBe(0);
  });

  test('deploy-script-drift: a cd into a folder it cannot follow, a Next.js standalone server, a script that runs inside the image', async () => {
    const ran = await validate(makeRepo(untraceableStartsRepo()));
    expect(ran.findings.filter(f => f.rule === 'deploy-script-drift')).toEqual([]);
    expect(ran.code).toBe(0);
  });

  test('images that are not services (test, CI, base, a client without a port, a backup) get no USER or HEALTHCHECK finding', async () => {
    const ran = await validate(makeRepo(nonServiceImagesRepo()));
    expect(ran.findings.filter(f => f.rule.startsWith('dockerfile-'))).toEqual([]);
  });

  test('workflow-deploy-needs-tests: a workflow_run chain after CI gates the deploy; docker compose up in an e2e job is no deploy', async () => {
    const ran = await validate(makeRepo(gatedWorkflowsRepo()));
    expect(ran.findings.filter(f => f.rule === 'workflow-deploy-needs-tests')).toEqual([]);
  });
});

describe('misses of issue 11 are found', () => {
  test('a lowercase docker/dockerfile is read, and every --target a workflow builds is checked', async () => {
    const ran = await validate(makeRepo(missesRepo()));
    // backend, app and admin are built by the release workflow; aio (the last stage) is not
    expect(where(ran.findings, 'dockerfile-user')).toEqual([
      'docker/dockerfile:1',
      'prod.Dockerfile:12',
      'prod.Dockerfile:6',
      'prod.Dockerfile:9'
    ]);
  });

  test('COPY . . before the install is found behind an earlier global install (npm i -g pnpm)', async () => {
    const ran = await validate(makeRepo(missesRepo()));
    expect(where(ran.findings, 'dockerfile-layer-order')).toEqual([
      'docker/dockerfile:3',
      'prod.Dockerfile:4'
    ]);
  });

  test('floating tags (node:latest-alpine, node:alpine, golang:alpine) are not pinned', async () => {
    const files = missesRepo();
    const ran = await validate(
      makeRepo({
        ...files,
        'docker/dockerfile': files['docker/dockerfile'].replace('node:20.18-alpine', 'node:alpine')
      })
    );
    const pins = ran.findings.filter(f => f.rule === 'dockerfile-base-pin');
    expect(pins.map(f => `${f.file}:${f.line}`).sort()).toEqual(['docker/dockerfile:1', 'prod.Dockerfile:1']);
    expect(pins.map(f => f.message).join('\n')).toMatch(/node:latest-alpine/);
    expect(pins.map(f => f.message).join('\n')).toMatch(/node:alpine/);
  });
});

describe('every finding names its evidence', () => {
  test.each([
    ['the first outage', outageRepo()],
    ['the misses', missesRepo()],
    ['an optional .env.example in a PR check', optionalEnvExampleRepo()],
    ['untraceable starts', untraceableStartsRepo()]
  ])('%s', async (_name, files) => {
    const ran = await validate(makeRepo(files), '--require-env', 'DB_HOST');
    expect(ran.findings.length).toBeGreaterThan(0);
    for (const f of ran.findings as (Finding & { evidence?: string | null })[])
      expect([f.rule, typeof f.evidence === 'string' && f.evidence.length > 5]).toEqual([f.rule, true]);
  });
});

describe('the first outage keeps its five findings', () => {
  test('five rules, every one an error', async () => {
    const ran = await validate(makeRepo(outageRepo()));
    expect([...new Set(ran.findings.map(f => f.rule))].sort()).toEqual([
      'deploy-script-drift',
      'gitignore-build-output',
      'module-format-conflict',
      'process-restart-policy',
      'stale-build-output'
    ]);
    expect(ran.findings.every(f => f.severity === 'error')).toBe(true);
    expect(ran.code).toBe(1);
  });
});
