import { chmodSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The PM2 shapes users deploy, each as a release whose /health answers the version written in
 * its CODE (never read from the environment or the cwd), so a test sees which code serves.
 */
export type Shape =
  | 'fork-relative'
  | 'cluster'
  | 'absolute-script'
  | 'cwd-dirname'
  | 'cwd-absolute'
  | 'tsx'
  | 'npm-start'
  | 'node-args'
  | 'sh-wrapper'
  | 'script-moves';

export const shapes: Shape[] = [
  'fork-relative',
  'cluster',
  'absolute-script',
  'cwd-dirname',
  'cwd-absolute',
  'tsx',
  'npm-start',
  'node-args',
  'sh-wrapper',
  'script-moves'
];

export interface ShapeRelease {
  shape: Shape;
  app: string;
  version: string;
  port: number;
  /** The deploy root (for the shape that names `<root>/current` itself). */
  root: string;
  /** Crashes at start like the first outage (a SyntaxError in the log, exit 1). */
  bad?: boolean;
}

const server = (
  version: string,
  bad: boolean
) => `${bad ? `console.error("SyntaxError: Identifier '__dirname' has already been declared (release ${version})");\nprocess.exit(1);\n` : ''}const http = require('node:http');
const version = ${JSON.stringify(version)};
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'ok', version, preload: globalThis.SHIPGATE_TEST_PRELOAD ?? null, release: process.env.SHIPGATE_RELEASE ?? null, pid: process.pid }));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGINT', () => process.exit(0));
`;

/** Writes the release; all files get one fixed time, so releases differ by content only. */
export function writeShapeRelease(dir: string, r: ShapeRelease): string {
  mkdirSync(dir, { recursive: true });
  const code = server(r.version, r.bad ?? false);
  const app: Record<string, unknown> = {
    name: r.app,
    script: 'server.js',
    exec_mode: 'fork',
    instances: 1,
    max_restarts: 3,
    min_uptime: '10s',
    kill_timeout: 2000,
    env: { PORT: String(r.port), NODE_ENV: 'production' }
  };
  const files: Record<string, string> = { 'server.js': code };
  let cwdLine = '';
  switch (r.shape) {
    case 'fork-relative':
      break;
    case 'cluster':
      Object.assign(app, { exec_mode: 'cluster', instances: 2 });
      break;
    case 'absolute-script':
      cwdLine = "app.script = require('node:path').join(__dirname, 'server.js');";
      break;
    case 'cwd-dirname':
      cwdLine = 'app.cwd = __dirname;';
      break;
    case 'cwd-absolute':
      app.cwd = `${r.root}/current`;
      break;
    case 'tsx':
      // the first outage's shape: TypeScript run directly by tsx (found on PATH beside pm2)
      delete files['server.js'];
      files['src/server.ts'] = `const label: string = 'ts';\nvoid label;\n${code}`;
      Object.assign(app, { script: 'tsx', args: 'src/server.ts' });
      break;
    case 'npm-start':
      files['package.json'] = JSON.stringify({
        name: r.app,
        private: true,
        scripts: { start: 'node server.js' }
      });
      Object.assign(app, { script: 'npm', args: 'start' });
      break;
    case 'node-args':
      files['preload.cjs'] = `globalThis.SHIPGATE_TEST_PRELOAD = ${JSON.stringify(r.version)};\n`;
      Object.assign(app, { interpreter: 'node', node_args: ['--require', './preload.cjs'] });
      break;
    case 'sh-wrapper':
      files['start.sh'] = '#!/bin/sh\nexec node server.js\n';
      app.script = 'start.sh';
      break;
    case 'script-moves':
      // v1 runs server.js at the top; later releases moved it to dist/
      if (r.version !== 'v1') {
        delete files['server.js'];
        files['dist/server.js'] = code;
        app.script = 'dist/server.js';
      }
      break;
  }
  files['ecosystem.config.cjs'] =
    `const app = ${JSON.stringify(app, null, 2)};\n${cwdLine}\nmodule.exports = { apps: [app] };\n`;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
    if (rel.endsWith('.sh')) chmodSync(join(dir, rel), 0o755);
  }
  sameTime(dir);
  return dir;
}

/** One fixed modification time for every file: rsync's quick check would call them unchanged. */
export function sameTime(dir: string): void {
  const stamp = new Date('2026-01-01T00:00:00Z');
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sameTime(path);
    utimesSync(path, stamp, stamp);
  }
}
