import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

/** Removes every repository this test file made (call it from afterAll). */
export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a repository into a fresh temporary directory; optionally `git init` and track every file. */
export function makeRepo(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-validate-'));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  if (options.git) {
    const git = (...args: string[]): void => {
      execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    };
    git('init', '-q');
    git('add', '-A', '-f');
  }
  return dir;
}

/** tsc's CommonJS output of an ESM server that declares __dirname itself: line 51 is the outage's line. */
export function staleCommonJsServer(): string {
  const lines = [
    '"use strict";',
    'var __importDefault = (this && this.__importDefault) || function (mod) {',
    '    return (mod && mod.__esModule) ? mod : { "default": mod };',
    '};',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'const node_http_1 = __importDefault(require("node:http"));',
    'const node_path_1 = __importDefault(require("node:path"));',
    'const node_url_1 = require("node:url");'
  ];
  while (lines.length < 50) lines.push(`// compiled helper ${lines.length + 1}`);
  lines.push(
    'const __dirname = node_path_1.default.dirname((0, node_url_1.fileURLToPath)("file:///srv/app/dist/server.js"));'
  );
  lines.push(
    'node_http_1.default.createServer((_q, r) => r.end("ok")).listen(Number(process.env.PORT ?? 3000));'
  );
  return `${lines.join('\n')}\n`;
}

/** The first outage, as the incident notes describe it. */
export function outageRepo(): Record<string, string> {
  return {
    'package.json': JSON.stringify(
      {
        name: 'api',
        type: 'module',
        scripts: { start: 'tsx src/server.ts', build: 'tsc', dev: 'tsx watch src/server.ts' },
        dependencies: { tsx: '^4.0.0' }
      },
      null,
      2
    ),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          outDir: 'dist',
          rootDir: 'src',
          strict: true
        }
      },
      null,
      2
    ),
    'src/server.ts': [
      "import http from 'node:http';",
      "import path from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      'const __dirname = path.dirname(fileURLToPath(import.meta.url));',
      'http.createServer((_q, r) => r.end(__dirname)).listen(Number(process.env.PORT ?? 3000));',
      ''
    ].join('\n'),
    'dist/server.js': staleCommonJsServer(),
    'ecosystem.config.js': [
      'module.exports = {',
      '  apps: [',
      '    {',
      "      name: 'api',",
      "      script: 'tsx',",
      "      args: 'src/server.ts',",
      '      max_restarts: 15,',
      "      min_uptime: '5s',",
      "      env: { NODE_ENV: 'production' }",
      '    }',
      '  ]',
      '};',
      ''
    ].join('\n'),
    'deploy.sh': [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      'git pull --ff-only',
      'npm ci',
      'npm run build',
      'pm2 restart ecosystem.config.js',
      'pm2 status',
      ''
    ].join('\n'),
    '.gitignore': 'node_modules/\n.env\n'
  };
}

/** A clean, well-configured app: tsx start, no dist/, a good .gitignore, strict PM2 settings, a good Dockerfile. */
export function cleanRepo(): Record<string, string> {
  return {
    'package.json': JSON.stringify(
      { name: 'api', type: 'module', scripts: { start: 'tsx src/server.ts', test: 'node --test' } },
      null,
      2
    ),
    'tsconfig.json': JSON.stringify(
      { compilerOptions: { noEmit: true, module: 'NodeNext', strict: true } },
      null,
      2
    ),
    'src/server.ts':
      "import http from 'node:http';\nhttp.createServer((_q, r) => r.end('ok')).listen(3000);\n",
    'ecosystem.config.cjs': [
      'module.exports = {',
      '  apps: [',
      '    {',
      "      name: 'api',",
      "      script: 'node_modules/.bin/tsx',",
      "      args: 'src/server.ts',",
      '      max_restarts: 3,',
      "      min_uptime: '30s'",
      '    }',
      '  ]',
      '};',
      ''
    ].join('\n'),
    'deploy.sh':
      '#!/usr/bin/env bash\nset -euo pipefail\nnpm ci --omit=dev\npm2 startOrReload ecosystem.config.cjs\n',
    '.gitignore': 'node_modules/\n/dist/\n.env\n.env.*\n!.env.example\n',
    '.dockerignore': 'node_modules\n.env\n.git\n',
    '.env.example': 'PORT=3000\nDATABASE_URL=\n',
    Dockerfile: [
      'FROM node:20.18-alpine AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci --omit=dev',
      '',
      'FROM node:20.18-alpine',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY --chown=node:node . .',
      'USER node',
      'HEALTHCHECK --interval=30s --timeout=5s CMD wget -qO- http://127.0.0.1:3000/health || exit 1',
      'CMD ["node_modules/.bin/tsx", "src/server.ts"]',
      ''
    ].join('\n'),
    '.github/workflows/deploy.yml': [
      'name: deploy',
      'on: { push: { branches: [main] } }',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: npm ci && npm test',
      '  deploy:',
      '    needs: test',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: ./deploy.sh',
      '      - run: pm2 reload ecosystem.config.cjs',
      ''
    ].join('\n')
  };
}

