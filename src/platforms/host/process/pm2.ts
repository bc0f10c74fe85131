import { posix } from 'node:path';
import { ConfigurationError, OperationError } from '../../../errors.js';
import { SignalSource } from '../../../gate/signals.js';
import { FailureEvidence } from '../../../release/ports.js';
import { fsOps } from '../fs-ops.js';
import { validateAppName } from '../layout.js';
import { Host, HostCommandError, run } from '../transport/host.js';
import { ProcessActivation, ProcessManager, ServingProof } from './process-manager.js';
import { Pm2ListReader, Pm2Process } from './pm2-rpc.js';
import { judgeServing, parseProofFacts, PROOF_SCRIPT, TICK_SCRIPT } from './serving-proof.js';

export type AppDefinition = Record<string, unknown> & { name?: string; script?: string; cwd?: string };

/** Statuses of a process that is not serving and will not by itself: a crash loop or a dead app. */
const DOWN_STATUSES = new Set(['errored', 'stopped', 'waiting restart', 'one-launch-status']);

/** Fields that PM2 never updates on reload: when one changes, the app is deleted and started. */
const SHAPE_FIELDS = [
  'script',
  'cwd',
  'interpreter',
  'interpreter_args',
  'node_args',
  'args',
  'exec_mode',
  'instances'
];

/** The default ecosystem file names, in the order they are looked for. */
export const ECOSYSTEM_FILES = [
  'ecosystem.config.cjs',
  'ecosystem.config.js',
  'ecosystem.config.mjs',
  'ecosystem.config.json',
  'ecosystem.json',
  'pm2.config.cjs',
  'pm2.config.js',
  'process.json'
];

/** Evaluates the ecosystem file with the host's node, inside the new release. */
const LOAD_CONFIG = `
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const file = resolve(process.argv[1]);
let config;
if (file.endsWith('.json')) config = JSON.parse(readFileSync(file, 'utf8'));
else { const m = await import(pathToFileURL(file).href); config = m.default ?? m; }
process.stdout.write(JSON.stringify({ apps: Array.isArray(config.apps) ? config.apps : [config], dir: process.cwd() }));
`;

/**
 * Runs a program with the pm2 executable's folder first on PATH: with an nvm install, the
 * `node` that pm2's `#!/usr/bin/env node` and the app need lives beside pm2, not on the PATH of
 * a plain non-login shell.
 */
export function withPm2Path(bin: string, argv: string[]): string[] {
  return [
    'sh',
    '-c',
    'case "$1" in */*) PATH="$(dirname -- "$1"):$PATH"; export PATH;; esac; shift; exec "$@"',
    'sh',
    bin,
    ...argv
  ];
}

export interface Pm2Options {
  bin: string;
  /** null: the first of ECOSYSTEM_FILES that the release has. */
  configFile: string | null;
  app: string | null;
  /** Where the generated definition lives on the host: `<path>/.shipgate/pm2`. */
  stateDir: string;
}

export function parsePm2List(stdout: string): Pm2Process[] {
  // pm2 prints the JSON on one line; before it, a fresh PM2_HOME or a daemon it had to start
  // prints a banner with coloured `[PM2]` lines: the list is the last line that is a JSON array
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('[')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (Array.isArray(parsed)) return parsed as Pm2Process[];
    } catch {
      // a banner line that starts with a bracket
    }
  }
  throw new Error(`pm2 jlist printed no JSON list: ${stdout.slice(0, 200)}`);
}

/**
 * Rewrites the app so that it runs through the `current` symlink: its cwd, script and path
 * arguments point through the link, so a reload starts the new release, and `cwd: __dirname`
 * (the resolved release path) no longer pins the old one. A cwd outside the release stays.
 */
