// A real nginx for the tests, the demo and the benchmark: its own prefix, configuration and
// port on 127.0.0.1, proxying to the upstream file shipgate owns (docs/blue-green.md).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The configuration a user writes: the include and a server block that proxies to shipgate_<app>.
 * keepaliveRequests: nginx closes a client's kept-alive connection after this many requests
 * (its default, 1000, when null); a client that does not resend (autocannon) then sees an
 * ECONNRESET now and then under steady load, deploy or not. The benchmark raises it so that what
 * it counts is what the deploy caused; its control row shows both.
 */
export function nginxConfig({ prefix, port, app, upstreamFile, include = true, keepaliveRequests = null }) {
  return `daemon on;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
worker_processes 1;
events { worker_connections 256; }
http {
  access_log off;
  ${keepaliveRequests ? `keepalive_requests ${keepaliveRequests};` : ''}
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  ${include ? `include ${upstreamFile};` : `upstream shipgate_${app} { server 127.0.0.1:1; }`}
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://shipgate_${app}; }
  }
}
`;
}

/**
 * Starts nginx (as `user` when given and we are root: the SSH target's nginx belongs to the
 * deploy user, who reloads it). The upstream file starts as a placeholder.
 */
export async function startNginx({ dir, app, user = null, keepaliveRequests = null }) {
  const prefix = dir;
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  const port = await freePort();
  const upstreamFile = join(prefix, 'shipgate', `${app}.upstream`);
  mkdirSync(join(prefix, 'shipgate'), { recursive: true });
  writeFileSync(upstreamFile, `upstream shipgate_${app} { server 127.0.0.1:1; }\n`);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ prefix, port, app, upstreamFile, keepaliveRequests }));
  const base = `${NGINX} -p ${prefix} -e ${prefix}/error.log -c ${conf}`;
  const asUser = argv => (user && process.getuid?.() === 0 ? ['runuser', '-u', user, '--', ...argv] : argv);
  if (user && process.getuid?.() === 0) {
    execFileSync('chown', ['-R', `${user}:${user}`, prefix]);
    chmodSync(prefix, 0o755);
  }
  const run = args => {
    const argv = asUser(['sh', '-c', `${base} ${args}`]);
    return execFileSync(argv[0], argv.slice(1), { stdio: 'pipe', encoding: 'utf8' });
  };
  run('');
  const url = `http://127.0.0.1:${port}/health`;
  return {
    port,
    prefix,
    conf,
    url,
    upstreamFile,
    testCommand: `${base} -t`,
    reloadCommand: `${base} -s reload`,
    /** The blue/green flags of a deploy or rollback through this nginx. */
    flags: ports => [
      '--strategy',
      'blue-green',
      '--slot-ports',
      ports.join(','),
      '--nginx-upstream-file',
      upstreamFile,
      '--proxy-test-command',
      `${base} -t`,
      '--proxy-reload-command',
      `${base} -s reload`
    ],
    upstream: () => readFileSync(upstreamFile, 'utf8'),
    stop: () => {
      try {
        run('-s stop');
      } catch {
        // already gone
      }
    }
  };
}

/**
 * A client that keeps calling through nginx, one request at a time, as a browser would: counts
 * answers by version and failures (a non-200 or no answer). Like browsers and most HTTP clients
 * (RFC 9112, 9.3.1), it sends an idempotent request again once when a kept-alive connection was
 * closed under it before any answer (nginx's graceful reload closes idle connections); those are
 * counted in `retried`, and a retry that fails is a failure.
 */
export function startClient(url, { timeoutMs = 2000 } = {}) {
  const counts = { ok: 0, failed: 0, retried: 0, versions: {}, errors: [] };
  let running = true;
  const once = async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, text: await res.text() };
  };
  const loop = (async () => {
    while (running) {
      try {
        let answer;
        try {
          answer = await once();
        } catch (error) {
          if (error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
          counts.retried += 1;
          answer = await once();
        }
        if (answer.status !== 200) {
          counts.failed += 1;
          if (counts.errors.length < 5) counts.errors.push(`HTTP ${answer.status}`);
        } else {
          counts.ok += 1;
          const version = JSON.parse(answer.text).version ?? '?';
          counts.versions[version] = (counts.versions[version] ?? 0) + 1;
        }
      } catch (error) {
        counts.failed += 1;
        if (counts.errors.length < 5)
          counts.errors.push(String(error?.cause?.code ?? error?.message ?? error));
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  })();
  return {
    counts,
    stop: async () => {
      running = false;
      await loop;
      return counts;
    }
  };
}
