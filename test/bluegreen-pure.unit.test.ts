/** The pure parts of blue/green: flags, the upstream file, the slots. */
import { ConfigurationError } from '../src/errors.js';
import { Inputs } from '../src/options.js';
import { parseUpstreamPort, upstreamConfig } from '../src/platforms/host/blue-green/nginx.js';
import {
  dumpCommand,
  parseStrategyFlags,
  resolveBlueGreen,
  strategyOptions
} from '../src/platforms/host/blue-green/settings.js';
import {
  idleSlot,
  liveSlot,
  liveSlotApp,
  parseSlotState,
  slotUrl
} from '../src/platforms/host/blue-green/slots.js';

const flags = (raw: Record<string, string>) => parseStrategyFlags(new Inputs(strategyOptions, raw));
const refused = (raw: Record<string, string>, input: string, message: RegExp) => {
  let error: unknown;
  try {
    flags(raw);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).message).toMatch(message);
  expect((error as ConfigurationError).input).toBe(input);
};

describe('blue/green flags', () => {
  test('two distinct ports, a strategy that exists, an absolute upstream path, a test command with -t', () => {
    expect(flags({ strategy: 'blue-green', 'slot-ports': '3001,3002' }).ports).toEqual([3001, 3002]);
    refused({ 'slot-ports': '3001' }, 'slot-ports', /two ports/);
    refused({ 'slot-ports': '3001,3001' }, 'slot-ports', /different ports/);
    refused({ 'slot-ports': '3001,99999' }, 'slot-ports', /not a port/);
    refused({ strategy: 'canary' }, 'strategy', /not a strategy/);
    refused({ 'nginx-upstream-file': 'relative/file' }, 'nginx-upstream-file', /absolute path/);
    refused({ 'proxy-test-command': 'systemctl reload nginx' }, 'proxy-test-command', /has no -t/);
    refused({ 'keep-warm': 'forever' }, 'keep-warm', /window or until-next-deploy/);
    refused({ strategy: 'in-place', 'slot-ports': '1,2' }, 'slot-ports', /only with strategy: blue-green/);
  });

  test('flags over what the target remembers over defaults; the switch window at most the window', () => {
    const settings = resolveBlueGreen(
      { ports: [4001, 4002] },
      { upstreamFile: '/etc/nginx/a.upstream', keepWarm: 'until-next-deploy' },
      5000
    );
    expect(settings).toEqual({
      ports: [4001, 4002],
      upstreamFile: '/etc/nginx/a.upstream',
      portVariable: 'PORT',
      testCommand: 'nginx -t',
      reloadCommand: 'nginx -s reload',
      keepWarm: 'until-next-deploy',
      switchWindowMs: 5000
    });
    expect(() => resolveBlueGreen({}, {}, 1000)).toThrow(/required with strategy: blue-green/);
  });

  test("the include is read with nginx's own -T", () => {
    expect(dumpCommand('sudo nginx -t')).toBe('sudo nginx -T');
    expect(dumpCommand('nginx -c /etc/x.conf -t -q')).toBe('nginx -c /etc/x.conf -T -q');
  });
});

describe('upstream file and slots', () => {
  test('the upstream file names the port that takes the traffic', () => {
    expect(upstreamConfig('api', 3002)).toContain('upstream shipgate_api { server 127.0.0.1:3002; }');
    expect(parseUpstreamPort(upstreamConfig('api', 3002))).toBe(3002);
    expect(parseUpstreamPort('upstream shipgate_api { server unix:/run/app.sock; }')).toBeNull();
    expect(parseUpstreamPort(null)).toBeNull();
  });

  test('the live slot is the one the upstream points at; a new release starts in the other', () => {
    expect(liveSlot(3002, [3001, 3002])).toBe('green');
    expect(liveSlot(3000, [3001, 3002])).toBeNull();
    expect(idleSlot('green')).toBe('blue');
    expect(idleSlot(null)).toBe('blue');
    expect(slotUrl('https://app.example.com/health?deep=1', 3001)).toBe(
      'http://127.0.0.1:3001/health?deep=1'
    );
  });

  test('the monitor watches the live slot app; a damaged slot file is empty', () => {
    const slots = parseSlotState(JSON.stringify({ green: { app: 'api-green', port: 3002, release: 'v2' } }));
    const remembered = { strategy: 'blue-green', blueGreen: { ports: [3001, 3002] as [number, number] } };
    expect(liveSlotApp(remembered, slots, 3002)).toBe('api-green');
    expect(liveSlotApp({ strategy: 'in-place' }, slots, 3002)).toBeNull();
    expect(parseSlotState('{not json')).toEqual({});
  });
});