export function definitionThroughCurrent(
  app: AppDefinition,
  name: string,
  releaseDirs: string[],
  currentLink: string,
  releasesDir: string,
  releaseId: string,
  extraEnv: Record<string, string> = {}
): AppDefinition {
  const other = new RegExp(`^${releasesDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+(/|$)`);
  const throughCurrent = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    for (const dir of releaseDirs) {
      if (value === dir) return currentLink;
      if (value.startsWith(`${dir}/`)) return `${currentLink}/${value.slice(dir.length + 1)}`;
    }
    return value.replace(other, `${currentLink}$1`).replace(/(.)\/$/, '$1');
  };
  const mapList = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(throughCurrent)
      : typeof value === 'string'
        ? value.split(' ').map(throughCurrent).join(' ')
        : value;
  const env = (app.env && typeof app.env === 'object' ? app.env : {}) as Record<string, unknown>;
  const cwd =
    typeof app.cwd === 'string' && app.cwd !== ''
      ? (throughCurrent(posix.isAbsolute(app.cwd) ? app.cwd : posix.join(currentLink, app.cwd)) as string)
      : currentLink;
  return {
    ...app,
    name,
    cwd,
    script: throughCurrent(app.script) as string | undefined,
    ...(app.args !== undefined ? { args: mapList(app.args) } : {}),
    ...(app.node_args !== undefined ? { node_args: mapList(app.node_args) } : {}),
    ...(app.interpreter_args !== undefined ? { interpreter_args: mapList(app.interpreter_args) } : {}),
    env: { ...env, ...extraEnv, SHIPGATE_RELEASE: releaseId }
  };
}

/**
 * Why a reload would not give the new definition: PM2 never changes these fields on reload,
 * and `--update-env` merges env, so a key the new release dropped (a BROKEN_FLAG, a
 * NODE_OPTIONS=--require planted by a bad release) would survive. Empty: a reload is enough.
 */
export function shapeChanges(previous: AppDefinition | null, next: AppDefinition): string[] {
  if (!previous) return ['no definition from an earlier shipgate deploy'];
  const changes = SHAPE_FIELDS.filter(
    f => JSON.stringify(previous[f] ?? null) !== JSON.stringify(next[f] ?? null)
  ).map(f => `${f} ${JSON.stringify(previous[f] ?? null)} -> ${JSON.stringify(next[f] ?? null)}`);
  const before = Object.keys((previous.env ?? {}) as object);
  const after = new Set(Object.keys((next.env ?? {}) as object));
  const dropped = before.filter(k => !after.has(k));
  if (dropped.length) changes.push(`env ${dropped.join(', ')} removed (a reload keeps old keys)`);
  return changes;
}

/** The previous definition, or null when it is missing or unreadable (a full disk truncated it). */
export function parseDefinitionFile(text: string | null): AppDefinition | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as { apps?: AppDefinition[] };
    const app = parsed?.apps?.[0];
    return app && typeof app === 'object' ? app : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

export class Pm2ProcessManager implements ProcessManager {
  readonly name = 'pm2';
  readonly provesCode = true;
  appName: string | null;
  /** Size of each error log before this activation: evidence shows only what came after. */
  private readonly logOffsets = new Map<string, number>();

  constructor(private readonly options: Pm2Options) {
    this.appName = options.app;
  }

  get app(): string {
    if (!this.appName) throw new Error('internal: app name not known before the config was loaded');
    return this.appName;
  }

  /** The ecosystem file chosen (given, or found in the release). */
  configFile: string | null = null;

  private async pm2(host: Host, args: string[], timeoutMs = 120_000): Promise<string> {
    return run(host, withPm2Path(this.options.bin, [this.options.bin, ...args]), { timeoutMs });
  }

  /** One reader of PM2's process list per host: `pm2 jlist` first, the daemon's socket after. */
  private readonly readers = new WeakMap<Host, Pm2ListReader>();

  async list(host: Host, app = this.app): Promise<Pm2Process[]> {
    let reader = this.readers.get(host);
    if (!reader) {
      reader = new Pm2ListReader(host, async () => parsePm2List(await this.pm2(host, ['jlist'])));
      this.readers.set(host, reader);
    }
    return (await reader.all()).filter(p => p.name === app);
  }

  async preflight(host: Host): Promise<{ proc: boolean }> {
    const [ping, proc] = await Promise.all([
      host.exec(withPm2Path(this.options.bin, [this.options.bin, 'ping']), { timeoutMs: 60_000 }),
      host.exec(['sh', '-c', TICK_SCRIPT])
    ]);
    if (ping.code !== 0) {
      throw new OperationError(
        `pm2 is not usable on ${host.description} ('${this.options.bin} ping' exited ${ping.code}: ${(ping.stderr || ping.stdout).trim().slice(0, 200)}). Install pm2, or name it with --pm2-bin.`
      );
    }
    return { proc: proc.code === 0 && /^\d+$/.test(proc.stdout.trim()) };
  }

  /** The definition loaded by the last prepare(), so activate() does not load it twice. */
  private prepared: { releaseDir: string; app: AppDefinition } | null = null;

