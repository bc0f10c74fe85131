// Sample releases for the demo, the tests and the benchmark: a tiny HTTP app with a PM2
// ecosystem file, in a good form and in the failure forms of shared/INCIDENTS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const server = ({ version, crashAfterMs, rejectsProxy }) => `'use strict';
const http = require('node:http');
const version = ${JSON.stringify(version)};
let draining = false;
const server = http.createServer((req, res) => {
  // while draining, every answer closes its connection: the client reconnects to a new worker
  if (draining) res.setHeader('connection', 'close');
${
  rejectsProxy
    ? `  // a host allowlist that only knows 127.0.0.1: healthy on its own port, 421 behind a proxy
  if (!String(req.headers.host).startsWith('127.0.0.1')) { res.writeHead(421); res.end('misdirected'); return; }
`
    : ''
}  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', version, pid: process.pid, cwd: process.cwd() }));
});
server.keepAliveTimeout = 2000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  if (process.send) process.send('ready');
});
${crashAfterMs ? `setTimeout(() => { console.error('TypeError: Cannot read properties of undefined (reading \\'pool\\') at connectDatabase'); process.exit(1); }, ${crashAfterMs});` : ''}
// graceful shutdown (PM2 sends SIGINT on reload): keep answering for a moment with
// Connection: close so kept-alive clients move to the new workers, then stop
process.on('SIGINT', () => {
  draining = true;
  setTimeout(() => server.close(() => process.exit(0)), 1000);
  setTimeout(() => process.exit(0), 2500).unref();
});
`;

/**
 * Writes a release into `dir`.
 * kind: 'good' | 'stale-dist' (incident 1: an ESM package whose stale CommonJS dist/server.js
 *       declares __dirname and dies at start with a SyntaxError) | 'late-crash' (dies crashAfterMs after start)
 *       | 'rejects-proxy' (healthy on its own port, 421 to every request that comes through a proxy)
 */
export function writeSampleRelease(
  dir,
  { name = 'web', version, port, kind = 'good', crashAfterMs = 4000, execMode = 'fork', instances = 1 }
) {
  mkdirSync(dir, { recursive: true });
  let script = 'server.cjs';
  if (kind === 'stale-dist') {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        { name, version, type: 'module', scripts: { start: 'tsx src/server.ts', build: 'tsc' } },
        null,
        2
      )
    );
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'src', 'server.ts'),
      `// the sources the team now runs with tsx\nexport const version = ${JSON.stringify(version)};\n`
    );
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'package.json'), JSON.stringify({ type: 'commonjs' }));
    writeFileSync(
      join(dir, 'dist', 'server.js'),
      `"use strict";\n// stale output of an old 'npm run build', left on the server\nconst path = require("path");\nconst __dirname = path.resolve();\nrequire("http").createServer().listen(Number(process.env.PORT));\n`
    );
    script = 'dist/server.js';
  } else {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, private: true }, null, 2));
    writeFileSync(
      join(dir, 'server.cjs'),
      server({
        version,
        crashAfterMs: kind === 'late-crash' ? crashAfterMs : 0,
        rejectsProxy: kind === 'rejects-proxy'
      })
    );
  }
  const app = {
    name,
    script,
    exec_mode: execMode,
    instances,
    max_restarts: 3,
    min_uptime: '10s',
    wait_ready: true,
    listen_timeout: 3000,
    kill_timeout: 3000,
    env: { PORT: String(port) }
  };
  // `cwd: __dirname` on purpose: the symlink trap (docs/deploy.md, decisions) must not bite
  writeFileSync(
    join(dir, 'ecosystem.config.cjs'),
    `module.exports = { apps: [{ ...${JSON.stringify(app)}, cwd: __dirname }] };\n`
  );
  return dir;
}
