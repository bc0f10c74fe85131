import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { allRules } from '../src/validate/rules/index.js';
import { cli } from './helpers/cli.js';
import { cleanRepo, makeRepo, outageRepo, removeRepos } from './helpers/validate-repos.js';

afterAll(removeRepos);

const SECRET = 'pa55-W0rd-that-must-never-leak-9931';

/** The published SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif) compiled with its ajv. */
function sarifSchemaValidator(): { (data: unknown): boolean; errors?: unknown } {
  const fromHere = createRequire(import.meta.url);
  const fromSarif = createRequire(fromHere.resolve('@microsoft/jest-sarif'));
  const Ajv = fromSarif('ajv');
  const ajv = new Ajv({ schemaId: 'auto', validateSchema: false, allErrors: true });
  ajv.addMetaSchema(fromSarif('ajv/lib/refs/json-schema-draft-04.json'));
  return ajv.compile(fromSarif('./schemas/sarif-2.1.0-rtm.5.json'));
}

describe('shipgate validate (CLI, in process)', () => {
  test('the first outage: exit 1, five rules in --json exactly as the contract says, on their lines', async () => {
    const dir = makeRepo(outageRepo());
    const ran = await cli(['validate', '--dir', dir, '--json']);
    expect(ran.code).toBe(1);
    const result = JSON.parse(ran.stdout);
    expect(Object.keys(result)).toEqual(['findings']);
    for (const f of result.findings) {
      expect(Object.keys(f).sort()).toEqual([
        'evidence',
        'file',
        'fix',
        'line',
        'message',
        'rule',
        'severity'
      ]);
    }
    const where = result.findings.map(
      (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`
    );
    expect(where).toEqual(
      expect.arrayContaining([
        'stale-build-output ecosystem.config.js:5',
        'module-format-conflict dist/server.js:51',
        'process-restart-policy ecosystem.config.js:7',
        'process-restart-policy ecosystem.config.js:8',
        'deploy-script-drift deploy.sh:5',
        'gitignore-build-output .gitignore:2'
      ])
    );
    expect(new Set(result.findings.map((f: { rule: string }) => f.rule)).size).toBe(5);
    expect(ran.stderr).toMatch(/validate: \d+ files in/);
  });

  test('the readable report groups findings by file and ends with the verdict', async () => {
    const dir = makeRepo(outageRepo());
    const ran = await cli(['validate', '--dir', dir]);
    expect(ran.code).toBe(1);
    const fileHeaders = ran.stdout.split('\n').filter(l => /^\S/.test(l));
    expect(fileHeaders.slice(0, -1)).toEqual([
      '.gitignore',
      'deploy.sh',
      'dist/server.js',
      'ecosystem.config.js'
    ]);
    expect(fileHeaders.at(-1)).toMatch(/^FAIL: 7 errors, 0 warnings, 0 notices/);
    expect(ran.stdout).toMatch(/^\s+51 {2}error {4}module-format-conflict: /m);
  });

  test('a clean app passes with exit 0', async () => {
    const dir = makeRepo({ ...cleanRepo(), '.env': 'PORT=3000\nDATABASE_URL=postgres://db/app\n' });
    const ran = await cli(['validate', '--dir', dir, '--env-file', join(dir, '.env'), '--json']);
    expect(
      JSON.parse(ran.stdout).findings.filter((f: { severity: string }) => f.severity === 'error')
    ).toEqual([]);
    expect(ran.code).toBe(0);
  });

  test('--sarif writes SARIF 2.1.0 with every rule described and results on their lines', async () => {
    const dir = makeRepo(outageRepo());
    const sarifPath = join(dir, 'out', 'validate.sarif');
    const ran = await cli(['validate', '--dir', dir, '--sarif', sarifPath]);
    expect(ran.code).toBe(1);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    const validateSarif = sarifSchemaValidator();
    expect([validateSarif(sarif), validateSarif.errors ?? null]).toEqual([true, null]);
    // the validator is strict enough to refuse a broken log
    expect(validateSarif({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ level: 'fatal' }] }] })).toBe(
      false
    );
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toContain('boot-smoke');
    expect(ruleIds).toHaveLength(allRules.length);
    const conflict = run.results.find(
      (r: { ruleId: string; locations: unknown[] }) =>
        r.ruleId === 'module-format-conflict' && JSON.stringify(r.locations).includes('"startLine":51')
    );
    expect(conflict).toBeDefined();
    expect(conflict.level).toBe('error');
    expect(run.tool.driver.rules[conflict.ruleIndex].id).toBe('module-format-conflict');
    expect(conflict.locations[0].physicalLocation.artifactLocation.uri).toMatch(/dist\/server\.js$/);
  });

  test('--sarif: a finding about no file (an env var missing from the environment) still has a location, as code scanning requires', async () => {
    const dir = makeRepo(cleanRepo());
    const sarifPath = join(dir, 'out', 'env.sarif');
    const ran = await cli([
      'validate',
      '--dir',
      dir,
      '--require-env',
      'SHIPGATE_TEST_SURELY_UNSET_VAR',
      '--check-environment',
      '--sarif',
      sarifPath
    ]);
    expect(ran.code).toBe(1);
    const results = JSON.parse(readFileSync(sarifPath, 'utf8')).runs[0].results as Array<{
      ruleId: string;
      locations?: unknown[];
    }>;
    const missing = results.filter(r => r.ruleId === 'env-contract');
    expect(missing.length).toBeGreaterThan(0);
    for (const r of results) expect(r.locations?.length).toBe(1);
    expect(JSON.stringify(missing[0].locations)).toMatch(/"uri":"[^"]+","uriBaseId":"%SRCROOT%"/);
  });

  test('a secret value from the env file never appears in stdout, stderr, JSON or SARIF', async () => {
    const dir = makeRepo({
      ...outageRepo(),
      '.env.example': 'JWT_SECRET=\nDB_PASSWORD= # required\nREDIS_HOST=\n',
      '.env': `JWT_SECRET=${SECRET}\nDB_PASSWORD=changeme\n`,
      Dockerfile: 'FROM node\nCOPY .env /app/.env\n'
    });
    const outputs: string[] = [];
    for (const extra of [['--json'], [], ['--sarif', join(dir, 'x.sarif')]]) {
      const ran = await cli([
        'validate',
        '--dir',
        dir,
        '--env-file',
        join(dir, '.env'),
        '--require-env',
        'JWT_SECRET',
        ...extra
      ]);
      outputs.push(ran.stdout, ran.stderr);
      expect(ran.stdout).toMatch(/DB_PASSWORD/);
    }
    outputs.push(readFileSync(join(dir, 'x.sarif'), 'utf8'));
    for (const out of outputs) {
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain('changeme');
    }
  });

  test('the config file turns rules off', async () => {
    const dir = makeRepo({
      ...outageRepo(),
      '.github/shipgate.yml':
        'validate:\n  rules:\n    process-restart-policy: off\n    deploy-script-drift: warning\n'
    });
    const ran = await cli(['validate', '--dir', dir, '--json']);
    const findings = JSON.parse(ran.stdout).findings;
    expect(findings.some((f: { rule: string }) => f.rule === 'process-restart-policy')).toBe(false);
    expect(findings.find((f: { rule: string }) => f.rule === 'deploy-script-drift').severity).toBe('warning');
  });

  test.each([
    ['a missing directory', ['--dir', '/nonexistent/shipgate']],
    ['an unreadable env file', ['--env-file', '/nonexistent/.env']],
    ['boot without boot-url', ['--boot', 'npm start']],
    ['an unknown rule in the config', ['--config', 'bad.yml']]
  ])('%s exits 2', async (_name, args) => {
    const dir = makeRepo({ 'bad.yml': 'validate:\n  rules:\n    no-such-rule: off\n' });
    const ran = await cli(['validate', '--dir', dir, ...args]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/error: Invalid input '(dir|env-file|boot-url|config)'/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('boot-smoke (opt-in)', () => {
  test('the outage build crashes at boot: the SyntaxError and its line are reported, the env value is not', async () => {
    const files = outageRepo();
    const dir = makeRepo({
      ...files,
      'dist/package.json': '{"type":"commonjs"}\n',
      '.env': `JWT_SECRET=${SECRET}\n`
    });
    const port = await freePort();
    const ran = await cli([
      'validate',
      '--dir',
      dir,
      '--json',
      '--env-file',
      join(dir, '.env'),
      '--boot',
      'node dist/server.js',
      '--boot-url',
      `http://127.0.0.1:${port}/health`,
      '--boot-timeout',
      '5s',
      '--boot-window',
      '1s'
    ]);
    expect(ran.code).toBe(1);
    const boot = JSON.parse(ran.stdout).findings.find((f: { rule: string }) => f.rule === 'boot-smoke');
    expect(boot).toMatchObject({ severity: 'error', file: 'dist/server.js', line: 51 });
    expect(boot.message).toMatch(
      /exited with code 1 .*SyntaxError: Identifier '__dirname' has already been declared/
    );
    expect(ran.stdout + ran.stderr).not.toContain(SECRET);
  });

  test('a crash whose error line prints an env value: the value is masked in the finding', async () => {
    const port = await freePort();
    const dir = makeRepo({ 'package.json': '{"name":"x"}', '.env': `JWT_SECRET=${SECRET}\n` });
    const ran = await cli([
      'validate',
      '--dir',
      dir,
      '--json',
      '--env-file',
      join(dir, '.env'),
      '--boot',
      `node -e "throw new Error('cannot verify with ' + process.env.JWT_SECRET)"`,
      '--boot-url',
      `http://127.0.0.1:${port}/health`,
      '--boot-timeout',
      '5s'
    ]);
    expect(ran.code).toBe(1);
    const boot = JSON.parse(ran.stdout).findings.find((f: { rule: string }) => f.rule === 'boot-smoke');
    expect(boot.message).toMatch(/Error: cannot verify with \*\*\*/);
    expect(ran.stdout + ran.stderr).not.toContain(SECRET);
  });

  test('an app that boots and stays healthy passes, and is stopped afterwards', async () => {
    const port = await freePort();
    const dir = makeRepo({
      ...cleanRepo(),
      '.env': 'PORT=3000\nDATABASE_URL=postgres://db/app\n',
      'server.cjs': `require('node:http').createServer((q, r) => r.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n`
    });
    writeFileSync(join(dir, '.env'), `PORT=${port}\nDATABASE_URL=postgres://db/app\n`);
    const ran = await cli([
      'validate',
      '--dir',
      dir,
      '--json',
      '--env-file',
      join(dir, '.env'),
      '--boot',
      'node server.cjs',
      '--boot-url',
      `http://127.0.0.1:${port}/health`,
      '--boot-timeout',
      '5s',
      '--boot-window',
      '1s'
    ]);
    expect(JSON.parse(ran.stdout).findings.filter((f: { rule: string }) => f.rule === 'boot-smoke')).toEqual(
      []
    );
    expect(ran.code).toBe(0);
    const stillListening = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => true,
      () => false
    );
    expect(stillListening).toBe(false);
  });
});
