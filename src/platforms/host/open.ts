import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../errors.js';
import { Inputs, OptionSpec } from '../../options.js';
import { RunIo, StateKey } from '../../runner.js';
import { Layout, validateAppName, validateDeployPath, validateSharedEntry } from './layout.js';
import {
  BlueGreenSettings,
  parseRememberedBlueGreen,
  parseStrategyFlags,
  resolveBlueGreen,
  StrategyFlags
} from './blue-green/settings.js';
import { BlueGreen } from './blue-green/strategy.js';
import { HostPlatform, HostSource } from './platform.js';
import { findEcosystemFile } from './source.js';
import { CommandProcessManager } from './process/command.js';
import { ECOSYSTEM_FILES, Pm2ProcessManager } from './process/pm2.js';
import { ProcessManager } from './process/process-manager.js';
import { Host } from './transport/host.js';
import { LocalHost } from './transport/local.js';
import {
  resolveSshTools,
  SshHost,
  validateSshHost,
  validateSshPath,
  validateSshUser
} from './transport/ssh.js';

export const targetOptions: OptionSpec[] = [
  {
    name: 'target',
    description:
      'Where releases live: local (this machine), ssh (a server reached with OpenSSH and rsync) or ecs (an AWS ECS service: docs/ecs.md).',
    default: 'local'
  },
  {
    name: 'path',
    description:
      'Deploy root on the target: releases/, current, shared/ and .shipgate/ live under it (absolute path).'
  },
  { name: 'host', description: 'ssh: the server, a host name or IP address.' },
  { name: 'port', description: 'ssh: the SSH port.', default: '22' },
  { name: 'user', description: 'ssh: the user to log in as.' },
  {
    name: 'ssh-key',
    description:
      'ssh: the private key itself (from a secret). Masked at once, written mode 0600 to a private temporary folder, removed at the end (and by the post step).',
    secret: true
  },
  { name: 'ssh-key-file', description: 'ssh: path of the private key file (instead of ssh-key).' },
  {
    name: 'known-hosts',
    description:
      'ssh: known_hosts lines for the server (ssh-keyscan output checked once by you). The host key is always verified.'
  },
  { name: 'known-hosts-file', description: 'ssh: path of a known_hosts file (instead of known-hosts).' },
  {
    name: 'insecure-skip-host-key-check',
    description:
      'ssh: connect without verifying the host key (open to a man in the middle; prints a warning).',
    default: 'false'
  }
];

export const processOptions: OptionSpec[] = [
  {
    name: 'process',
    description:
      'Process manager: pm2, or command (run restart-command; the gate must prove which code serves). Default: what the target remembers, else pm2.'
  },
  {
    name: 'pm2-config',
    description: `PM2 ecosystem file inside the release (.cjs, .js, .mjs or .json). Default: what the target remembers, else the first of ${ECOSYSTEM_FILES.slice(0, 4).join(', ')}, ... that the release has.`
  },
  { name: 'app', description: 'PM2 app name in the ecosystem file (needed when it defines several).' },
  {
    name: 'pm2-bin',
    description:
      'The pm2 executable on the target, when it is not on the PATH of a plain shell (nvm installs: its folder also gives the node that loads the ecosystem file). Default: remembered, else pm2.'
  },
  {
    name: 'restart-command',
    description:
      'With process: command. Shell command run in the new release after the switch (systemctl restart app, docker compose up -d).'
  },
  {
    name: 'pass-env',
    description:
      "Names of variables of this machine that the install and restart commands and the app get on a local target (comma separated). Nothing else is passed: the runner's tokens never reach the app.",
    multiple: true
  },
  {
    name: 'lock-expiry',
    description:
      'A deploy lock older than this is considered abandoned and broken (with a warning naming its owner).',
    default: '30m'
  }
];

export interface SshSettings {
  host: string;
  port: number;
  user: string;
  keyFile: string | null;
  knownHostsFile: string | null;
  insecure: boolean;
}

/** Process settings given as flags; missing ones come from what the target remembers. */
export interface ProcessFlags {
  kind?: 'pm2' | 'command';
  bin?: string;
  configFile?: string;
  app?: string;
  restartCommand?: string;
  passEnv?: string[];
}

export interface ParsedTarget {
  kind: 'local' | 'ssh';
  path: string;
  ssh: (SshSettings & { keyContent: string | null; knownHostsContent: string | null }) | null;
  process: ProcessFlags | null;
  /** in-place or blue-green, and the blue-green flags given (null: a command without a process). */
  strategy: StrategyFlags | null;
}