  /** Loads the app definition from the release before anything is switched (exit 2 when it cannot). */
  async prepare(host: Host, releaseDir: string): Promise<AppDefinition> {
    if (this.prepared?.releaseDir === releaseDir) return this.prepared.app;
    let configFile = this.options.configFile;
    if (!configFile) {
      const found = await host.exec([
        'sh',
        '-c',
        'cd -- "$1" || exit 1; shift; for f in "$@"; do [ -f "$f" ] && { echo "$f"; exit 0; }; done; exit 44',
        'sh',
        releaseDir,
        ...ECOSYSTEM_FILES
      ]);
      if (found.code !== 0)
        throw new ConfigurationError(
          `the release has no ecosystem file (looked for ${ECOSYSTEM_FILES.join(', ')}); name it with pm2-config`,
          'pm2-config'
        );
      configFile = found.stdout.trim();
    }
    const configPath = `${releaseDir}/${configFile}`;
    if (!(await fsOps.exists(host, configPath))) {
      throw new ConfigurationError(`the release has no ${configFile}`, 'pm2-config');
    }
    let loaded: { apps: AppDefinition[] };
    try {
      loaded = JSON.parse(
        await run(
          host,
          withPm2Path(this.options.bin, ['node', '--input-type=module', '-e', LOAD_CONFIG, configPath]),
          {
            cwd: releaseDir
          }
        )
      );
    } catch (error) {
      const detail = error instanceof HostCommandError ? error.message : String(error);
      throw new ConfigurationError(`${configFile} could not be loaded: ${detail}`, 'pm2-config');
    }
    const apps = loaded.apps.filter(a => a && typeof a === 'object');
    const wanted = this.appName ?? (apps.length === 1 ? String(apps[0].name ?? '') : null);
    if (!wanted)
      throw new ConfigurationError(`${configFile} defines ${apps.length} apps: name one with --app`, 'app');
    const app =
      apps.find(a => a.name === wanted) ?? (apps.length === 1 && !apps[0].name ? apps[0] : undefined);
    if (!app) {
      throw new ConfigurationError(
        `${configFile} has no app named '${wanted}' (it has ${apps.map(a => a.name).join(', ') || 'none'})`,
        'app'
      );
    }
    this.appName ??= validateAppName(wanted);
    this.configFile = configFile;
    this.prepared = { releaseDir, app };
    return app;
  }

  private definitionFile(app: string): string {
    return `${this.options.stateDir}/${app}.json`;
  }

