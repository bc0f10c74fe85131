import { parseDuration } from '../duration.js';
import { ConfigurationError } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';
import {
  compileBodyPattern,
  Expectations,
  parseJsonExpectation,
  parseJsonPath,
  parseStatusSet
} from './expectations.js';
import { PolicyConfig } from './policy.js';

export const gateOptions: OptionSpec[] = [
  {
    name: 'url',
    description: 'Health URL to probe (http or https). Repeat, or give several lines/commas: all must pass.',
    multiple: true
  },
  {
    name: 'expect-status',
    description: 'Accepted HTTP statuses: codes and ranges, e.g. 200,204,300-399.',
    default: '200-299'
  },
  { name: 'expect-body', description: 'Regular expression the response body must match.' },
  {
    name: 'expect-json',
    description:
      'JSON field that must equal a value, as dot.path=value (e.g. status=ok). Several allowed, one per line.',
    multiple: true,
    linesOnly: true
  },
  {
    name: 'expect-version',
    description:
      'Version the service must report in the JSON field named by version-field (catches a deploy that still serves the old code).'
  },
  {
    name: 'version-field',
    description: 'Dot path of the JSON field that holds the version.',
    default: 'version'
  },
  {
    name: 'max-latency',
    description: 'Latency budget: a slower answer is a failed probe (e.g. 2s). Empty means no budget.'
  },
  {
    name: 'probe-timeout',
    description: 'A probe with no complete answer within this time fails (at most 10m).',
    default: '5s'
  },
  { name: 'interval', description: 'Time between probe rounds (at most 1h).', default: '2s' },
  {
    name: 'grace',
    description: 'Failures during this time from the start do not count (slow boot; at most 24h).',
    default: '0s'
  },
  {
    name: 'healthy-threshold',
    description: 'Consecutive passing rounds needed before the timeout.',
    default: '3'
  },
  {
    name: 'window',
    description:
      'From the first pass the service must stay healthy this long; must be longer than the time a bad release takes to crash (at most 24h).',
    default: '30s'
  },
  {
    name: 'max-failures',
    description: 'Failed probes tolerated inside the window; one more fails the gate at once.',
    default: '0'
  },
  {
    name: 'timeout',
    description: 'Time to reach healthy-threshold; the window may run past it (at most 24h).',
    default: '120s'
  }
];

const HOUR = 3_600_000;

/**
 * Upper bounds of the gate's durations (exit 2 above them). A gate that probes less often than
 * hourly, waits ten minutes for one answer, or runs for more than a day is a mistake, and
 * beyond 2^31-1 ms Node's timers fire at once: `--interval 600h` flooded the health endpoint.
 */
export const GATE_DURATION_CAPS_MS = {
  interval: HOUR,
  'probe-timeout': 10 * 60_000,
  grace: 24 * HOUR,
  window: 24 * HOUR,
  timeout: 24 * HOUR
} as const;

const gateDuration = (inputs: Inputs, name: keyof typeof GATE_DURATION_CAPS_MS): number =>
  parseDuration(inputs.required(name), name, GATE_DURATION_CAPS_MS[name]);

export interface GateConfig extends PolicyConfig {
  urls: string[];
  intervalMs: number;
  probeTimeoutMs: number;
  expect: Expectations;
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(`'${text}' is not a URL`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`'${text}' is not an http or https URL`, 'url');
  }
  if (url.username || url.password) {
    throw new ConfigurationError(
      'credentials in the URL would be printed in every progress line; put them elsewhere',
      'url'
    );
  }
  return url.toString();
}

/** For deploy and rollback: the release id shipgate deploys is what the service must report. */
export const releaseProofOptions: OptionSpec[] = [
  {
    name: 'expect-release',
    description:
      'The strongest proof of which code serves: every probe must name the release being deployed, in the JSON field named by release-field or in an x-release header. The app reads it from SHIPGATE_RELEASE.',
    default: 'false'
  },
  {
    name: 'release-field',
    description: 'Dot path of the JSON field that holds the release id (with expect-release).',
    default: 'release'
  }
];

/** Parses and cross-checks every gate input; throws ConfigurationError naming the input. Probes nothing. */
export function parseGateConfig(inputs: Inputs, options: { release?: boolean } = {}): GateConfig {
  const urls = inputs.list('url').map(parseUrl);
  if (urls.length === 0) throw new ConfigurationError('at least one health URL is required', 'url');
  const statusText = inputs.required('expect-status');
  const bodyText = inputs.string('expect-body');
  const versionText = inputs.string('expect-version');
  const maxLatency = inputs.string('max-latency');
  const config: GateConfig = {
    urls,
    intervalMs: gateDuration(inputs, 'interval'),
    probeTimeoutMs: gateDuration(inputs, 'probe-timeout'),
    graceMs: gateDuration(inputs, 'grace'),
    windowMs: gateDuration(inputs, 'window'),
    timeoutMs: gateDuration(inputs, 'timeout'),
    healthyThreshold: inputs.integer('healthy-threshold', 1),
    maxFailures: inputs.integer('max-failures', 0),
    expect: {
      statusRanges: parseStatusSet(statusText),
      statusText,
      bodyPattern: bodyText ? compileBodyPattern(bodyText) : null,
      json: inputs.list('expect-json').map(text => parseJsonExpectation(text)),
      version: versionText
        ? { field: parseJsonPath(inputs.required('version-field'), 'version-field'), expected: versionText }
        : null,
      release:
        options.release && inputs.boolean('expect-release')
          ? {
              field: parseJsonPath(inputs.required('release-field'), 'release-field'),
              header: 'x-release',
              expected: null
            }
          : null,
      maxLatencyMs: maxLatency ? parseDuration(maxLatency, 'max-latency') : null
    }
  };
  if (config.intervalMs < 100) throw new ConfigurationError('must be at least 100ms', 'interval');
  if (config.probeTimeoutMs < 50) throw new ConfigurationError('must be at least 50ms', 'probe-timeout');
  if (config.timeoutMs <= 0) throw new ConfigurationError('must be more than 0', 'timeout');
  if (config.windowMs < config.intervalMs) {
    throw new ConfigurationError(
      `the window (${config.windowMs}ms) is shorter than the interval (${config.intervalMs}ms): the gate would pass on one probe`,
      'window'
    );
  }
  return config;
}