/** Every target input checked before anything is written or connected (exit 2). */
export function parseTargetInputs(inputs: Inputs, withProcess: boolean): ParsedTarget {
  const kind = inputs.required('target');
  if (kind !== 'local' && kind !== 'ssh')
    throw new ConfigurationError(`'${kind}' is not a target (local, ssh, ecs)`, 'target');
  const path = validateDeployPath(inputs.required('path'));
  let ssh: ParsedTarget['ssh'] = null;
  if (kind === 'ssh') {
    const portText = inputs.required('port');
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
      throw new ConfigurationError(`'${portText}' is not a port`, 'port');
    const keyContent = inputs.string('ssh-key') ?? null;
    const keyFile = inputs.string('ssh-key-file') ?? null;
    if (keyContent && keyFile)
      throw new ConfigurationError('give ssh-key or ssh-key-file, not both', 'ssh-key');
    if (keyContent && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(keyContent)) {
      throw new ConfigurationError(
        'does not look like a private key (no BEGIN ... PRIVATE KEY line)',
        'ssh-key'
      );
    }
    const knownHostsContent = inputs.string('known-hosts') ?? null;
    const knownHostsFile = inputs.string('known-hosts-file') ?? null;
    const insecure = inputs.boolean('insecure-skip-host-key-check');
    if (!knownHostsContent && !knownHostsFile && !insecure) {
      throw new ConfigurationError(
        'the host key must be verified: give known-hosts (the server key line, e.g. from ssh-keyscan, checked once) or known-hosts-file; insecure-skip-host-key-check: true turns the check off',
        'known-hosts'
      );
    }
    if (keyFile) validateSshPath(keyFile, 'ssh-key-file');
    if (knownHostsFile) validateSshPath(knownHostsFile, 'known-hosts-file');
    resolveSshTools();
    ssh = {
      host: validateSshHost(inputs.required('host')),
      port,
      user: validateSshUser(inputs.required('user')),
      keyFile,
      keyContent,
      knownHostsFile,
      knownHostsContent,
      insecure
    };
  } else {
    for (const name of ['host', 'ssh-key', 'ssh-key-file', 'known-hosts', 'known-hosts-file']) {
      if (inputs.has(name)) throw new ConfigurationError(`only with target: ssh`, name);
    }
  }
  let process: ParsedTarget['process'] = null;
  if (withProcess) {
    const given = (name: string) => (inputs.has(name) ? inputs.required(name) : undefined);
    const pm = given('process');
    if (pm !== undefined && pm !== 'pm2' && pm !== 'command')
      throw new ConfigurationError(`'${pm}' is not a process manager (pm2, command)`, 'process');
    const configFile = given('pm2-config');
    if (configFile !== undefined && (configFile.startsWith('/') || configFile.split('/').includes('..')))
      throw new ConfigurationError('must be a path inside the release', 'pm2-config');
    const app = given('app');
    const restartCommand = given('restart-command');
    if (pm === 'pm2' && restartCommand !== undefined)
      throw new ConfigurationError('restart-command goes with process: command, not pm2', 'restart-command');
    const passEnv = inputs.list('pass-env');
    for (const name of passEnv)
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
        throw new ConfigurationError(`'${name}' is not a variable name`, 'pass-env');
    process = {
      kind: pm as ProcessFlags['kind'],
      bin: given('pm2-bin'),
      configFile,
      app: app === undefined ? undefined : validateAppName(app),
      restartCommand,
      passEnv: passEnv.length ? passEnv : undefined
    };
  }
  return { kind, path, ssh, process, strategy: withProcess ? parseStrategyFlags(inputs) : null };
}

/** What a target remembers between commands (`.shipgate/settings.json`); flags override it. */
export interface RememberedSettings {
  process?: 'pm2' | 'command';
  pm2Bin?: string;
  pm2Config?: string;
  app?: string;
  restartCommand?: string;
  shared?: string[];
  passEnv?: string[];
  strategy?: 'in-place' | 'blue-green';
  blueGreen?: Partial<BlueGreenSettings>;
}

