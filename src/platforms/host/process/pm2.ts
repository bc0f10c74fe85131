import { posix } from 'node:path';
import { ConfigurationError, OperationError } from '../../../errors.js';
import { SignalSource } from '../../../gate/signals.js';
import { fsOps, Host, HostCommandError, run } from '../transport/host.js';
import { validateAppName } from '../layout.js';
import { ActivationContext, FailureEvidence, ProcessManager } from './process-manager.js';

interface Pm2Process {
  name: string;
  pid: number;
  pm2_env: {
    status: string;
    restart_time: number;
    pm_cwd?: string;
    pm_exec_path?: string;
    pm_err_log_path?: string;
    exec_mode?: string;
  };
}

type AppDefinition = Record<string, unknown> & { name?: string; script?: string; cwd?: string };

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

export interface Pm2Options {
  bin: string;
  configFile: string;
  app: string | null;
  /** Where the generated definition lives on the host: `<path>/.shipgate/pm2`. */
  stateDir: string;
}

export function parsePm2List(stdout: string): Pm2Process[] {
  // A fresh PM2_HOME may print a banner before the JSON: take the JSON array.
  const start = stdout.indexOf('[');
  if (start === -1) throw new Error(`pm2 jlist printed no JSON: ${stdout.slice(0, 200)}`);
  return JSON.parse(stdout.slice(start)) as Pm2Process[];
}

/**
 * Rewrites the app so that it runs through the `current` symlink: cwd is the link itself, and a
 * script inside a release directory points through the link. A reload then starts the new
 * release, and `cwd: __dirname` (the resolved release path) no longer pins the old one.
 */
export function definitionThroughCurrent(
  app: AppDefinition,
  name: string,
  releaseDir: string,
  currentLink: string,
  releasesDir: string,
  releaseId: string
): AppDefinition {
  const throughCurrent = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (value === releaseDir) return currentLink;
    if (value.startsWith(`${releaseDir}/`)) return `${currentLink}/${value.slice(releaseDir.length + 1)}`;
    const other = new RegExp(`^${releasesDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^/]+(/|$)`);
    return value.replace(other, `${currentLink}$1`).replace(/\/$/, '');
  };
  const env = (app.env && typeof app.env === 'object' ? app.env : {}) as Record<string, unknown>;
  return {
    ...app,
    name,
    cwd: currentLink,
    script: throughCurrent(app.script) as string | undefined,
    env: { ...env, SHIPGATE_RELEASE: releaseId }
  };
}

export function shapeChanges(previous: AppDefinition | null, next: AppDefinition): string[] {
  if (!previous) return ['no definition from an earlier shipgate deploy'];
  return SHAPE_FIELDS.filter(
    f => JSON.stringify(previous[f] ?? null) !== JSON.stringify(next[f] ?? null)
  ).map(f => `${f} ${JSON.stringify(previous[f] ?? null)} -> ${JSON.stringify(next[f] ?? null)}`);
}

export class Pm2ProcessManager implements ProcessManager {
  readonly name = 'pm2';
  private appName: string | null;
  /** Size of each error log before this activation: evidence shows only what came after. */
  private readonly logOffsets = new Map<string, number>();

  constructor(private readonly options: Pm2Options) {
    this.appName = options.app;
  }

  private get app(): string {
    if (!this.appName) throw new Error('internal: app name not known before activation');
    return this.appName;
  }

  private async pm2(host: Host, args: string[], timeoutMs = 120_000): Promise<string> {
    return run(host, [this.options.bin, ...args], { timeoutMs });
  }

  async list(host: Host): Promise<Pm2Process[]> {
    return parsePm2List(await this.pm2(host, ['jlist'])).filter(p => p.name === this.app);
  }

  async preflight(host: Host): Promise<void> {
    const result = await host.exec([this.options.bin, 'ping'], { timeoutMs: 60_000 });
    if (result.code !== 0) {
      throw new OperationError(
        `pm2 is not usable on ${host.description} ('${this.options.bin} ping' exited ${result.code}: ${(result.stderr || result.stdout).trim().slice(0, 200)}). Install pm2, or name it with --pm2-bin.`
      );
    }
  }

  /** The definition loaded by the last prepare(), so activate() does not load it twice. */
  private prepared: { releaseDir: string; app: AppDefinition } | null = null;

  /** Loads the app definition from the new release before anything is switched. */
  async prepare(host: Host, releaseDir: string): Promise<AppDefinition> {
    if (this.prepared?.releaseDir === releaseDir) return this.prepared.app;
    const configPath = `${releaseDir}/${this.options.configFile}`;
    if (!(await fsOps.exists(host, configPath))) {
      throw new ConfigurationError(`the release has no ${this.options.configFile}`, 'pm2-config');
    }
    let loaded: { apps: AppDefinition[] };
    try {
      loaded = JSON.parse(
        await run(host, ['node', '--input-type=module', '-e', LOAD_CONFIG, configPath], { cwd: releaseDir })
      );
    } catch (error) {
      const detail = error instanceof HostCommandError ? error.message : String(error);
      throw new ConfigurationError(`${this.options.configFile} could not be loaded: ${detail}`, 'pm2-config');
    }
    const apps = loaded.apps.filter(a => a && typeof a === 'object');
    const wanted = this.appName ?? (apps.length === 1 ? String(apps[0].name ?? '') : null);
    if (!wanted)
      throw new ConfigurationError(
        `${this.options.configFile} defines ${apps.length} apps: name one with --app`,
        'app'
      );
    const app =
      apps.find(a => a.name === wanted) ?? (apps.length === 1 && !apps[0].name ? apps[0] : undefined);
    if (!app) {
      throw new ConfigurationError(
        `${this.options.configFile} has no app named '${wanted}' (it has ${apps.map(a => a.name).join(', ') || 'none'})`,
        'app'
      );
    }
    this.appName = validateAppName(wanted);
    this.prepared = { releaseDir, app };
    return app;
  }

