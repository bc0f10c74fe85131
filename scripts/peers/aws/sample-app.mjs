// A container app for the emulator's tests and the benchmark: listens on $PORT, answers
// GET /health with {"status":"ok","version":...}, and misbehaves on request, as in
// shared/INCIDENTS.md section 2:
//   APP_VERSION          the version it reports
//   REQUIRED_ENV=A,B     exits 1 at boot when one is missing (a task definition without DB_HOST)
//   CRASH_AFTER_MS=n     panics n ms after it started listening (the 10-30 s crash)
//   EXIT_AT_BOOT=code    exits at once with that code (a crash at start)
//   HEALTH_STATUS=503    answers /health with that status (a health check that never passes)
//   UNHEALTHY_AFTER_MS=n answers /health 503 from n ms after it started listening (the 200/503 flap)
//   START_DELAY_MS=n     listens only after n ms
//   HEALTH_DELAY_MS=n    answers /health after n ms (a health check that times out)
// GET /env lists the names of its environment variables; GET /slow?ms=n answers after n ms.
// It ends gracefully on SIGTERM (in-flight requests finish), as a container should.
import http from 'node:http';

const env = process.env;
const version = env.APP_VERSION ?? 'unknown';
const log = message => console.log(`${new Date().toISOString()} ${message}`);

if (env.EXIT_AT_BOOT !== undefined) {
  console.error(`panic: cannot start version ${version}`);
  process.exit(Number(env.EXIT_AT_BOOT) || 1);
}
const missing = (env.REQUIRED_ENV ?? '')
  .split(',')
  .map(name => name.trim())
  .filter(name => name && !env[name]);
if (missing.length > 0) {
  console.error(`fatal: missing environment variables: ${missing.join(', ')}`);
  process.exit(1);
}

let listeningAt = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const health = url.pathname === '/health';
  const sick =
    env.UNHEALTHY_AFTER_MS && listeningAt && Date.now() - listeningAt >= Number(env.UNHEALTHY_AFTER_MS);
  const status = health && sick ? 503 : health && env.HEALTH_STATUS ? Number(env.HEALTH_STATUS) : 200;
  const body = { status: status === 200 ? 'ok' : 'unavailable', version, pid: process.pid };
  if (url.pathname === '/env') body.env = Object.keys(env).sort();
  const delay =
    url.pathname === '/slow'
      ? Number(url.searchParams.get('ms'))
      : health
        ? Number(env.HEALTH_DELAY_MS ?? 0)
        : 0;
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }, delay);
});
server.keepAliveTimeout = 1000;

setTimeout(
  () => {
    server.listen(Number(env.PORT), '127.0.0.1', () => {
      listeningAt = Date.now();
      log(`listening on ${env.PORT}, version ${version}`);
      if (env.CRASH_AFTER_MS) {
        setTimeout(() => {
          console.error(
            'panic: runtime error: invalid memory address or nil pointer dereference (redis: connection refused)'
          );
          process.exit(2);
        }, Number(env.CRASH_AFTER_MS));
      }
    });
  },
  Number(env.START_DELAY_MS ?? 0)
);

process.on('SIGTERM', () => {
  log('SIGTERM: shutting down');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
