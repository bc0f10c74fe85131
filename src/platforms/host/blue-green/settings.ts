/**
 * The blue/green inputs of a host target: checked before anything is connected (exit 2), and
 * remembered by the target after a pass so that `rollback` needs none of them.
 */
import { parseDuration } from '../../../duration.js';
import { ConfigurationError } from '../../../errors.js';
import { Inputs, OptionSpec } from '../../../options.js';
import { validateDeployPath } from '../layout.js';

export type KeepWarm = 'window' | 'until-next-deploy';

export interface BlueGreenSettings {
  /** The two slots' ports on the host: blue, green. */
  ports: [number, number];
  /** The variable the app takes its port from. */
  portVariable: string;
  /** The file shipgate owns, included by the user's nginx configuration. */
  upstreamFile: string;
  /** Checks the configuration (`nginx -t`); run with -T to read the configuration it loads. */
  testCommand: string;
  reloadCommand: string;
  keepWarm: KeepWarm;
  /** The gate through the proxy after the switch, while the old slot stays warm. */
  switchWindowMs: number;
}

export type StrategyFlags = { strategy?: 'in-place' | 'blue-green' } & Partial<
  Omit<BlueGreenSettings, 'switchWindowMs'> & { switchWindowMs: number }
>;

export const strategyOptions: OptionSpec[] = [
  {
    name: 'strategy',
    description:
      'in-place (replace the running app, then gate it) or blue-green (start the release in an idle slot, gate it on its own port before any traffic moves, then switch nginx). Default: what the target remembers, else in-place.'
  },
  {
    name: 'slot-ports',
    description: 'blue-green: the ports of the two slots on the host, e.g. 3001,3002.',
    multiple: true
  },
  {
    name: 'slot-port-variable',
    description:
      'blue-green: the environment variable the app takes its port from. Default: remembered, else PORT.'
  },
  {
    name: 'nginx-upstream-file',
    description:
      'blue-green: the file shipgate writes the upstream into (absolute path on the host); your nginx server block includes it and proxies to http://shipgate_<app>.'
  },
  {
    name: 'proxy-test-command',
    description:
      'blue-green: checks the proxy configuration before a reload (shipgate also runs it with -T to find the include). Default: remembered, else nginx -t.'
  },
  {
    name: 'proxy-reload-command',
    description:
      'blue-green: reloads the proxy gracefully, e.g. sudo systemctl reload nginx. Default: remembered, else nginx -s reload.'
  },
  {
    name: 'keep-warm',
    description:
      'blue-green: how long the old slot keeps running after a switch: window (until the gate through the proxy passes) or until-next-deploy (a rollback to it is one proxy switch). Default: remembered, else window.'
  },
  {
    name: 'switch-window',
    description:
      'blue-green: the stability window of the gate through the proxy after the switch (the full window already ran on the slot). Default: remembered, else 10s (at most the window).'
  }
];

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new ConfigurationError(`'${text}' is not a port`, 'slot-ports');
  return port;
}

