// npm run demo: the two incidents of shared/INCIDENTS.md, caught on this machine.
// Real PM2 with its own PM2_HOME in a temporary folder, 127.0.0.1 only, no root.
//   v1  a good release                                   -> deployed, gated, live
//   v2  incident 1: an ESM package whose stale CommonJS dist/ declares __dirname
//       (SyntaxError at start, crash loop that PM2 shows as online)  -> caught, rolled back to v1
//   v3  a release that answers /health, then dies 10 s after start   -> caught by the window, rolled back
//   blue/green behind a real nginx: incident 1's release refused in its slot before any traffic
//       moved, while a client kept calling through nginx
//   and incident 2, a service that flaps 200/503, against the plain gate.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, shipgateJson } from '../bench/util.mjs';
import { NGINX, startClient, startNginx } from './nginx-peer.mjs';
import { writeSampleRelease } from './sample-apps.mjs';

const cli = join(repoRoot, 'dist-action', 'cli.js');
const pm2 = join(repoRoot, 'node_modules', '.bin', 'pm2');
const work = mkdtempSync(join(tmpdir(), 'shipgate-demo-'));
const env = { ...process.env, PM2_HOME: join(work, 'pm2') };
const started = Date.now();
const timeline = [];
const at = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const mark = text => {
  timeline.push(`${at()}  ${text}`);
  console.log(`\n\x1b[1m[${at()}] ${text}\x1b[0m`);
};

let cleaned = false;
let nginx = null;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  nginx?.stop();
  try {
    execFileSync(pm2, ['kill'], { env, stdio: 'ignore', timeout: 20_000 });
  } catch {
    // PM2 already gone
  }
  rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping PM2 and removing the demo folder');
  cleanup();
  process.exit(130);
});
process.on('exit', cleanup);

function shipgate(args) {
  console.log(`$ shipgate ${args.join(' ')}`);
  // progress streams to this terminal; the result comes back as JSON
  return shipgateJson(args, env, 'inherit').catch(error => ({ code: null, json: null, error }));
}

const port = await freePort();
const path = join(work, 'srv', 'app');
const url = `http://127.0.0.1:${port}/health`;
const gate = [
  '--url',
  url,
  '--interval',
  '500ms',
  '--window',
  '12s',
  '--healthy-threshold',
  '3',
  '--timeout',
  '20s'
];
const deployArgs = id => [
  'deploy',
  '--path',
  path,
  '--source',
  join(work, 'src', id),
  '--release',
  id,
  '--app',
  'api',
  '--pm2-bin',
  pm2,
  ...gate
];

writeSampleRelease(join(work, 'src', 'v1'), { name: 'api', version: 'v1', port });
writeSampleRelease(join(work, 'src', 'v2'), { name: 'api', version: 'v2', port, kind: 'stale-dist' });
writeSampleRelease(join(work, 'src', 'v3'), {
  name: 'api',
  version: 'v3',
  port,
  kind: 'late-crash',
  crashAfterMs: 10_000
});

const results = [];
mark('deploy v1: a good release');
const v1 = await shipgate(deployArgs('v1'));
results.push(['v1 good release', v1.code === 0 && v1.json?.verdict === 'pass', v1]);
mark(`v1: ${v1.json?.verdict ?? 'error'} (gate ${((v1.json?.timings?.gateMs ?? 0) / 1000).toFixed(1)}s)`);

mark('deploy v2: incident 1, a stale CommonJS dist/ in an ESM package');
const v2 = await shipgate(deployArgs('v2'));
results.push([
  'v2 crash at boot',
  v2.code === 1 && v2.json?.rolledBack === true && v2.json?.restoredRelease === 'v1',
  v2
]);
mark(
  `v2: caught ${((v2.json?.gate?.detectedAtMs ?? 0) / 1000).toFixed(1)}s after the switch; v1 restored and verified in ${((v2.json?.timings?.rollbackMs ?? 0) / 1000).toFixed(1)}s`
);

mark('deploy v3: answers /health, then dies 10 s after start');
const v3 = await shipgate(deployArgs('v3'));
results.push([
  'v3 late crash',
  v3.code === 1 && v3.json?.rolledBack === true && v3.json?.restoredRelease === 'v1',
  v3
]);
mark(
  `v3: ${v3.json?.gate?.probes?.filter(p => p.ok).length ?? 0} passing probes, then caught at ${((v3.json?.gate?.detectedAtMs ?? 0) / 1000).toFixed(1)}s; v1 restored`
);

mark('releases on the host');
execFileSync(process.execPath, [cli, 'releases', '--path', path], { env, stdio: 'inherit' });

if (existsSync(NGINX)) {
  mark('blue/green behind nginx: v1 live, then incident 1 again while a client keeps calling');
  nginx = await startNginx({ dir: join(work, 'nginx'), app: 'web' });
  const slots = [await freePort(), await freePort()];
  const bg = (id, kind) => [
    'deploy',
    '--path',
    join(work, 'srv', 'bluegreen'),
    '--source',
    writeSampleRelease(join(work, 'src', `bg-${id}`), { name: 'web', version: id, port: 1, kind }),
    '--release',
    id,
    '--pm2-bin',
    pm2,
    ...nginx.flags(slots),
    '--url',
    nginx.url,
    '--interval',
    '300ms',
    '--window',
    '3s',
    '--switch-window',
    '2s',
    '--healthy-threshold',
    '2',
    '--timeout',
    '20s'
  ];
  const good = await shipgate(bg('v1', 'good'));
  const client = startClient(nginx.url);
  const bad = await shipgate(bg('v2', 'stale-dist'));
  const seen = await client.stop();
  results.push([
    'blue/green v2',
    good.code === 0 && bad.code === 1 && seen.failed === 0 && !seen.versions.v2,
    bad
  ]);
  mark(
    `blue/green: v2 refused in the ${bad.json?.slot ?? '?'} slot before traffic; the client through nginx got ${seen.ok} answers from v1, ${seen.failed} failed`
  );
} else {
  mark(`blue/green behind nginx: skipped (${NGINX} is not installed)`);
}

mark('incident 2: a service that flaps 200, 200, 200, 503, ... against the plain gate');
let count = 0;
const flapping = http.createServer((_req, res) => {
  res.writeHead(Math.floor(count++ / 3) % 2 ? 503 : 200);
  res.end('{}');
});
await new Promise(resolve => flapping.listen(0, '127.0.0.1', resolve));
const flap = await shipgate([
  'gate',
  '--url',
  `http://127.0.0.1:${flapping.address().port}/health`,
  '--interval',
  '500ms',
  '--window',
  '10s'
]);
flapping.close();
results.push(['flapping 200/503', flap.code === 1, flap]);
mark(`flapping: ${flap.json?.verdict ?? 'error'} at ${((flap.json?.detectedAtMs ?? 0) / 1000).toFixed(1)}s`);

console.log('\n\x1b[1mTimeline\x1b[0m');
for (const line of timeline) console.log(`  ${line}`);
console.log('\n\x1b[1mOutcome\x1b[0m');
for (const [name, ok, r] of results) {
  console.log(
    `  ${ok ? 'as expected' : 'UNEXPECTED '}  ${name.padEnd(18)} exit ${r.code}  ${r.json?.reason ?? ''}`.slice(
      0,
      220
    )
  );
}
console.log(
  `\nDone in ${((Date.now() - started) / 1000).toFixed(0)}s. Releases, history and PM2 were in ${work} (removed).`
);
process.exitCode = results.every(([, ok]) => ok) ? 0 : 1;
