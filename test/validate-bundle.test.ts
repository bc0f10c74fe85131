import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateOptions } from '../src/validate/options.js';
import { repoRoot, runActionStep, runCliBundle } from './helpers/run-bundle.js';
import { makeRepo, outageRepo, removeRepos } from './helpers/validate-repos.js';

afterAll(removeRepos);

const SECRET = 'bundle-secret-value-7f3a9c';

describe('validate in the bundled action (dist-action/main.js), run as the runner runs it', () => {
  test('the outage repository: annotations on file and line, outputs, a summary table, a failed step; no secret anywhere', async () => {
    const dir = makeRepo({
      ...outageRepo(),
      '.env': `JWT_SECRET=${SECRET}\n`,
      '.env.example': 'JWT_SECRET=\nDB_HOST= # required\n'
    });
    const run = await runActionStep('main', {
      command: 'validate',
      dir,
      'env-file': join(dir, '.env'),
      config: '.github/shipgate.yml',
      'check-environment': 'false',
      'boot-timeout': '30s',
      'boot-window': '5s'
    });
    expect(run.code).toBe(1);
    expect(run.outputs.errors).toBe('8');
    expect(run.outputs.warnings).toBe('0');
    expect(run.stdout).toMatch(
      /::error title=shipgate module-format-conflict,file=dist\/server\.js,line=51::.*SyntaxError/
    );
    expect(run.stdout).toMatch(
      /::error title=shipgate process-restart-policy,file=ecosystem\.config\.js,line=8::/
    );
    expect(run.stdout).toMatch(/::error::Validation failed: 8 errors, 0 warnings/);
    expect(run.summary).toContain('shipgate validate: FAIL');
    expect(run.summary).toMatch(/<td><code>deploy-script-drift<\/code><\/td><td>deploy\.sh:5<\/td>/);
    expect(run.summary).toMatch(/DB_HOST is required/);
    // the runner swallows ::add-mask:: lines (that is how a value is registered); they come
    // before any other output of the step, and nothing else carries the value
    const lines = run.stdout.split('\n');
    const masks = lines.filter(l => l.startsWith('::add-mask::'));
    expect(masks).toContain(`::add-mask::${SECRET}`);
    expect(masks).toContain(`::add-mask::${Buffer.from(SECRET).toString('base64')}`);
    const firstOther = lines.findIndex(l => !l.startsWith('::add-mask::') && !l.startsWith('::group::'));
    expect(lines.findIndex(l => l.startsWith('::add-mask::'))).toBeLessThan(firstOther);
    expect(lines.slice(firstOther).some(l => l.startsWith('::add-mask::'))).toBe(false);
    const unmasked = lines.filter(l => !l.startsWith('::add-mask::')).join('\n');
    for (const text of [unmasked, run.stderr, run.summary, JSON.stringify(run.outputs)])
      expect(text).not.toContain(SECRET);
  });

  test('a boot-smoke app that prints an env-file value base64-encoded: masked by the runner first, redacted everywhere', async () => {
    const port = await new Promise<number>(resolve => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const dir = makeRepo({
      'package.json': '{"name":"x"}',
      '.gitignore': '.env\n',
      '.env': `API_TOKEN=${SECRET}\n`
    });
    const encoded = Buffer.from(SECRET).toString('base64');
    const run = await runActionStep('main', {
      command: 'validate',
      dir,
      'env-file': join(dir, '.env'),
      boot: `node -e "console.error('Error: token ' + Buffer.from(process.env.API_TOKEN).toString('base64')); process.exit(1)"`,
      'boot-url': `http://127.0.0.1:${port}/health`,
      'boot-timeout': '5s'
    });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`::add-mask::${encoded}`);
    const firstOther = lines.findIndex(l => !l.startsWith('::add-mask::') && !l.startsWith('::group::'));
    expect(lines.slice(firstOther).some(l => l.startsWith('::add-mask::'))).toBe(false);
    const unmasked = lines.filter(l => !l.startsWith('::add-mask::')).join('\n');
    expect(unmasked).toMatch(/::error title=shipgate boot-smoke::.*Error: token \*\*\*/);
    expect(run.summary).toMatch(/Error: token \*\*\*/);
    for (const text of [unmasked, run.stderr, run.summary])
      for (const leak of [SECRET.slice(0, 10), encoded.slice(0, 12)]) expect(text).not.toContain(leak);
  });

  test("the booted app (a pull request's code) never gets the runner's tokens or the step's inputs; require-env and the env file it does", async () => {
    const dir = makeRepo({
      'package.json': '{"name":"x"}',
      '.gitignore': '.env\n',
      '.env': 'FROM_FILE=1\n'
    });
    // the app names every variable it was given that is not a plain system one, then fails
    const run = await runActionStep(
      'main',
      {
        command: 'validate',
        dir,
        'env-file': join(dir, '.env'),
        'require-env': 'DATABASE_URL',
        'check-environment': 'false',
        boot: `node -e "console.error('Error: got ' + Object.keys(process.env).filter(k => /TOKEN|INPUT_|GITHUB_|ACTIONS_|DATABASE_URL|FROM_FILE/.test(k)).sort().join(' ')); process.exit(1)"`,
        'boot-url': 'http://127.0.0.1:9/health',
        'boot-timeout': '5s'
      },
      {
        ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token-value',
        GITHUB_TOKEN: 'ghs_tokenvalue',
        DATABASE_URL: 'postgres://db.internal/app'
      }
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error title=shipgate boot-smoke::.*Error: got DATABASE_URL FROM_FILE\b/);
  });

  test('more findings than the runner shows: the most severe are annotated, the rest summarised', async () => {
    const names = Array.from({ length: 14 }, (_v, i) => `VAR_${i}`);
    const dir = makeRepo({
      'package.json': '{"name":"x"}',
      '.gitignore': '.env\n',
      Dockerfile: 'FROM node\nEXPOSE 3000\n'
    });
    const run = await runActionStep('main', {
      command: 'validate',
      dir,
      'require-env': names.join(','),
      'check-environment': 'true'
    });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter(l => l.startsWith('::error title=shipgate env-contract'));
    expect(errors).toHaveLength(10);
    expect(run.stdout).toMatch(/::warning title=shipgate dockerfile-base-pin,file=Dockerfile,line=1::/);
    expect(run.stdout).toMatch(/validate: 4 more finding\(s\) not shown as annotations/);
    expect(run.outputs.errors).toBe('14');
  });
});