  async activate(context: ProcessActivation): Promise<ServingProof> {
    const { host, log } = context;
    const appDef = await this.prepare(host, context.releaseDir);
    const app = context.slot?.app ?? this.app;
    const releasesDir = posix.dirname(context.releaseDir);
    const releaseReal = (await fsOps.realpath(host, context.releaseDir)) ?? context.releaseDir;
    const releasesReal = (await fsOps.realpath(host, releasesDir)) ?? releasesDir;
    const definition = definitionThroughCurrent(
      appDef,
      app,
      [context.releaseDir, releaseReal],
      context.currentLink,
      releasesDir,
      context.releaseId,
      context.slot ? { [context.slot.portVariable]: String(context.slot.port) } : {}
    );
    const file = this.definitionFile(app);
    const previous = parseDefinitionFile(await host.readFile(file).catch(() => null));
    await host.writeFile(file, JSON.stringify({ apps: [definition] }, null, 2));

    const since = await this.tick(host);
    const running = await this.list(host, app);
    await this.rememberLogOffsets(host, running);
    let reloaded = false;
    if (context.slot && running.length > 0) {
      // a slot always starts fresh: it ran another release (or none) until now
      log(`pm2: starting slot ${app} afresh with release ${context.releaseId}`);
      await this.pm2(host, ['delete', app]).catch(() => undefined);
      await this.pm2(host, ['start', file]);
    } else if (running.length === 0) {
      log(`pm2: starting ${app} from ${context.currentLink} -> releases/${context.releaseId}`);
      await this.pm2(host, ['start', file]);
    } else {
      const changes = shapeChanges(previous, definition);
      const pinned = running.find(p => p.pm2_env.pm_cwd !== definition.cwd);
      if (changes.length === 0 && !pinned) {
        log(`pm2: reloading ${app} (${running.length} process${running.length === 1 ? '' : 'es'})`);
        await this.pm2(host, ['reload', file, '--update-env']);
        reloaded = true;
      } else {
        // PM2 never changes cwd or script on reload: a reload here would keep serving the old code.
        const why = pinned
          ? `processes run with cwd ${pinned.pm2_env.pm_cwd}, not ${definition.cwd}`
          : changes.join('; ');
        await this.restartFresh(host, app, file, why, log);
      }
    }
    const expectation = {
      releaseId: context.releaseId,
      releaseReal,
      releasesDirs: [...new Set([releasesDir, releasesReal])],
      currentLink: context.currentLink,
      sinceTick: since,
      cwdInRelease: (definition.cwd as string).startsWith(context.currentLink)
    };
    let proof = await this.proveServing(host, app, expectation, log);
    if (proof.problems.length > 0 && reloaded && proof.problems.some(p => p.includes('before the switch'))) {
      // a reload that left a process from before the switch: start it fresh once
      await this.restartFresh(host, app, file, `after the reload: ${proof.problems[0]}`, log);
      proof = await this.proveServing(host, app, { ...expectation, sinceTick: await this.tick(host) }, log);
    }
    if (proof.problems.length > 0) {
      throw new Error(`which code serves could not be proven: ${proof.problems.join('; ')}`);
    }
    const codeFiles = await this.hashes(host, releaseReal, proof.codeFiles);
    const changed = codeFiles.filter(f => {
      const sealed = context.sealedHash(f.path);
      return sealed !== null && sealed !== f.sha256;
    });
    if (changed.length) {
      throw new Error(
        `the processes run ${changed.map(f => f.path).join(', ')}, whose bytes changed since release ${context.releaseId} passed its gate (something wrote into it in place)`
      );
    }
    if (proof.processes > 0)
      log(
        `pm2: proven: ${proof.processes} process${proof.processes === 1 ? '' : 'es'} of ${app} started after the switch and run release ${context.releaseId}${codeFiles.length ? ` (${codeFiles.map(f => f.path).join(', ')})` : ''}`
      );
    return { codeFiles, processes: proof.processes };
  }

  private async restartFresh(
    host: Host,
    app: string,
    file: string,
    why: string,
    log: (line: string) => void
  ) {
    log(`pm2: delete and start ${app} (a reload would keep the old code or environment: ${why})`);
    await this.pm2(host, ['delete', app]).catch(() => undefined);
    await this.pm2(host, ['start', file]);
  }

  private async tick(host: Host): Promise<number> {
    const out = (await run(host, ['sh', '-c', TICK_SCRIPT])).trim();
    if (!/^\d+$/.test(out))
      throw new Error(`cannot read the process clock on ${host.description} (no /proc)`);
    return Number(out);
  }

  /**
   * Reads the processes until every online one is proven, or the bound passes. Nothing online
   * at all is left to the gate (a crash, which it fails at once). A process replaced while it
   * was read is read again; any other problem is the answer.
   */
  private async proveServing(
    host: Host,
    app: string,
    expectation: Parameters<typeof judgeServing>[2],
    log: (line: string) => void
  ): Promise<{ problems: string[]; codeFiles: string[]; processes: number }> {
    const deadline = Date.now() + 20_000;
    let problems: string[] = [`no process of ${app} settled within 20 s`];
    while (Date.now() < deadline) {
      const processes = await this.list(host, app);
      const online = processes.filter(p => p.pid > 0 && p.pm2_env.status === 'online');
      const settling = processes.some(p => p.pm2_env.status === 'launching');
      const down = processes.filter(p => DOWN_STATUSES.has(p.pm2_env.status));
      if ((online.length === 0 && !settling) || down.length > 0) {
        // a crash: nothing to prove, and the gate fails it at once on the down count
        log(
          `pm2: ${down.length ? `${down.length} process(es) of ${app} ${down[0].pm2_env.status}` : `no process of ${app} is online`}; the gate decides`
        );
        return { problems: [], codeFiles: [], processes: 0 };
      }
      if (!settling) {
        const roots = online.map(p => p.pid);
        const facts = parseProofFacts(
          await run(host, ['sh', '-c', PROOF_SCRIPT, 'sh', ...roots.map(String)])
        );
        if (facts.noProc) throw new Error(`cannot read /proc on ${host.description}`);
        const verdict = judgeServing(facts, roots, expectation);
        if (verdict.problems.length === 0)
          return { problems: [], codeFiles: verdict.codeFiles, processes: online.length };
        problems = verdict.problems;
        const transient = problems.every(p => p.includes('is gone') || p.includes('could not be read'));
        if (!transient) return { problems, codeFiles: [], processes: online.length };
      }
      await sleep(250);
    }
    return { problems, codeFiles: [], processes: 0 };
  }

