import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * GitHub's REST API as Prism (@stoplight/prism-cli) mocks it from GitHub's published OpenAPI
 * description (@octokit/openapi, api.github.com). Prism validates every request (path,
 * parameters, body against the operation's schema) and answers 422 with the violations when it
 * does not conform; a conforming request gets the description's example response.
 *
 * The full description is 13 MB; Prism starts in seconds only on the operations the tests use,
 * so those are copied out unchanged with every component they reference.
 * A recording proxy in front of Prism keeps each request and Prism's status for the assertions.
 * It changes two things, both outside what Prism checks:
 * - `Accept: application/vnd.github...+json` becomes `application/json` (the description lists
 *   application/json only, and Prism would answer 406 to the media type GitHub documents);
 * - Prism answers every request with the same example, so after Prism has accepted a request
 *   the proxy keeps the deployments state: created deployments get ids 1, 2, 3..., the list of
 *   an environment's deployments and the latest status of each follow what was created. The
 *   answers are Prism's own example objects with those fields changed.
 */

const require = createRequire(import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function extractOperations(paths: string[]): Record<string, Json> {
  const spec = JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')
  ) as Record<string, Json> & {
    paths: Record<string, Json>;
    components: Record<string, Record<string, Json>>;
  };
  const components: Record<string, Record<string, Json>> = {};
  const seen = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
      seen.add(ref);
      const [, , kind, name] = ref.split('/');
      const target = spec.components[kind][name];
      (components[kind] ??= {})[name] = target;
      visit(target);
    }
    for (const value of Object.values(node)) visit(value);
  };
  const selected: Record<string, Json> = {};
  for (const path of paths) {
    if (!spec.paths[path]) throw new Error(`no ${path} in the description`);
    selected[path] = spec.paths[path];
    visit(selected[path]);
  }
  return { openapi: spec.openapi, info: spec.info, servers: [{ url: '/' }], paths: selected, components };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  /** Prism's status: 422 means the request broke the description. */
  status: number;
  response: unknown;
}

export interface GitHubApiMock {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

export async function startGitHubApiMock(paths: string[]): Promise<GitHubApiMock> {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-prism-'));
  const specFile = join(dir, 'github-subset.json');
  writeFileSync(specFile, JSON.stringify(extractOperations(paths)));
  const prismPort = await freePort();
  const prismMain = join(require.resolve('@stoplight/prism-cli/package.json'), '..', 'dist', 'index.js');
  const prism: ChildProcess = spawn(
    process.execPath,
    [prismMain, 'mock', specFile, '--host', '127.0.0.1', '--port', String(prismPort), '--errors'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  prism.stdout?.on('data', d => (output += String(d)));
  prism.stderr?.on('data', d => (output += String(d)));
  const deadline = Date.now() + 30_000;
  while (!/Prism is listening/.test(output)) {
    if (prism.exitCode !== null || Date.now() > deadline) {
      prism.kill('SIGKILL');
      throw new Error(`prism did not start: ${output.slice(-2000)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  const requests: RecordedRequest[] = [];
  const deployments: Record<string, unknown>[] = [];
  const lastState = new Map<number, string>();
  const keepState = (method: string, url: string, body: Buffer, answer: Buffer): unknown => {
    const path = url.split('?')[0];
    const query = new URLSearchParams(url.split('?')[1] ?? '');
    const example = JSON.parse(answer.toString('utf8'));
    const sent = body.length ? JSON.parse(body.toString('utf8')) : {};
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
      const created = {
        ...example,
        id: deployments.length + 1,
        environment: sent.environment,
        ref: sent.ref,
        payload: sent.payload ?? {}
      };
      deployments.push(created);
      return created;
    }
    const statuses = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(path);
    if (statuses && method === 'POST') {
      lastState.set(Number(statuses[1]), sent.state);
      return { ...example, state: sent.state };
    }
    if (statuses && method === 'GET') {
      const state = lastState.get(Number(statuses[1]));
      return state && Array.isArray(example) && example[0] ? [{ ...example[0], state }] : [];
    }
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path)) {
      const environment = query.get('environment');
      return deployments.filter(d => !environment || d.environment === environment).reverse();
    }
    return null;
  };
  const proxy: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: prismPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${prismPort}`, accept: 'application/json' }
      },
      async up => {
        let answer = await readBody(up);
        if ((up.statusCode ?? 500) < 300) {
          const stateful = keepState(req.method ?? '', req.url ?? '', body, answer);
          if (stateful) {
            answer = Buffer.from(JSON.stringify(stateful));
            up.headers['content-length'] = String(answer.length);
            delete up.headers['transfer-encoding'];
          }
        }
        let parsedBody: Record<string, unknown> | null = null;
        let parsedAnswer: unknown = answer.toString('utf8');
        try {
          parsedBody = body.length ? JSON.parse(body.toString('utf8')) : null;
        } catch {
          parsedBody = { unparsable: body.toString('utf8') };
        }
        try {
          parsedAnswer = JSON.parse(answer.toString('utf8'));
        } catch {
          // keep the text
        }
        requests.push({
          method: req.method ?? '',
          path: (req.url ?? '').split('?')[0],
          body: parsedBody,
          status: up.statusCode ?? 0,
          response: parsedAnswer
        });
        res.writeHead(up.statusCode ?? 502, up.headers);
        res.end(answer);
      }
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>(resolve => proxy.close(() => resolve()));
      prism.kill('SIGTERM');
      await new Promise(resolve => (prism.exitCode !== null ? resolve(null) : prism.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
