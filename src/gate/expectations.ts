import { ConfigurationError } from '../errors.js';
import { singleLine } from '../util/sanitize.js';

/** What a probe's answer must satisfy. Pure data, checked by `checkResponse`. */
export interface Expectations {
  statusRanges: Array<[number, number]>;
  statusText: string;
  bodyPattern: RegExp | null;
  json: Array<{ path: string[]; expected: string }>;
  version: { field: string[]; expected: string } | null;
  /**
   * The release the answer must name (expect-release): in the JSON field, or in the header when
   * the body is not JSON. `expected` is filled in per release by deploy and rollback.
   */
  release: { field: string[]; header: string; expected: string | null } | null;
  maxLatencyMs: number | null;
}

/**
 * Statuses that say "not ready yet" (a proxy with no upstream, a service still starting): they
 * wait for the timeout like no answer at all. Any other complete answer that fails an
 * expectation is wrong, not slow, and fails the gate at once after grace.
 */
export const NOT_READY_STATUSES = new Set([502, 503, 504]);

export function parseStatusSet(text: string, input = 'expect-status'): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const part of text.split(',').map(p => p.trim())) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (!match) throw new ConfigurationError(`'${part}' is not a status code or range like 200-299`, input);
    const low = Number(match[1]);
    const high = Number(match[2] ?? match[1]);
    if (low < 100 || high > 599 || low > high) {
      throw new ConfigurationError(`'${part}' is not a range of HTTP statuses (100-599)`, input);
    }
    ranges.push([low, high]);
  }
  return ranges;
}

export function parseJsonPath(text: string, input: string): string[] {
  // a field name is printed in every failed probe's line: no line break may hide in it
  const path = singleLine(text, input).split('.');
  if (path.some(segment => segment === ''))
    throw new ConfigurationError(`'${text}' is not a dot path`, input);
  return path;
}

export function parseJsonExpectation(
  text: string,
  input = 'expect-json'
): { path: string[]; expected: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ConfigurationError(`'${text}' is not path=value (e.g. status=ok)`, input);
  return { path: parseJsonPath(text.slice(0, eq).trim(), input), expected: text.slice(eq + 1).trim() };
}

export function compileBodyPattern(text: string, input = 'expect-body'): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new ConfigurationError(`not a valid regular expression: ${(error as Error).message}`, input);
  }
}

function lookup(value: unknown, path: string[]): { found: boolean; value: unknown } {
  let current: unknown = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !(segment in (current as object))) {
      return { found: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function matchesScalar(actual: unknown, expected: string): boolean {
  if (actual === null) return expected === 'null';
  if (typeof actual === 'object') return false;
  return String(actual) === expected;
}

export interface ResponseFacts {
  status: number;
  body: string;
  latencyMs: number;
  /** Response headers, lower-case names. */
  headers?: Record<string, string | string[] | undefined>;
}

function header(facts: ResponseFacts, name: string): string | null {
  const value = facts.headers?.[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** Returns null when every expectation holds, else the first reason it does not. */
export function checkResponse(expect: Expectations, response: ResponseFacts): string | null {
  if (!expect.statusRanges.some(([low, high]) => response.status >= low && response.status <= high)) {
    return `status ${response.status}, expected ${expect.statusText}`;
  }
  if (expect.maxLatencyMs !== null && response.latencyMs > expect.maxLatencyMs) {
    return `answered in ${Math.round(response.latencyMs)}ms, over the latency budget of ${expect.maxLatencyMs}ms`;
  }
  if (expect.bodyPattern && !expect.bodyPattern.test(response.body)) {
    return `body does not match /${expect.bodyPattern.source}/`;
  }
  const release = expect.release?.expected ? expect.release : null;
  let parsed: unknown = undefined;
  let isJson = false;
  if (expect.json.length > 0 || expect.version || release) {
    try {
      parsed = JSON.parse(response.body);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  if (release) {
    const named = isJson ? lookup(parsed, release.field) : { found: false, value: undefined };
    const fromHeader = header(response, release.header);
    const actual = named.found ? named.value : fromHeader;
    const where = named.found ? `JSON ${release.field.join('.')}` : `header ${release.header}`;
    if (actual === null || actual === undefined) {
      return `the answer names no release (no JSON field ${release.field.join('.')}, no ${release.header} header), expected ${JSON.stringify(release.expected)}`;
    }
    if (!matchesScalar(actual, release.expected as string)) {
      return `${where} is ${show(actual)}: the code of another release answers, expected ${JSON.stringify(release.expected)}`;
    }
  }
  if (expect.json.length > 0 || expect.version) {
    if (!isJson) return 'body is not JSON';
    for (const { path, expected } of expect.json) {
      const { found, value } = lookup(parsed, path);
      if (!found) return `JSON has no field ${path.join('.')}, expected ${JSON.stringify(expected)}`;
      if (!matchesScalar(value, expected)) {
        return `JSON ${path.join('.')} is ${show(value)}, expected ${JSON.stringify(expected)}`;
      }
    }
    if (expect.version) {
      const { found, value } = lookup(parsed, expect.version.field);
      const field = expect.version.field.join('.');
      if (!found)
        return `JSON has no version field ${field}, expected ${JSON.stringify(expect.version.expected)}`;
      if (!matchesScalar(value, expect.version.expected)) {
        return `version ${show(value)}, expected ${JSON.stringify(expect.version.expected)}`;
      }
    }
  }
  return null;
}
