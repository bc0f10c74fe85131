import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandContext } from '../../commands/types.js';
import { ConfigurationError } from '../../errors.js';
import { Inputs, OptionSpec } from '../../options.js';
import { Target } from '../../release/deployer.js';
import { Layout, validateAppName, validateDeployPath } from './layout.js';
import { CommandProcessManager } from './process/command.js';
import { LocalHost } from './transport/local.js';
import { Pm2ProcessManager } from './process/pm2.js';
import { ProcessManager } from './process/process-manager.js';
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
      'Where releases live: local (this machine) or ssh (a server reached with OpenSSH and rsync).',
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
    description: 'Process manager: pm2, or command (run restart-command; gated by HTTP only).',
    default: 'pm2'
  },
  {
    name: 'pm2-config',
    description: 'PM2 ecosystem file inside the release (.cjs, .js, .mjs or .json).',
    default: 'ecosystem.config.cjs'
  },
  { name: 'app', description: 'PM2 app name in the ecosystem file (needed when it defines several).' },
  {
    name: 'pm2-bin',
    description:
      'The pm2 executable on the target, when it is not on the PATH of a plain shell (nvm installs).',
    default: 'pm2'
  },
  {
    name: 'restart-command',
    description:
      'With process: command. Shell command run in the new release after the switch (systemctl restart app, docker compose up -d).'
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

export interface ParsedTarget {
  kind: 'local' | 'ssh';
  path: string;
  ssh: (SshSettings & { keyContent: string | null; knownHostsContent: string | null }) | null;
  process:
    | { kind: 'pm2'; bin: string; configFile: string; app: string | null }
    | { kind: 'command'; restartCommand: string }
    | null;
}

/** Every target input checked before anything is written or connected (exit 2). */
export function parseTargetInputs(inputs: Inputs, withProcess: boolean): ParsedTarget {
  const kind = inputs.required('target');
  if (kind !== 'local' && kind !== 'ssh')
    throw new ConfigurationError(`'${kind}' is not a target (local, ssh)`, 'target');
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
    // (the key and known hosts are written there; `process` is the process manager here)
    validateSshPath(globalThis.process.env.RUNNER_TEMP || tmpdir(), 'RUNNER_TEMP');
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
    const pm = inputs.required('process');
    if (pm === 'pm2') {
      if (inputs.has('restart-command'))
        throw new ConfigurationError(
          'restart-command goes with process: command, not pm2',
          'restart-command'
        );
      const configFile = inputs.required('pm2-config');
      if (configFile.startsWith('/') || configFile.split('/').includes('..'))
        throw new ConfigurationError('must be a path inside the release', 'pm2-config');
      const app = inputs.string('app');
      process = {
        kind: 'pm2',
        bin: inputs.required('pm2-bin'),
        configFile,
        app: app ? validateAppName(app) : null
      };
    } else if (pm === 'command') {
      process = { kind: 'command', restartCommand: inputs.required('restart-command') };
    } else {
      throw new ConfigurationError(`'${pm}' is not a process manager (pm2, command)`, 'process');
    }
  }
  return { kind, path, ssh, process };
}

export interface OpenedTarget {
  target: Target;
  /** ssh settings with the key and known hosts as files: what the post step needs. */
  ssh: SshSettings | null;
  close(): Promise<void>;
}

/** Writes the key and known hosts (mode 0600, private folder) and builds the Target. */
export function openTarget(parsed: ParsedTarget, context: CommandContext): OpenedTarget {
  const layout = new Layout(parsed.path);
  let processManager: ProcessManager = new CommandProcessManager('true');
  if (parsed.process?.kind === 'pm2') {
    processManager = new Pm2ProcessManager({
      bin: parsed.process.bin,
      configFile: parsed.process.configFile,
      app: parsed.process.app,
      stateDir: `${layout.meta}/pm2`
    });
  } else if (parsed.process?.kind === 'command') {
    processManager = new CommandProcessManager(parsed.process.restartCommand);
  }
  if (parsed.kind === 'local' || !parsed.ssh) {
    return {
      target: { host: new LocalHost(), layout, processManager },
      ssh: null,
      close: async () => undefined
    };
  }
  const s = parsed.ssh;
  const base = process.env.RUNNER_TEMP || tmpdir();
  mkdirSync(base, { recursive: true });
  const tempDir = mkdtempSync(join(base, 'shipgate-ssh-'));
  chmodSync(tempDir, 0o700);
  // the ControlMaster socket path must stay under the ~108-byte limit of a unix socket,
  // whatever RUNNER_TEMP is: it gets a short private folder of its own
  const controlDir = mkdtempSync('/tmp/sg-');
  chmodSync(controlDir, 0o700);
  context.saveState('ssh-temp-dir', JSON.stringify([tempDir, controlDir]));
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
    context.warn(
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
    bwlimitKiB: Number(process.env.SHIPGATE_RSYNC_BWLIMIT || 0)
  });
  return {
    target: { host, layout, processManager },
    ssh: settings,
    close: async () => {
      await host.close().catch(() => undefined);
      rmSync(tempDir, { recursive: true, force: true });
      rmSync(controlDir, { recursive: true, force: true });
      context.saveState('ssh-temp-dir', '');
    }
  };
}
