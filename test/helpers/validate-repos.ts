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
