// npm run demo: the health gate against the two incidents, on 127.0.0.1 only.
// 1) a healthy service passes; 2) a service that flaps 200/503 (incident 2) fails;
// 3) a service that answers once and dies 3 s later (incident 1) fails its window.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../bench/util.mjs';

const cli = join(repoRoot, 'dist-action', 'cli.js');
const servers = [];

function serve(handler) {
  return new Promise(resolve => {
    const started = Date.now();
    let count = 0;
    const server = http.createServer((req, res) => handler(res, ++count, Date.now() - started, server));
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/health`));
  });
}

function gate(title, url, extra) {
  console.log(`\n=== ${title}\n$ shipgate gate --url ${url} ${extra.join(' ')}`);
  return new Promise(resolve => {
    const child = spawn(process.execPath, [cli, 'gate', '--url', url, ...extra], { stdio: 'inherit' });
    child.on('close', code => {
      console.log(`exit code ${code}`);
      resolve(code);
    });
  });
}

const cleanup = () => servers.forEach(s => (s.closeAllConnections(), s.close()));
process.on('SIGINT', () => (cleanup(), process.exit(130)));

const fast = ['--interval', '500ms', '--window', '5s', '--timeout', '10s'];
const results = [];
results.push([
  'healthy service',
  await gate(
    'A healthy service: passes after a 5s stability window',
    await serve(res => (res.writeHead(200), res.end('{"status":"ok"}'))),
    [...fast, '--expect-json', 'status=ok']
  )
]);
results.push([
  'flapping 200/503',
  await gate(
    'Incident 2: a service that flaps 200, 200, 200, 503, ...',
    await serve((res, n) => (res.writeHead(Math.floor((n - 1) / 3) % 2 ? 503 : 200), res.end('{}'))),
    fast
  )
]);
results.push([
  'dies 3s after start',
  await gate(
    'Incident 1: answers /health, then dies 3s later (one 200 proves nothing)',
    await serve((res, _n, uptime, server) => {
      res.writeHead(200);
      res.end('{"status":"ok"}');
      if (uptime > 2500) server.close();
    }),
    fast
  )
]);
cleanup();
console.log('\n=== Summary');
for (const [name, code] of results)
  console.log(`${name.padEnd(22)} exit ${code} ${code === 0 ? '(healthy)' : '(caught)'}`);
const expected = [0, 1, 1];
process.exitCode = results.every(([, code], i) => code === expected[i]) ? 0 : 1;