describe('validate in the bundled CLI (dist-action/cli.js)', () => {
  test('--json on the outage exits 1 with the five rules; bad input exits 2', async () => {
    const dir = makeRepo(outageRepo());
    const ran = await runCliBundle(['validate', '--dir', dir, '--json']);
    expect(ran.code).toBe(1);
    const rules = new Set(JSON.parse(ran.stdout).findings.map((f: { rule: string }) => f.rule));
    expect([...rules].sort()).toEqual([
      'deploy-script-drift',
      'gitignore-build-output',
      'module-format-conflict',
      'process-restart-policy',
      'stale-build-output'
    ]);
    const bad = await runCliBundle(['validate', '--dir', join(dir, 'missing')]);
    expect(bad.code).toBe(2);
  });

  test('validate --help lists every flag', async () => {
    const ran = await runCliBundle(['validate', '--help']);
    expect(ran.code).toBe(0);
    for (const o of validateOptions) expect(ran.stdout).toContain(`--${o.name}`);
  });
});

describe('action.yml', () => {
  test('declares every validate input with the same default and a description, and the outputs', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    for (const o of validateOptions.filter(o => !o.cliOnly)) {
      expect(action.inputs[o.name]).toBeDefined();
      expect(action.inputs[o.name].description.length).toBeGreaterThan(10);
      expect(action.inputs[o.name].default).toBe(o.default);
    }
    for (const output of ['errors', 'warnings']) expect(action.outputs[output].description).toBeTruthy();
  });
});