export function parseRemembered(text: string | null): RememberedSettings {
  if (!text) return {};
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const list = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
    return {
      process: raw.process === 'pm2' || raw.process === 'command' ? raw.process : undefined,
      pm2Bin: str(raw.pm2Bin),
      pm2Config: str(raw.pm2Config),
      app: str(raw.app),
      restartCommand: str(raw.restartCommand),
      shared: list(raw.shared),
      passEnv: list(raw.passEnv),
      strategy: raw.strategy === 'in-place' || raw.strategy === 'blue-green' ? raw.strategy : undefined,
      blueGreen: parseRememberedBlueGreen(raw.blueGreen)
    };
  } catch {
    return {};
  }
}

export interface Transport {
  host: Host;
  /** ssh settings with the key and known hosts as files: what the post step needs. */
  ssh: SshSettings | null;
  close(): Promise<void>;
}

/** Writes the key and known hosts (mode 0600, private folder) and opens the connection's transport. */
export function openTransport(parsed: ParsedTarget, io: RunIo, passEnv: string[] = []): Transport {
  if (parsed.kind === 'local' || !parsed.ssh) {
    return { host: new LocalHost(passEnv), ssh: null, close: async () => undefined };
  }
  const s = parsed.ssh;
  const base = io.run.runnerTemp || tmpdir();
  // the key and known hosts are written there: refused before anything is written
  validateSshPath(base, 'RUNNER_TEMP');
  mkdirSync(base, { recursive: true });
  const tempDir = mkdtempSync(join(base, 'shipgate-ssh-'));
  chmodSync(tempDir, 0o700);
  // the ControlMaster socket path must stay under the ~108-byte limit of a unix socket,
  // whatever RUNNER_TEMP is: it gets a short private folder of its own
  const controlDir = mkdtempSync('/tmp/sg-');
  chmodSync(controlDir, 0o700);
  io.saveState(StateKey.SshTempDirs, JSON.stringify([tempDir, controlDir]));
  let keyFile = s.keyFile;
  if (s.keyContent) {
    keyFile = join(tempDir, 'id');
    writeFileSync(keyFile, s.keyContent.replace(/\r\n/g, '\n').replace(/\n?$/, '\n'), { mode: 0o600 });
  }
  let knownHostsFile = s.knownHostsFile;
  if (s.knownHostsContent) {
    knownHostsFile = join(tempDir, 'known_hosts');
    writeFileSync(knownHostsFile, `${s.knownHostsContent.trim()}\n`, { mode: 0o600 });
  }
  if (s.insecure) {
    io.warn(
      `insecure-skip-host-key-check is on: the host key of ${s.host} is NOT verified, so a man in the middle could take this deploy (and its key). Give known-hosts instead.`
    );
  }
  const settings: SshSettings = {
    host: s.host,
    port: s.port,
    user: s.user,
    keyFile,
    knownHostsFile,
    insecure: s.insecure
  };
  const host = new SshHost({
    host: s.host,
    port: s.port,
    user: s.user,
    keyFile,
    knownHostsFile,
    insecureSkipHostKeyCheck: s.insecure,
    controlDir,
    bwlimitKiB: io.run.rsyncBwlimitKiB
  });
  return {
    host,
    ssh: settings,
    close: async () => {
      await host.close().catch(() => undefined);
      rmSync(tempDir, { recursive: true, force: true });
      rmSync(controlDir, { recursive: true, force: true });
      io.saveState(StateKey.SshTempDirs, '');
    }
  };
}

export interface HostDeploySource {
  dir: string;
  /** null: what the target remembers (else none). */
  shared: string[] | null;
  installCommand: string | null;
  scan: HostSource['scan'];
}

export interface OpenedHostPlatform {
  platform: HostPlatform;
  transport: Transport;
  layout: Layout;
  /** The settings in effect (flags over remembered over defaults). */
  settings: RememberedSettings;
}

/**
 * Opens the host platform: flags first, then what the target remembers, then the defaults. A
 * deploy that drops a shared entry the target had is told so: a forgotten --shared once
 * shipped a local data/ folder over the real one.
 */
