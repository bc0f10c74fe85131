import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parseValidateConfig } from '../src/validate/config.js';
import { runRules } from '../src/validate/engine.js';
import { fileNamePrefilter, gitignoreMatcher } from '../src/validate/gitignore.js';
import { loadRepo, LoadOptions } from '../src/validate/load.js';
import { allRules, staticRules } from '../src/validate/rules/index.js';
import { Finding } from '../src/validate/types.js';
import {
  cleanRepo,
  makeRepo,
  outageRepo,
  removeRepos,
  staleCommonJsServer
} from './helpers/validate-repos.js';

afterAll(removeRepos);

const noConfig = { rules: new Map(), include: [], exclude: [] };

const load = (dir: string, extra: Partial<LoadOptions> = {}) =>
  loadRepo({ dir, requireEnv: [], envFile: null, environment: {}, ...extra });

async function validate(
  files: Record<string, string>,
  options: { requireEnv?: string[]; envFile?: string; git?: boolean; env?: NodeJS.ProcessEnv } = {}
): Promise<Finding[]> {
  const dir = makeRepo(files, { git: options.git });
  const repo = await load(dir, {
    requireEnv: options.requireEnv ?? [],
    envFile: options.envFile ? `${dir}/${options.envFile}` : null,
    environment: options.env ?? {},
    checkEnvironment: options.env !== undefined
  });
  return runRules(repo, staticRules, noConfig);
}

const ofRule = (findings: Finding[], rule: string): Finding[] => findings.filter(f => f.rule === rule);

const esmPackage = JSON.stringify(
  { name: 'app', type: 'module', scripts: { start: 'tsx src/server.ts' } },
  null,
  2
);
const pm2 = (props: string): string => `module.exports = {\n  apps: [\n    {\n${props}\n    }\n  ]\n};\n`;
const goodPm2 = pm2(
  "      name: 'api',\n      script: 'src/server.ts',\n      interpreter: 'tsx',\n      max_restarts: 3,\n      min_uptime: '30s'"
);
const base = {
  'package.json': esmPackage,
  'src/server.ts': 'export {};\n',
  '.gitignore': 'node_modules\n/dist/\n.env\n'
};

interface Case {
  rule: string;
  bad: Record<string, string>;
  good: Record<string, string>;
  /** file:line of one expected finding in the bad case. */
  at: string;
  message: RegExp;
}

const dockerGood = [
  'FROM node:20.18-alpine AS deps',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'FROM node:20.18-alpine',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY . .',
  'USER node',
  'HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/health || exit 1',
  'EXPOSE 3000',
  'CMD ["node", "server.js"]'
].join('\n');
/** A compose file that builds docker/api.Dockerfile: the evidence that it is deployed. */
const composeApi =
  'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n    ports: ["3000:3000"]\n';

