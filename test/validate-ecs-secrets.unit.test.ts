import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runRules } from '../src/validate/engine.js';
import { loadRepo } from '../src/validate/load.js';
import { encodedForms, makeRedactor } from '../src/validate/redact.js';
import { staticRules } from '../src/validate/rules/index.js';
import * as runner from '../src/util/runner-commands.js';
import { cli } from './helpers/cli.js';
import { cleanRepo, ecsRepo, makeRepo, outageRepo, removeRepos } from './helpers/validate-repos.js';

afterAll(removeRepos);

const OUTAGE_ENV = [
  'DB_HOST',
  'DB_PORT',
  'DB_NAME',
  'DB_USER',
  'DB_PASSWORD',
  'REDIS_HOST',
  'REDIS_PORT',
  'JWT_ACCESS_SECRET',
  'JWT_REFRESH_SECRET',
  'RESEND_API_KEY',
  'CORS_ORIGIN',
  'SERVER_ENV'
];

describe('ECS task definitions (the second outage)', () => {
  test('found by the workflow that deploys it: env contract over environment and secrets, startPeriod, logs, :latest', async () => {
    const files = ecsRepo();
    const dir = makeRepo(files);
    const lineOf = (text: string): number =>
      files['.aws/task-definition.json'].split('\n').findIndex(l => l.includes(text)) + 1;
    const ran = await cli(['validate', '--dir', dir, '--json', '--require-env', OUTAGE_ENV.join(',')]);
    expect(ran.code).toBe(1);
    const findings = JSON.parse(ran.stdout).findings as {
      rule: string;
      severity: string;
      file: string;
      line: number;
      message: string;
      evidence: string;
    }[];
    const env = findings.filter(f => f.rule === 'env-contract');
    // DB_HOST and SERVER_ENV are in environment, DB_PASSWORD in secrets: the other nine are missing
    expect(env.map(f => f.message.split(' ')[0]).sort()).toEqual(
      OUTAGE_ENV.filter(n => !['DB_HOST', 'SERVER_ENV', 'DB_PASSWORD'].includes(n)).sort()
    );
    for (const f of env) {
      expect(f).toMatchObject({
        severity: 'error',
        file: '.aws/task-definition.json',
        line: lineOf('"name": "api"')
      });
      expect(f.evidence).toMatch(/deployed by \.github\/workflows\/deploy\.yml:\d+/);
    }
    const rest = findings
      .filter(f => f.rule !== 'env-contract')
      .map(f => `${f.rule} ${f.severity} ${f.line}`);
    expect(rest.sort()).toEqual([
      `ecs-health-check-start-period warning ${lineOf('"healthCheck"')}`,
      `ecs-image-pinned warning ${lineOf('"image": "123456789012')}`,
      `ecs-log-configuration warning ${lineOf('"name": "api"')}`
    ]);
  });

  test('--task-definition names one; an image filled in at deploy (render-task-definition) and a complete definition are clean', async () => {
    const files = ecsRepo();
    const definition = JSON.parse(files['.aws/task-definition.json']);
    const api = definition.containerDefinitions[0];
    api.environment.push(...OUTAGE_ENV.filter(n => n !== 'DB_PASSWORD').map(name => ({ name, value: 'x' })));
    api.healthCheck.startPeriod = 120;
    api.logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/api' } };
    const dir = makeRepo({
      '.gitignore': '.env\n',
      'ecs/api.json': JSON.stringify(definition, null, 2),
      '.github/workflows/deploy.yml':
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n  deploy:\n    needs: test\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/amazon-ecs-render-task-definition@v1\n        with:\n          task-definition: ecs/api.json\n          container-name: api\n          image: ${{ steps.build.outputs.image }}\n'
    });
    const ran = await cli(['validate', '--dir', dir, '--json', '--require-env', OUTAGE_ENV.join(',')]);
    expect(JSON.parse(ran.stdout).findings).toEqual([]);
    expect(ran.code).toBe(0);
    const named = makeRepo({ '.gitignore': '.env\n', 'deploy/td.json': JSON.stringify(definition) });
    const byFlag = await cli(['validate', '--dir', named, '--json', '--task-definition', 'deploy/td.json']);
    expect(JSON.parse(byFlag.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual([
      'ecs-image-pinned'
    ]);
    const missing = await cli(['validate', '--dir', named, '--task-definition', 'nope.json']);
    expect(missing.code).toBe(2);
  });
});

describe('env-file values: masked and redacted, encoded or not (issue 15, item 6)', () => {
  const SECRET = 'pa55-W0rd-that-must-never-leak-9931';

  test('the redactor removes the value, its base64/base64url/URL/hex forms, at any offset, and long prefixes', () => {
    const redact = makeRedactor([SECRET, 'info', '3000']);
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const samples = [
      SECRET,
      b64(SECRET),
      b64(`user:${SECRET}`),
      b64(`x${SECRET}`),
      b64(`xy${SECRET}`).replace(/\+/g, '-').replace(/\//g, '_'),
      encodeURIComponent(SECRET),
      Buffer.from(SECRET).toString('hex'),
      Buffer.from(SECRET).toString('hex').toUpperCase(),
      `${SECRET.slice(0, 12)}...`,
      `${b64(SECRET).slice(0, 16)}`
    ];
    for (const s of samples) {
      const out = redact(`token=${s};`);
      expect(out).toContain('***');
      expect(out).not.toContain(SECRET.slice(0, 8));
      expect(out).not.toContain(b64(SECRET).slice(2, 14));
    }
    // short and common values are no secrets: they stay
    expect(redact('listening on 3000 at info level')).toBe('listening on 3000 at info level');
    expect(encodedForms(SECRET)).toEqual(
      expect.arrayContaining([SECRET, b64(SECRET), encodeURIComponent(SECRET)])
    );
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

  test('a boot-smoke app that prints the value base64-encoded: nothing of it in JSON, text, SARIF or the summary', async () => {
    const port = await freePort();
    const dir = makeRepo({ 'package.json': '{"name":"x"}', '.env': `JWT_SECRET=${SECRET}\n` });
    const crash = `node -e "const b=Buffer.from(process.env.JWT_SECRET).toString('base64'); console.error('Error: bad key ' + b + ' / ' + process.env.JWT_SECRET.slice(0, 12) + ' / ' + encodeURIComponent(process.env.JWT_SECRET)); process.exit(1)"`;
    const outputs: string[] = [];
    for (const extra of [['--json'], [], ['--sarif', join(dir, 'boot.sarif')]]) {
      const ran = await cli([
        'validate',
        '--dir',
        dir,
        '--env-file',
        join(dir, '.env'),
        '--boot',
        crash,
        '--boot-url',
        `http://127.0.0.1:${port}/health`,
        '--boot-timeout',
        '5s',
        ...extra
      ]);
      expect(ran.code).toBe(1);
      outputs.push(ran.stdout, ran.stderr);
    }
    expect(
      JSON.parse(outputs[0]).findings.find((f: { rule: string }) => f.rule === 'boot-smoke').message
    ).toMatch(/Error: bad key \*\*\* \/ \*\*\*/);
    outputs.push(readFileSync(join(dir, 'boot.sarif'), 'utf8'));
    const b64 = Buffer.from(SECRET).toString('base64');
    for (const out of outputs) {
      expect(out).not.toContain(SECRET.slice(0, 10));
      expect(out).not.toContain(b64.slice(0, 12));
      expect(out).not.toContain(encodeURIComponent(SECRET).slice(0, 12));
    }
  });
});

describe('the runner protocol without @actions/core', () => {
  const capture = (fn: () => void): string => {
    const write = process.stdout.write;
    let out = '';
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    try {
      fn();
    } finally {
      process.stdout.write = write;
    }
    return out;
  };
  const tricky = ['plain', 'a%b\r\nc::d,e', 'multi\nline: with, commas', ''];

  test.each(tricky)(
    'annotations and masks are written byte for byte as @actions/core writes them (%j)',
    text => {
      const props = { title: `t ${text}`, file: `src/${text}.ts`, startLine: 3 };
      expect(capture(() => runner.annotate('error', text, props))).toBe(
        capture(() => core.error(text, props))
      );
      expect(capture(() => runner.annotate('warning', text, {}))).toBe(capture(() => core.warning(text, {})));
      expect(capture(() => runner.annotate('notice', text, props))).toBe(
        capture(() => core.notice(text, props))
      );
      expect(capture(() => runner.addMask(text))).toBe(capture(() => core.setSecret(text)));
      expect(capture(() => runner.startGroup(text))).toBe(capture(() => core.startGroup(text)));
    }
  );
});

describe('every file is parsed once, whatever the number of rules reading it', () => {
  test('one parse per file and parser over all the rules (the outage, the clean app and ECS together)', async () => {
    const dir = makeRepo({
      ...outageRepo(),
      ...cleanRepo(),
      ...ecsRepo(),
      'ecosystem.config.js': outageRepo()['ecosystem.config.js']
    });
    const repo = await loadRepo({ dir, requireEnv: ['DB_HOST'], envFile: null, environment: {} });
    runRules(repo, staticRules, { rules: new Map(), include: [], exclude: [] });
    runRules(repo, staticRules, { rules: new Map(), include: [], exclude: [] });
    expect(repo.parsed.parses.size).toBeGreaterThan(5);
    expect([...repo.parsed.parses.values()].every(n => n === 1)).toBe(true);
    for (const kind of ['docker', 'pm2', 'workflow', 'json', 'module'])
      expect([...repo.parsed.parses.keys()].some(k => k.startsWith(`${kind}:`))).toBe(true);
  });
});