/**
 * Repositories shaped like the false positives and misses of issue 11, written here from what
 * was seen on real repositories (no code of theirs): each is small and says what it stands for.
 */
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** An .env.example listing optional and defaulted keys beside one marked `# required`. */
export function optionalEnvExampleRepo(): Record<string, string> {
  const optional = [
    'PORT=3000',
    'LOG_LEVEL=info',
    'SENTRY_DSN=',
    'FEATURE_FLAGS=',
    'REDIS_URL=',
    'SMTP_HOST='
  ];
  return {
    'package.json': json({ name: 'api', scripts: { start: 'node server.js' } }),
    'server.js': "require('node:http').createServer((q, r) => r.end('ok')).listen(3000);\n",
    '.gitignore': 'node_modules\n.env\n.env.*\n!.env.example\n',
    '.env.example': `${optional.join('\n')}\n# required\nDATABASE_URL=\nJWT_SECRET= # required: signs sessions\n`,
    '.env.production': 'DATABASE_URL=postgres://db.internal/app\nJWT_SECRET=9f8e7d6c5b4a39281706\n'
  };
}

/** PM2's own shape: e2e shell scripts that cd somewhere and start fixtures, ecosystem files under examples/. */
export function testScriptsRepo(): Record<string, string> {
  return {
    'package.json': json({ name: 'tool', scripts: { test: 'bash test/e2e.sh' } }),
    '.gitignore': 'node_modules\n.env\n',
    'test/e2e/cli/app-configuration.sh': '#!/bin/bash\ncd $file_path/fixtures\npm2 start echo.js\npm2 kill\n',
    'test/e2e.sh': '#!/bin/bash\nset -e\nbash test/e2e/cli/app-configuration.sh\n',
    'examples/cluster-http/ecosystem.config.js':
      "module.exports = { apps: [{ name: 'clustered_http', script: './http.js', instances: 'max' }] };\n",
    'test/fixtures/ecosystem.json': json({ apps: [{ name: 'echo', script: 'echo.js', max_restarts: 30 }] }),
    'templates/ecosystem.tpl.config.js': "module.exports = { apps: [{ name: 'app', script: 'app.js' }] };\n"
  };
}

/** A deploy script that moves into a folder first, and starts files the build writes where shipgate cannot trace them. */
export function untraceableStartsRepo(): Record<string, string> {
  return {
    'package.json': json({
      name: 'web',
      scripts: { build: 'next build', start: 'next start', 'start-server': 'node server.js' }
    }),
    '.gitignore': 'node_modules\n.next\n.env\n',
    'deploy.sh': '#!/bin/bash\nset -e\ncd "$APP_DIR/current"\npm2 start echo.js\n',
    'scripts/release.sh': '#!/bin/bash\nset -e\nnpm ci\nnpm run build\nnode .next/standalone/server.js &\n',
    'docker/start.sh': '#!/bin/sh\nnode build/server/main.js\n',
    // a deploy job that runs a maintenance script inside the running container, over SSH
    '.github/workflows/deploy.yml':
      "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash deploy.sh\n      - run: >-\n          ssh prod\n          'cd /opt/app && docker compose exec -T web\n          node dist/scripts/backfill.js'\n",
    Dockerfile:
      'FROM node:20.18-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCOPY docker/start.sh ./start.sh\nUSER node\nEXPOSE 3000\nHEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ || exit 1\nCMD ["sh", "start.sh"]\n'
  };
}