  async activate(context: ActivationContext): Promise<void> {
    const { host, log } = context;
    const app = await this.prepare(host, context.releaseDir);
    const releasesDir = posix.dirname(context.releaseDir);
    const definition = definitionThroughCurrent(
      app,
      this.app,
      context.releaseDir,
      context.currentLink,
      releasesDir,
      context.releaseId
    );
    const file = `${this.options.stateDir}/${this.app}.json`;
    const previousText = await host.readFile(file);
    const previous = previousText
      ? ((JSON.parse(previousText) as { apps: AppDefinition[] }).apps[0] ?? null)
      : null;
    await fsOps.mkdirp(host, this.options.stateDir);
    await host.writeFile(file, JSON.stringify({ apps: [definition] }, null, 2));

    const running = await this.list(host);
    await this.rememberLogOffsets(host, running);
    if (running.length === 0) {
      log(`pm2: starting ${this.app} from ${context.currentLink} -> releases/${context.releaseId}`);
      await this.pm2(host, ['start', file]);
    } else {
      const changes = shapeChanges(previous, definition);
      const pinned = running.some(p => p.pm2_env.pm_cwd !== context.currentLink);
      if (changes.length === 0 && !pinned) {
        log(`pm2: reloading ${this.app} (${running.length} process${running.length === 1 ? '' : 'es'})`);
        await this.pm2(host, ['reload', file, '--update-env']);
      } else {
        // PM2 never changes cwd or script on reload: a reload here would keep serving the old code.
        const why = pinned
          ? `processes run with cwd ${running[0].pm2_env.pm_cwd}, not ${context.currentLink}`
          : changes.join(', ');
        log(`pm2: delete and start ${this.app} (a reload would keep the old code: ${why})`);
        await this.pm2(host, ['delete', this.app]);
        await this.pm2(host, ['start', file]);
      }
    }
    await this.verifyServingFrom(host, context.releaseDir, log);
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

  /** Every online process must run from the new release (its /proc/<pid>/cwd). */
  private async verifyServingFrom(
    host: Host,
    releaseDir: string,
    log: (line: string) => void
  ): Promise<void> {
    const expected = (await fsOps.realpath(host, releaseDir)) ?? releaseDir;
    const deadline = Date.now() + 15_000;
    let wrong: string[] = [];
    while (Date.now() < deadline) {
      const processes = await this.list(host);
      const online = processes.filter(p => p.pid > 0 && p.pm2_env.status === 'online');
      if (online.length === 0) return; // nothing serving: the gate will see the crash
      wrong = [];
      for (const p of online) {
        const cwd = await fsOps.readlink(host, `/proc/${p.pid}/cwd`);
        if (cwd === null) {
          log(
            `pm2: cannot read /proc/${p.pid}/cwd on ${host.description}; skipping the check of which release serves`
          );
          return;
        }
        if (cwd !== expected) wrong.push(`pid ${p.pid} runs from ${cwd}`);
      }
      if (wrong.length === 0) {
        log(
          `pm2: ${online.length} process${online.length === 1 ? '' : 'es'} of ${this.app} run from ${expected}`
        );
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`pm2 kept serving the old release: ${wrong.join('; ')} (expected ${expected})`);
  }

  signals(host: Host): SignalSource[] {
    const restarts: SignalSource = {
      name: `pm2 restart count of app '${this.app}'`,
      read: async () => (await this.list(host)).reduce((sum, p) => sum + (p.pm2_env.restart_time ?? 0), 0)
    };
    const down: SignalSource = {
      name: `number of pm2 processes of app '${this.app}' that are errored, stopped or waiting to restart`,
      baseline: 0,
      read: async () => {
        const processes = await this.list(host);
        return processes.length === 0 ? 1 : processes.filter(p => DOWN_STATUSES.has(p.pm2_env.status)).length;
      }
    };
    return [restarts, down];
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

  async evidence(host: Host): Promise<FailureEvidence> {
    try {
      const processes = await this.list(host);
      const logFile = processes.find(p => p.pm2_env.pm_err_log_path)?.pm2_env.pm_err_log_path ?? null;
      return {
        restarts: processes.reduce((sum, p) => sum + (p.pm2_env.restart_time ?? 0), 0),
        logFile,
        logLines: logFile ? await this.logSinceActivation(host, logFile) : []
      };
    } catch {
      return { restarts: null, logFile: null, logLines: [] };
    }
  }
}
