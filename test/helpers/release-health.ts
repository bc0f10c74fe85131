import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

/**
 * A health endpoint for deploys that need no process manager (`process: command`): it answers
 * from the release `<root>/current` points to at the moment of the request, the status its
 * `status.txt` says (ok, or anything else for a broken release), and that release's id, so a
 * gate with expect-release proves which release answers.
 */
export interface ReleaseHealth {
  url: string;
  close(): Promise<void>;
}

export async function startReleaseHealth(root: string): Promise<ReleaseHealth> {
  const server: Server = createServer((_req, res) => {
    let status = 'missing';
    let release = '';
    try {
      status = readFileSync(join(root, 'current', 'status.txt'), 'utf8').trim();
      release = basename(realpathSync(join(root, 'current')));
    } catch {
      // no release yet
    }
    res.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status, release }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  };
}

/** A source folder with a status.txt (and any other files). */
export function statusSource(dir: string, status: string, files: Record<string, string> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'status.txt'), status);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** Gate flags for these deploys: quick, and the answer must name the release. */
export const quickGate = (url: string): string[] => [
  '--url',
  url,
  '--expect-release',
  'true',
  '--interval',
  '100ms',
  '--window',
  '300ms',
  '--healthy-threshold',
  '1',
  '--timeout',
  '3s'
];
