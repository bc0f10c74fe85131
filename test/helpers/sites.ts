import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM helper shared with the demo and the benchmark
import { writeSampleRelease } from '../../scripts/sample-apps.mjs';
import { cli, CliRun } from './cli.js';
import { freePort } from './http-servers.js';
import { pm2Bin, usePm2Home } from './pm2.js';
import type { TestSshd } from './sshd.js';

/**
 * Gate flags for a deploy test: probe every 500 ms (the suite is CPU-bound on 2 cores), pass
 * after 2 healthy answers and a 1 s window with no restart; the timeout only ends a release that
 * never answers.
 */
export function gateFlags(port: number, options: { window?: string; timeout?: string } = {}): string[] {
  return [
    '--url',
    `http://127.0.0.1:${port}/health`,
    '--interval',
    '500ms',
    '--window',
    options.window ?? '1s',
    '--healthy-threshold',
    '2',
    '--timeout',
    options.timeout ?? '60s'
  ];
}

/** Target flags of an SSH deploy to the test's sshd (a real OpenSSH on 127.0.0.1), host key verified. */
export function sshFlags(
  sshd: TestSshd,
  options: { host?: string; user?: string; knownHosts?: boolean } = {}
) {
  const flags = [
    '--target',
    'ssh',
    '--host',
    options.host ?? '127.0.0.1',
    '--port',
    String(sshd.port),
    '--user',
    options.user ?? sshd.user,
    '--ssh-key-file',
    sshd.keyFile
  ];
  return options.knownHosts === false ? flags : [...flags, '--known-hosts-file', sshd.knownHostsFile];
}

export interface Site {
  /** The deploy root on the target. */
  path: string;
  app: string;
  port: number;
  /** Target flags (empty for a local target). */
  target: string[];
  /** Gate flags of this site (the default window). */
  gate: string[];
  /** --path, --pm2-bin, --app, --json, target and gate flags: what every command of this site takes. */
  common(): string[];
  /** Writes a sample release (scripts/sample-apps.mjs: good, stale-dist, late-crash, ...) and returns its folder. */
  source(id: string, kind?: string, extra?: object): string;
  deploy(id: string, kind?: string, extra?: string[]): Promise<CliRun>;
  rollback(extra?: string[]): Promise<CliRun>;
}

let sites = 0;

/**
 * A deploy root with a PM2 app of its own (own name, own free port) under `work`, deployed through
 * the CLI in-process. `root` makes the folder the site lives in (SSH tests give it to the deploy user).
 */
export async function pm2Site(options: {
  work: string;
  pm2Bin: string;
  target?: () => string[];
  prefix?: string;
  root?: (n: number) => string;
}): Promise<Site> {
  const n = ++sites;
  const app = `${options.prefix ?? 'app'}${n}`;
  const path = options.root ? join(options.root(n), 'app') : join(options.work, `site${n}`);
  const port = await freePort();
  const gate = gateFlags(port);
  const site: Site = {
    path,
    app,
    port,
    get target() {
      return options.target?.() ?? [];
    },
    gate,
    common: () => [
      '--path',
      path,
      '--pm2-bin',
      options.pm2Bin,
      '--app',
      app,
      '--json',
      ...site.target,
      ...gate
    ],
    source: (id, kind = 'good', extra = {}) =>
      writeSampleRelease(join(options.work, 'src', `${app}-${id}`), {
        name: app,
        version: id,
        port,
        kind,
        ...extra
      }),
    deploy: (id, kind = 'good', extra = []) =>
      cli(['deploy', '--source', site.source(id, kind), '--release', id, ...site.common(), ...extra]),
    rollback: (extra = []) => cli(['rollback', ...site.common(), ...extra])
  };
  return site;
}

/**
 * A test file's PM2 sites: the file's own PM2 daemon (started now, killed after its tests) and a
 * work folder; `site()` makes a new site (pm2SiteWithReleases) on them.
 */
export function pm2SitesOfThisFile(): { work: string; site: () => ReturnType<typeof pm2SiteWithReleases> } {
  const pm2 = usePm2Home();
  afterAll(() => pm2.kill());
  const work = mkdtempSync(join(tmpdir(), 'shipgate-deploy-'));
  return { work, site: () => pm2SiteWithReleases({ work, pm2Bin }) };
}

/** A PM2 site (see pm2Site) that can also list its releases through the CLI. */
export async function pm2SiteWithReleases(options: { work: string; pm2Bin: string }) {
  const s = await pm2Site(options);
  const releases = async (): Promise<{ current: string; releases: Array<{ id: string; status: string }> }> =>
    (await cli(['releases', '--path', s.path, '--json'])).json as never;
  return Object.assign(s, { releases });
}