/** The strategy flags as given; what is missing comes from what the target remembers. */
export function parseStrategyFlags(inputs: Inputs): StrategyFlags {
  const given = (name: string) => (inputs.has(name) ? inputs.required(name) : undefined);
  const strategy = given('strategy');
  if (strategy !== undefined && strategy !== 'in-place' && strategy !== 'blue-green')
    throw new ConfigurationError(`'${strategy}' is not a strategy (in-place, blue-green)`, 'strategy');
  const flags: StrategyFlags = { strategy };
  if (inputs.has('slot-ports')) {
    const ports = inputs.list('slot-ports').map(parsePort);
    if (ports.length !== 2)
      throw new ConfigurationError(
        `give two ports, one per slot (e.g. 3001,3002); got ${ports.length}`,
        'slot-ports'
      );
    if (ports[0] === ports[1])
      throw new ConfigurationError('the two slots need different ports', 'slot-ports');
    flags.ports = [ports[0], ports[1]];
  }
  const variable = given('slot-port-variable');
  if (variable !== undefined && !VARIABLE.test(variable))
    throw new ConfigurationError(`'${variable}' is not a variable name`, 'slot-port-variable');
  flags.portVariable = variable;
  const upstream = given('nginx-upstream-file');
  if (upstream !== undefined) flags.upstreamFile = validateDeployPath(upstream, 'nginx-upstream-file');
  flags.testCommand = given('proxy-test-command');
  if (flags.testCommand !== undefined) dumpCommand(flags.testCommand);
  flags.reloadCommand = given('proxy-reload-command');
  const keepWarm = given('keep-warm');
  if (keepWarm !== undefined && keepWarm !== 'window' && keepWarm !== 'until-next-deploy')
    throw new ConfigurationError(`'${keepWarm}' is not window or until-next-deploy`, 'keep-warm');
  flags.keepWarm = keepWarm;
  const switchWindow = given('switch-window');
  if (switchWindow !== undefined) flags.switchWindowMs = parseDuration(switchWindow, 'switch-window');
  const bgOnly = ['slot-ports', 'nginx-upstream-file', 'keep-warm', 'switch-window', 'slot-port-variable'];
  if (strategy === 'in-place')
    for (const name of bgOnly)
      if (inputs.has(name)) throw new ConfigurationError('only with strategy: blue-green', name);
  return flags;
}

/** The blue/green settings in effect (flags over remembered), or why they are incomplete. */
export function resolveBlueGreen(
  flags: StrategyFlags,
  remembered: Partial<BlueGreenSettings>,
  windowMs: number
): BlueGreenSettings {
  const ports = flags.ports ?? remembered.ports;
  if (!ports)
    throw new ConfigurationError('is required with strategy: blue-green (e.g. 3001,3002)', 'slot-ports');
  const upstreamFile = flags.upstreamFile ?? remembered.upstreamFile;
  if (!upstreamFile)
    throw new ConfigurationError(
      'is required with strategy: blue-green (e.g. /etc/nginx/shipgate/app.upstream, included by your server block)',
      'nginx-upstream-file'
    );
  return {
    ports,
    upstreamFile,
    portVariable: flags.portVariable ?? remembered.portVariable ?? 'PORT',
    testCommand: flags.testCommand ?? remembered.testCommand ?? 'nginx -t',
    reloadCommand: flags.reloadCommand ?? remembered.reloadCommand ?? 'nginx -s reload',
    keepWarm: flags.keepWarm ?? remembered.keepWarm ?? 'window',
    switchWindowMs: Math.min(flags.switchWindowMs ?? remembered.switchWindowMs ?? 10_000, windowMs)
  };
}

/**
 * The command that prints the configuration nginx would load: the test command with its `-t`
 * turned into `-T` (`sudo nginx -t` -> `sudo nginx -T`). The include is read from it.
 */
export function dumpCommand(testCommand: string): string {
  const words = testCommand.trim().split(/\s+/);
  const at = words.lastIndexOf('-t');
  if (at === -1)
    throw new ConfigurationError(
      `'${testCommand}' has no -t: give nginx's own test (nginx -t, sudo nginx -t, nginx -c FILE -t); shipgate also runs it with -T to check that the upstream file is included`,
      'proxy-test-command'
    );
  words[at] = '-T';
  return words.join(' ');
}

export function parseRememberedBlueGreen(raw: unknown): Partial<BlueGreenSettings> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const ports =
    Array.isArray(r.ports) && r.ports.length === 2 && r.ports.every(p => Number.isInteger(p))
      ? ([r.ports[0], r.ports[1]] as [number, number])
      : undefined;
  return {
    ports,
    upstreamFile: str(r.upstreamFile),
    portVariable: str(r.portVariable),
    testCommand: str(r.testCommand),
    reloadCommand: str(r.reloadCommand),
    keepWarm: r.keepWarm === 'window' || r.keepWarm === 'until-next-deploy' ? r.keepWarm : undefined,
    switchWindowMs: typeof r.switchWindowMs === 'number' ? r.switchWindowMs : undefined
  };
}