  private async hashes(
    host: Host,
    releaseReal: string,
    files: string[]
  ): Promise<Array<{ path: string; sha256: string }>> {
    if (files.length === 0) return [];
    // a file named on a command line that is not there (created and removed at start) has no bytes to compare
    const result = await host.exec(['sh', '-c', SHA256_SCRIPT, 'sh', releaseReal], {
      input: files.join('\0')
    });
    return parseSha256(result.stdout);
  }

  private async rememberLogOffsets(host: Host, processes: Pm2Process[]): Promise<void> {
    this.logOffsets.clear();
    for (const path of new Set(
      processes.map(p => p.pm2_env.pm_err_log_path).filter((p): p is string => !!p)
    )) {
      const size = await host.exec(['stat', '-c', '%s', '--', path]);
      if (size.code === 0) this.logOffsets.set(path, Number(size.stdout.trim()) || 0);
    }
  }

  signals(host: Host, app = this.app): SignalSource[] {
    // the gate reads both counters side by side each round: they share one reading of the list
    // (a call on the daemon's socket, or a `pm2 jlist`), started by whichever asks first
    let inFlight: Promise<Pm2Process[]> | null = null;
    const list = (): Promise<Pm2Process[]> =>
      (inFlight ??= this.list(host, app).finally(() => {
        inFlight = null;
      }));
    const restarts: SignalSource = {
      name: `pm2 restart count of app '${app}'`,
      read: async () => (await list()).reduce((sum, p) => sum + (p.pm2_env.restart_time ?? 0), 0)
    };
    const down: SignalSource = {
      name: `number of pm2 processes of app '${app}' that are errored, stopped or waiting to restart`,
      baseline: 0,
      read: async () => {
        const processes = await list();
        return processes.length === 0 ? 1 : processes.filter(p => DOWN_STATUSES.has(p.pm2_env.status)).length;
      }
    };
    return [restarts, down];
  }

  /** Stopped, not deleted: the slot's log path stays known, so the next evidence starts after it. */
  async stop(host: Host, app: string): Promise<void> {
    await this.pm2(host, ['stop', app]).catch(() => undefined);
  }

  async online(host: Host, app: string): Promise<boolean> {
    return (await this.list(host, app)).some(p => p.pid > 0 && p.pm2_env.status === 'online');
  }

  /** The last 50 lines written to the log since this activation (an earlier crash is not this one's). */
  private async logSinceActivation(host: Host, logFile: string): Promise<string[]> {
    const offset = this.logOffsets.get(logFile) ?? 0;
    const result = await host.exec([
      'sh',
      '-c',
      'tail -c +"$1" -- "$2" | tail -n 50',
      'sh',
      String(offset + 1),
      logFile
    ]);
    return result.code === 0 ? result.stdout.split('\n').filter(l => l !== '') : [];
  }

  async evidence(host: Host, app = this.app): Promise<FailureEvidence> {
    try {
      const processes = await this.list(host, app);
      const logFile = processes.find(p => p.pm2_env.pm_err_log_path)?.pm2_env.pm_err_log_path ?? null;
      return {
        restarts: processes.reduce((sum, p) => sum + (p.pm2_env.restart_time ?? 0), 0),
        source: logFile,
        lines: logFile ? await this.logSinceActivation(host, logFile) : [],
        details: []
      };
    } catch {
      return { restarts: null, source: null, lines: [], details: [] };
    }
  }
}

/** sha256 of files named on stdin (NUL-separated), relative to $1: coreutils or shasum. */
export const SHA256_SCRIPT =
  'cd -- "$1" || exit 1; if command -v sha256sum >/dev/null 2>&1; then h=sha256sum; else h="shasum -a 256"; fi; xargs -0 $h --';

export function parseSha256(stdout: string): Array<{ path: string; sha256: string }> {
  const files: Array<{ path: string; sha256: string }> = [];
  for (const line of stdout.split('\n')) {
    const match = /^\\?([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match) files.push({ sha256: match[1], path: match[2] });
  }
  return files;
}