const cases: Case[] = [
  {
    rule: 'stale-build-output',
    bad: { ...base, 'dist/server.js': 'export {};\n', 'ecosystem.config.cjs': goodPm2 },
    good: { ...base, 'ecosystem.config.cjs': goodPm2 },
    at: 'ecosystem.config.cjs:5',
    message: /dist\/ exists \(1 file\), but PM2 app 'api' runs the sources with tsx/
  },
  {
    rule: 'module-format-conflict',
    bad: { ...base, '.gitignore': 'dist\n', 'dist/server.js': staleCommonJsServer() },
    good: {
      ...base,
      '.gitignore': 'dist\n',
      'package.json': JSON.stringify({
        name: 'app',
        type: 'module',
        scripts: { start: 'node dist/server.js' }
      }),
      'dist/server.js':
        "import path from 'node:path';\nconst __dirname = path.dirname(new URL(import.meta.url).pathname);\nexport default __dirname;\n"
    },
    at: 'dist/server.js:51',
    message: /SyntaxError: Identifier '__dirname' has already been declared/
  },
  {
    rule: 'process-restart-policy',
    bad: {
      ...base,
      'ecosystem.config.cjs': pm2(
        "      name: 'api',\n      script: 'dist/main.js',\n      max_restarts: 3,\n      min_uptime: '30s'"
      )
    },
    good: { ...base, 'ecosystem.config.cjs': goodPm2 },
    at: 'ecosystem.config.cjs:5',
    message: /starts dist\/main\.js, which the release does not contain/
  },
  {
    rule: 'deploy-script-drift',
    bad: {
      ...base,
      'ecosystem.config.cjs': goodPm2,
      'scripts/deploy.sh': '#!/bin/sh\nnpm ci\nnpx tsc -p tsconfig.json\npm2 reload api\n'
    },
    good: {
      ...base,
      'ecosystem.config.cjs': goodPm2,
      'scripts/deploy.sh': '#!/bin/sh\nnpm ci\nnpx tsc --noEmit\npm2 reload api\n'
    },
    at: 'scripts/deploy.sh:3',
    message: /runs `npx tsc`, but PM2 app 'api' runs the sources with tsx/
  },
  {
    rule: 'gitignore-build-output',
    bad: {
      ...base,
      '.gitignore': 'node_modules\n.env\n',
      'tsconfig.json': '{ "compilerOptions": { "outDir": "./build" } }'
    },
    good: {
      ...base,
      'tsconfig.json': '{\n  // comments are fine\n  "compilerOptions": { "outDir": "./build", },\n}',
      '.gitignore': 'node_modules\nbuild/\n.env\n'
    },
    at: '.gitignore:2',
    message: /build\/ \(build output, from tsconfig\.json outDir\) is not ignored/
  },
  {
    rule: 'env-contract',
    bad: {
      ...base,
      '.env.example': 'PORT=3000\nDB_HOST= # required\n# required\nJWT_SECRET=\n',
      '.env.production': 'PORT=8080\nJWT_SECRET=changeme\n'
    },
    good: {
      ...base,
      '.env.example': 'PORT=3000\nDB_HOST= # required\n# required\nJWT_SECRET=\n',
      '.env.production': 'PORT=8080\nDB_HOST=db.internal\nJWT_SECRET=kq93nv0a8s7d6f\n'
    },
    at: '.env.example:2',
    message:
      /^DB_HOST is required \(marked # required in \.env\.example:2\) but missing from \.env\.production\.$/
  },
  {
    rule: 'dockerfile-base-pin',
    bad: { ...base, Dockerfile: dockerGood.replace('FROM node:20.18-alpine\n', 'FROM node:latest\n') },
    good: {
      ...base,
      Dockerfile: `ARG NODE=20.18\n${dockerGood.replace('FROM node:20.18-alpine AS deps', 'FROM node:${NODE}-alpine AS deps')}`
    },
    at: 'Dockerfile:5',
    message: /FROM node:latest uses latest/
  },
  {
    rule: 'dockerfile-layer-order',
    bad: {
      ...base,
      Dockerfile:
        'FROM node:20.18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nHEALTHCHECK CMD true\nEXPOSE 3000\n'
    },
    good: {
      ...base,
      Dockerfile:
        'FROM node:20.18-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nUSER node\nHEALTHCHECK CMD true\nEXPOSE 3000\n'
    },
    at: 'Dockerfile:3',
    message: /COPY \. \. at line 3 comes before the dependency install \(npm ci, line 4\)/
  },
  {
    rule: 'dockerfile-user',
    bad: { ...base, Dockerfile: dockerGood.replace('USER node\n', '') },
    good: { ...base, Dockerfile: dockerGood },
    at: 'Dockerfile:5',
    message: /final stage \(FROM node:20\.18-alpine, line 5\) has no USER/
  },
  {
    rule: 'dockerfile-healthcheck',
    bad: {
      ...base,
      'docker-compose.yml': composeApi,
      'docker/api.Dockerfile': dockerGood.replace(/HEALTHCHECK.*\n/, '')
    },
    good: { ...base, 'docker-compose.yml': composeApi, 'docker/api.Dockerfile': dockerGood },
    at: 'docker/api.Dockerfile:5',
    message: /has no HEALTHCHECK/
  },
  {
    rule: 'dockerfile-secrets',
    bad: {
      ...base,
      'AuthKey_ABC123.p8': 'key',
      Dockerfile: `${dockerGood}\nCOPY AuthKey_ABC123.p8 /app/keys/\n`
    },
    good: { ...base, 'AuthKey_ABC123.p8': 'key', '.dockerignore': '*.p8\n.env\n', Dockerfile: dockerGood },
    at: 'Dockerfile:12',
    message: /COPY AuthKey_ABC123\.p8 at line 12 puts a secret file into the image/
  },
  {
    rule: 'workflow-deploy-needs-tests',
    bad: {
      ...base,
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          npm ci\n          pm2 reload api\n'
    },
    good: {
      ...base,
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n  build:\n    needs: [test]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo build\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          npm ci\n          pm2 reload api\n'
    },
    at: '.github/workflows/ci.yml:7',
    message: /Job 'deploy' deploys \(line 12\) without needs: on a job that runs the tests/
  }
];

describe.each(cases)('$rule', ({ rule, bad, good, at, message }) => {
  const envFor = (files: Record<string, string>) =>
    files['.env.production'] ? { envFile: '.env.production' } : {};
  test('the bad case is found on its line', async () => {
    const found = ofRule(await validate(bad, envFor(bad)), rule);
    const [file, line] = at.split(':');
    const hit = found.find(f => f.file === file && f.line === Number(line) && message.test(f.message));
    if (!hit)
      throw new Error(
        `no ${rule} finding at ${at} matching ${message}; got ${JSON.stringify(found, null, 1)}`
      );
    expect(hit.fix.length).toBeGreaterThan(10);
  });
  test('the good case is clean', async () => {
    expect(ofRule(await validate(good, envFor(good)), rule)).toEqual([]);
  });
});

describe('rule details', () => {
  test('every rule id is kebab-case, unique, and documented', async () => {
    const ids = staticRules.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of staticRules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(r.why.length).toBeGreaterThan(30);
      expect(r.fix.length).toBeGreaterThan(20);
    }
  });

  test('process-restart-policy reads YAML and JSON ecosystem files, restart_delay and cwd: __dirname', async () => {
    const yamlFindings = ofRule(
      await validate({
        ...base,
        'pm2.yaml':
          'apps:\n  - name: web\n    script: src/server.ts\n    interpreter: tsx\n    restart_delay: 4000\n'
      }),
      'process-restart-policy'
    );
    // PM2's defaults (nothing set) are warnings; values set against the limits are errors
    expect(yamlFindings.map(f => `${f.line} ${f.severity}`).sort()).toEqual([
      '2 warning',
      '2 warning',
      '5 warning'
    ]);
    const json = ofRule(
      await validate({
        ...base,
        'ecosystem.json':
          '{\n  "apps": [{\n    "name": "web",\n    "script": "src/server.ts",\n    "max_restarts": 3,\n    "min_uptime": 5000\n  }]\n}'
      }),
      'process-restart-policy'
    );
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ line: 6, message: expect.stringMatching(/min_uptime 5000 \(5s/) });
    const cwd = ofRule(
      await validate({
        ...base,
        'ecosystem.config.cjs': goodPm2.replace(
          "min_uptime: '30s'",
          "min_uptime: '30s',\n      cwd: __dirname"
        )
      }),
      'process-restart-policy'
    );
    expect(cwd).toEqual([
      expect.objectContaining({
        line: 9,
        severity: 'warning',
        message: expect.stringMatching(/cwd: __dirname/)
      })
    ]);
  });

  test('process-restart-policy: many restarts are an error with a short min_uptime (the outage), a warning with a long one', async () => {
    const severities = async (props: string): Promise<string[]> =>
      ofRule(
        await validate({
          ...base,
          'ecosystem.config.cjs': pm2(
            `      name: 'api',\n      script: 'src/server.ts',\n      interpreter: 'tsx',\n${props}`
          )
        }),
        'process-restart-policy'
      ).map(f => `${f.severity} ${f.message.replace(/^PM2 app 'api' has (\w+).*$/, '$1')}`);
    expect(await severities("      max_restarts: 10,\n      min_uptime: '30s'")).toEqual([
      'warning max_restarts'
    ]);
    expect((await severities("      max_restarts: 10,\n      min_uptime: '5s'")).sort()).toEqual([
      'error max_restarts',
      'error min_uptime'
    ]);
    expect((await severities('      max_restarts: 10')).sort()).toEqual(['error max_restarts', 'warning no']);
  });

  test('stale-build-output: a build older than its sources, run by PM2, is a warning', async () => {
    const files = {
      ...base,
      'tsconfig.json': '{"compilerOptions":{"outDir":"dist","rootDir":"src"}}',
      'ecosystem.config.cjs': pm2(
        "      name: 'api',\n      script: 'dist/server.js',\n      max_restarts: 3,\n      min_uptime: '30s'"
      ),
      'dist/server.js': 'export {};\n'
    };
    const dir = makeRepo(files);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'dist/server.js'), old, old);
    const found = ofRule(runRules(await load(dir), staticRules, noConfig), 'stale-build-output');
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'ecosystem.config.cjs',
        line: 5,
        message: expect.stringMatching(/dist\/ is older than the sources .* about 60 min/)
      })
    ]);
    // a fresh build is fine
    utimesSync(join(dir, 'dist/server.js'), new Date(), new Date(Date.now() + 5000));
    expect(ofRule(runRules(await load(dir), staticRules, noConfig), 'stale-build-output')).toEqual([]);
  });

  test('deploy-script-drift: a deploy that starts a file the build does not produce', async () => {
    const found = ofRule(
      await validate({
        ...base,
        'package.json': JSON.stringify({
          name: 'a',
          scripts: { build: 'tsc', deploy: 'npm run build && node dist/main.js' }
        }),
        'tsconfig.json': '{"compilerOptions":{"outDir":"dist","rootDir":"src"}}'
      }),
      'deploy-script-drift'
    );
    expect(found).toEqual([
      expect.objectContaining({
        file: 'package.json',
        line: 1,
        message: expect.stringMatching(/starts dist\/main\.js, which neither/)
      })
    ]);
  });

  test('module-format-conflict ignores a bundle whose functions bind module/exports/require', async () => {
    const bundle =
      '(function (modules) { modules[0](); })([function (module, exports, require) { const x = require("y"); module.exports = x; }]);\nexport default 1;\n';
    const found = ofRule(
      await validate({ ...base, '.gitignore': 'dist\n', 'dist/app.js': bundle }),
      'module-format-conflict'
    );
    expect(found).toEqual([]);
  });

  test('a build/ folder of build tooling is not taken for build output', async () => {
    const found = await validate({ ...base, 'build/webpack.config.js': 'module.exports = {};\n' });
    expect(found.filter(f => /build\//.test(f.message))).toEqual([]);
  });

  test('dockerfile-user and dockerfile-healthcheck: USER root, HEALTHCHECK NONE, and what the final stage inherits', async () => {
    const explicit = await validate({
      ...base,
      Dockerfile: 'FROM node:20.18-alpine\nUSER node\nRUN npm ci\nUSER root\nHEALTHCHECK NONE\nEXPOSE 3000\n'
    });
    expect(ofRule(explicit, 'dockerfile-user')).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/USER root at line 4/) })
    ]);
    expect(ofRule(explicit, 'dockerfile-healthcheck')).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringMatching(/HEALTHCHECK NONE/) })
    ]);
    const inherited = await validate({
      ...base,
      Dockerfile:
        'FROM node:20.18-alpine AS base\nUSER node\nHEALTHCHECK CMD true\nFROM golang:1.23 AS tools\nFROM base\nEXPOSE 3000\nCMD ["node", "x.js"]\n'
    });
    expect(inherited.filter(f => f.rule.startsWith('dockerfile-'))).toEqual([]);
  });

  test('workflow-deploy-needs-tests: a test job running $TEST_COMMAND counts; a rollback job is no deploy of untested code', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: bash -c "$TEST_COMMAND"',
      '  deploy:',
      '    needs: [test]',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: OWNER/shipgate@v1',
      '        with:',
      '          command: deploy',
      '  rollback:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: OWNER/shipgate@v1',
      '        with:',
      '          command: rollback',
      ''
    ].join('\n');
    expect(
      ofRule(
        await validate({ ...base, '.github/workflows/deploy.yml': workflow }),
        'workflow-deploy-needs-tests'
      )
    ).toEqual([]);
    const untested = workflow.replace('    needs: [test]\n', '');
    const found = ofRule(
      await validate({ ...base, '.github/workflows/deploy.yml': untested }),
      'workflow-deploy-needs-tests'
    );
    expect(found.map(f => `${f.file}:${f.line}`)).toEqual(['.github/workflows/deploy.yml:7']);
  });

  test('gitignore-build-output: other env files (.env.production) not ignored are found; .env.* with !.env.example is fine', async () => {
    const bad = ofRule(
      await validate({
        ...base,
        '.gitignore': 'node_modules\n.env\n',
        '.env.production': 'A=1\n',
        '.env.example': 'A=\n'
      }),
      'gitignore-build-output'
    );
    expect(bad.map(f => `${f.file}:${f.line} ${f.message}`)).toEqual([
      '.gitignore:2 .env.production is not ignored by .gitignore: it can be committed with its secrets.'
    ]);
    const good = ofRule(
      await validate({
        ...base,
        '.gitignore': 'node_modules\n.env\n.env.*\n!.env.example\n',
        '.env.production': 'A=1\n',
        '.env.example': 'A=\n'
      }),
      'gitignore-build-output'
    );
    expect(good).toEqual([]);
  });

  test('gitignore-build-output: a tracked .env and a tracked build are found', async () => {
    const found = ofRule(
      await validate(
        {
          ...base,
          '.gitignore': 'node_modules\n',
          '.env': 'A=1\n',
          'tsconfig.json': '{"compilerOptions":{"outDir":"dist"}}',
          'dist/index.js': 'export {};\n'
        },
        { git: true }
      ),
      'gitignore-build-output'
    );
    const messages = found.map(f => `${f.file}:${f.line} ${f.message}`).join('\n');
    expect(messages).toMatch(/^\.env:1 \.env is tracked by git/m);
    expect(messages).toMatch(/^dist\/index\.js:1 dist\/ is tracked by git/m);
    expect(messages).toMatch(/^\.gitignore:1 \.env is not ignored/m);
  });

  test('dockerfile-secrets: COPY . . with a .env in the context and no .dockerignore', async () => {
    const found = ofRule(
      await validate({ ...base, '.env': 'X=1\n', Dockerfile: dockerGood }),
      'dockerfile-secrets'
    );
    expect(found).toEqual([
      expect.objectContaining({
        file: 'Dockerfile',
        line: 7,
        message: expect.stringMatching(/copies \.env into the image/)
      })
    ]);
  });

  test('env-contract against the environment (--check-environment): missing or empty is an error, a placeholder a warning', async () => {
    const found = ofRule(
      await validate(base, {
        requireEnv: ['DB_HOST', 'JWT_SECRET', 'CORS_ORIGIN'],
        env: { DB_HOST: 'db', JWT_SECRET: '<your secret>', CORS_ORIGIN: '' }
      }),
      'env-contract'
    );
    expect(found.map(f => [f.severity, f.message.split(' ')[0], f.file])).toEqual([
      ['error', 'CORS_ORIGIN', null],
      ['warning', 'JWT_SECRET', null]
    ]);
    const missing = ofRule(await validate(base, { requireEnv: ['REDIS_HOST'], env: {} }), 'env-contract');
    expect(missing).toEqual([expect.objectContaining({ severity: 'error', file: null, line: null })]);
    // without a production env (a PR check), the names are listed in one notice, never errors
    const unchecked = ofRule(await validate(base, { requireEnv: ['REDIS_HOST', 'DB_HOST'] }), 'env-contract');
    expect(unchecked).toEqual([
      expect.objectContaining({
        severity: 'notice',
        message: expect.stringMatching(/2 required variables \(REDIS_HOST, DB_HOST\) not checked/)
      })
    ]);
  });

  test('walking skips node_modules and gitignored folders', async () => {
    const dir = makeRepo({
      ...base,
      '.gitignore': 'node_modules\ncoverage/\n',
      'coverage/Dockerfile': 'FROM ubuntu\n',
      'node_modules/x/Dockerfile': 'FROM ubuntu\n',
      'pkg/.gitignore': 'tmp\n',
      'pkg/tmp/Dockerfile': 'FROM ubuntu\n',
      'pkg/Dockerfile': dockerGood
    });
    const snapshot = await load(dir);
    expect(snapshot.files.filter(f => f.endsWith('Dockerfile'))).toEqual(['pkg/Dockerfile']);
  });

  test.each([
    ['names only (the fast name pre-check applies)', ''],
    ['a ** pattern (every file goes through the matcher)', '\na/**/deep.txt\nlogs/**']
  ])('the walk agrees with the ignore matcher on every file: %s', async (_name, extra) => {
    const gitignore =
      [
        '# build',
        '/dist/',
        '*.log',
        '!keep.log',
        'tmp',
        'docs/*.md',
        'cache?.json',
        '.env*',
        '!.env.example',
        'Secret.TXT'
      ].join('\n') + extra;
    expect(fileNamePrefilter(gitignore) === null).toBe(extra !== '');
    const names = [
      'x.ts',
      'keep.log',
      'err.log',
      'README.md',
      'cache1.json',
      'cache12.json',
      '.env',
      '.env.prod',
      '.env.example',
      'secret.txt',
      'deep.txt'
    ];
    const files: Record<string, string> = { '.gitignore': gitignore };
    for (const dir of ['', 'src/', 'docs/', 'a/b/', 'dist/', 'tmp/'])
      for (const n of names) files[`${dir}${n}`] = 'x';
    const dir = makeRepo(files);
    const walked = (await load(dir)).files.sort();
    const matcher = gitignoreMatcher(gitignore);
    const expected = Object.keys(files)
      .filter(p => !matcher.ignores(p))
      .sort();
    expect(walked).toEqual(expected);
    expect(walked).toContain('src/keep.log');
    expect(walked).not.toContain('src/err.log');
    expect(walked).not.toContain('src/secret.txt');
    expect(walked.includes('a/b/deep.txt')).toBe(extra === '');
  });

  test('configuration turns rules off and changes severities; unknown ids are refused', async () => {
    const config = parseValidateConfig(
      'validate:\n  rules:\n    dockerfile-user: off\n    dockerfile-healthcheck: error\n',
      'x.yml',
      allRules.map(r => r.id)
    );
    const dir = makeRepo({ ...base, Dockerfile: 'FROM node:20.18-alpine\nEXPOSE 3000\nCMD ["node"]\n' });
    const snapshot = await load(dir);
    const found = runRules(snapshot, staticRules, config);
    expect(ofRule(found, 'dockerfile-user')).toEqual([]);
    expect(ofRule(found, 'dockerfile-healthcheck')[0].severity).toBe('error');
    expect(() =>
      parseValidateConfig(
        'validate:\n  rules:\n    no-such-rule: off\n',
        'x.yml',
        allRules.map(r => r.id)
      )
    ).toThrow(/unknown rule 'no-such-rule'/);
    expect(() =>
      parseValidateConfig(
        'validate:\n  rules:\n    dockerfile-user: fatal\n',
        'x.yml',
        allRules.map(r => r.id)
      )
    ).toThrow(/must be off, error, warning or notice/);
  });

  test('the clean, well-configured app has zero errors', async () => {
    const files = cleanRepo();
    const found = await validate(
      { ...files, '.env': 'PORT=3000\nDATABASE_URL=postgres://db/app\n' },
      { envFile: '.env' }
    );
    expect(found.filter(f => f.severity === 'error')).toEqual([]);
  });

  test('the first outage: exactly the five rules, each an error with a line', async () => {
    const found = await validate(outageRepo());
    expect([...new Set(found.map(f => f.rule))].sort()).toEqual([
      'deploy-script-drift',
      'gitignore-build-output',
      'module-format-conflict',
      'process-restart-policy',
      'stale-build-output'
    ]);
    for (const f of found) {
      expect(f.severity).toBe('error');
      expect(f.line).toBeGreaterThan(0);
    }
  });
});