export async function openHostPlatform(
  parsed: ParsedTarget,
  io: RunIo,
  options: {
    source: HostDeploySource | null;
    responseProof: boolean;
    /** The gate's public URLs and window: blue/green probes a slot on the same path. */
    gate?: { urls: string[]; windowMs: number };
    signal?: AbortSignal;
  }
): Promise<OpenedHostPlatform> {
  const layout = new Layout(parsed.path);
  const flags = parsed.process ?? {};
  // the remembered pass-env is needed to open a local transport: read it from the flags first
  const probe = openTransport(parsed, io, flags.passEnv ?? []);
  let remembered: RememberedSettings;
  try {
    remembered = parseRemembered(await probe.host.readFile(layout.settings).catch(() => null));
  } catch (error) {
    await probe.close();
    throw error;
  }
  const passEnv = flags.passEnv ?? remembered.passEnv ?? [];
  const transport =
    parsed.kind === 'local' && passEnv.join() !== (flags.passEnv ?? []).join()
      ? openTransport(parsed, io, passEnv)
      : probe;
  const kind = flags.kind ?? remembered.process ?? 'pm2';
  const settings: RememberedSettings = { process: kind, passEnv: passEnv.length ? passEnv : undefined };
  let processManager: ProcessManager;
  if (kind === 'command') {
    const restartCommand = flags.restartCommand ?? remembered.restartCommand;
    if (!restartCommand) throw new ConfigurationError('is required with process: command', 'restart-command');
    settings.restartCommand = restartCommand;
    processManager = new CommandProcessManager(restartCommand);
  } else {
    settings.pm2Bin = flags.bin ?? remembered.pm2Bin ?? 'pm2';
    settings.pm2Config = flags.configFile ?? remembered.pm2Config;
    settings.app = flags.app ?? remembered.app;
    if (options.source) {
      // checked in the source before a long upload, with the name of the file it does have
      settings.pm2Config =
        (await findEcosystemFile(
          options.source.dir,
          settings.pm2Config ?? null,
          ECOSYSTEM_FILES,
          options.source.installCommand !== null,
          io.warn
        )) ?? undefined;
    }
    processManager = new Pm2ProcessManager({
      bin: settings.pm2Bin,
      configFile: settings.pm2Config ?? null,
      app: settings.app ?? null,
      stateDir: `${layout.meta}/pm2`
    });
  }
  let source: HostSource | null = null;
  if (options.source) {
    const shared = options.source.shared ?? remembered.shared ?? [];
    if (options.source.shared !== null && remembered.shared) {
      const dropped = remembered.shared.filter(e => !shared.includes(e));
      if (dropped.length)
        io.warn(
          `this deploy drops shared ${dropped.length === 1 ? 'entry' : 'entries'} ${dropped.join(', ')} that ${layout.root} had: the release's own copy will be used, not shared/. Leave --shared out to keep what the target remembers.`
        );
    } else if (options.source.shared === null && remembered.shared?.length) {
      io.log(`shared: ${remembered.shared.join(', ')} (remembered by the target)`);
    }
    settings.shared = shared;
    source = { scan: options.source.scan, shared, installCommand: options.source.installCommand };
  } else if (remembered.shared) {
    settings.shared = remembered.shared;
  }
  const strategy = parsed.strategy?.strategy ?? remembered.strategy ?? 'in-place';
  let blueGreen: BlueGreen | null = null;
  if (strategy === 'blue-green' && parsed.strategy) {
    if (!options.gate) throw new Error('internal: blue-green without the gate URLs');
    const bg = resolveBlueGreen(parsed.strategy, remembered.blueGreen ?? {}, options.gate.windowMs);
    settings.strategy = 'blue-green';
    settings.blueGreen = bg;
    blueGreen = new BlueGreen({
      host: transport.host,
      layout,
      pm: processManager,
      settings: bg,
      publicUrls: options.gate.urls
    });
  } else if (parsed.strategy) {
    settings.strategy = 'in-place';
  }
  const platform = new HostPlatform({
    transport: transport.host,
    layout,
    processManager,
    thisHost: hostname(),
    source,
    responseProof: options.responseProof,
    remembered: () =>
      processManager instanceof Pm2ProcessManager
        ? {
            ...settings,
            app: processManager.appName ?? settings.app,
            pm2Config: processManager.configFile ?? settings.pm2Config
          }
        : settings,
    blueGreen,
    signal: options.signal
  });
  return { platform, transport, layout, settings };
}

/** Shared entries as given: relative, no '..'; a trailing / marks a folder. */
export function parseSharedEntries(inputs: Inputs): string[] | null {
  if (!inputs.has('shared')) return null;
  return inputs
    .list('shared')
    .map(entry => (entry.endsWith('/') ? `${validateSharedEntry(entry)}/` : validateSharedEntry(entry)));
}