/** Dockerfiles that are not long-running services: a test image, a CI image, a base image, a client with no port, a backup. */
export function nonServiceImagesRepo(): Record<string, string> {
  return {
    'package.json': json({ name: 'svc', scripts: { start: 'node server.js', test: 'node --test' } }),
    'server.js': "require('node:http').createServer((q, r) => r.end('ok')).listen(3000);\n",
    '.gitignore': 'node_modules\n.env\n',
    'Dockerfile.test': 'FROM node:20.18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npm", "test"]\n',
    'ci/Dockerfile': 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git\n',
    'docker/base/Dockerfile': 'FROM node:20.18-alpine\nRUN apk add --no-cache tini\n',
    'cli/Dockerfile': 'FROM node:20.18-alpine\nWORKDIR /cli\nCOPY cli.js .\nENTRYPOINT ["node", "cli.js"]\n',
    'cli/cli.js': "console.log('hello');\n",
    'Dockerfile.bak': 'FROM keymetrics/pm2:latest\nCOPY . .\nCMD ["pm2-runtime", "server.js"]\n',
    'document.e2e.Dockerfile':
      'FROM node:20.18-alpine\nCOPY . .\nRUN npm ci\nCMD ["npm", "run", "test:e2e"]\n',
    '.github/workflows/e2e.yml':
      'on: pull_request\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -f document.e2e.Dockerfile -t e2e .\n'
  };
}

/** Deploys gated by a workflow_run chain after CI, and an e2e job that runs `docker compose up` on the runner. */
export function gatedWorkflowsRepo(): Record<string, string> {
  return {
    'package.json': json({ name: 'svc', scripts: { start: 'node server.js', test: 'node --test' } }),
    'server.js': "require('node:http').createServer((q, r) => r.end('ok')).listen(3000);\n",
    '.gitignore': 'node_modules\n.env\n',
    '.github/workflows/ci.yml':
      'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n',
    '.github/workflows/deploy.yml':
      "name: Deploy\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  deploy:\n    if: github.event.workflow_run.conclusion == 'success'\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pm2 deploy ecosystem.config.js production\n",
    '.github/workflows/e2e.yml':
      'on: pull_request\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker compose -f docker-compose.e2e.yml up -d\n      - run: npm run test:e2e\n'
  };
}

/** The misses: a lowercase docker/dockerfile, a multi-target Dockerfile, an install hidden by a global one, floating tags. */
export function missesRepo(): Record<string, string> {
  return {
    'package.json': json({ name: 'mono', private: true }),
    '.gitignore': 'node_modules\n.env\n',
    'docker/dockerfile':
      'FROM node:20.18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 8080\nCMD ["node", "server.js"]\n',
    'prod.Dockerfile': [
      'FROM node:latest-alpine AS base',
      'WORKDIR /app',
      'RUN npm i -g pnpm',
      'COPY . .',
      'RUN pnpm install --frozen-lockfile',
      'FROM base AS backend',
      'EXPOSE 3170',
      'CMD ["node", "backend.js"]',
      'FROM base AS app',
      'EXPOSE 3000',
      'CMD ["node", "app.js"]',
      'FROM base AS admin',
      'EXPOSE 3100',
      'CMD ["node", "admin.js"]',
      'FROM golang:alpine AS aio',
      'USER nobody',
      'HEALTHCHECK CMD wget -qO- http://127.0.0.1/ || exit 1',
      'EXPOSE 80',
      'CMD ["/aio"]',
      ''
    ].join('\n'),
    '.github/workflows/release.yml': [
      'on: { push: { tags: ["v*"] } }',
      'jobs:',
      '  images:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: docker build -f docker/dockerfile -t api .',
      '      - run: |',
      '          for t in backend app admin; do',
      '            docker buildx build -f prod.Dockerfile --target backend -t x/backend . --push',
      '          done',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: .',
      '          file: ./prod.Dockerfile',
      '          target: app',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: .',
      '          file: ./prod.Dockerfile',
      '          target: admin',
      ''
    ].join('\n'),
    'server.js': 'export {};\n'
  };
}

/** An ECS service in the second outage's shape: its task definition, deployed by a workflow. */
export function ecsRepo(): Record<string, string> {
  const taskDefinition = {
    family: 'api',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'api',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:latest',
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        environment: [
          { name: 'DB_HOST', value: 'db.internal' },
          { name: 'SERVER_ENV', value: 'production' }
        ],
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' }
        ],
        healthCheck: {
          command: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/health || exit 1'],
          interval: 30,
          timeout: 5,
          retries: 2
        }
      },
      {
        name: 'log-router',
        image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0',
        essential: false
      }
    ]
  };
  return {
    'go.mod': 'module example.com/api\n\ngo 1.23\n',
    '.gitignore': '.env\n',
    '.aws/task-definition.json': json(taskDefinition),
    '.github/workflows/deploy.yml': [
      'on: { push: { branches: [main] } }',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: go test ./...',
      '  deploy:',
      '    needs: test',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2',
      '        with:',
      '          task-definition: .aws/task-definition.json',
      '          service: api',
      '          cluster: prod',
      ''
    ].join('\n')
  };
}
