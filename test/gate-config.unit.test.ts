import { parseDuration } from '../src/duration.js';
import { ConfigurationError } from '../src/errors.js';
import { gateOptions, parseGateConfig } from '../src/gate/config.js';
import { checkResponse, parseStatusSet } from '../src/gate/expectations.js';
import { Inputs, RawInputs } from '../src/options.js';

const parse = (raw: RawInputs) =>
  parseGateConfig(new Inputs(gateOptions, { url: 'http://127.0.0.1:1/health', ...raw }));

describe('durations', () => {
  test.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['15', 15_000],
    ['1.5s', 1500]
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text, 'x')).toBe(ms));
  test.each(['', 'abc', '-1s', '5d', '1 minute', 's'])('%p is refused, naming the input', text => {
    expect(() => parseDuration(text, 'interval')).toThrow(/Invalid input 'interval'/);
  });
});

describe('gate configuration', () => {
  test('defaults are the contract', () => {
    const c = parse({});
    expect(c).toMatchObject({
      intervalMs: 2000,
      probeTimeoutMs: 5000,
      healthyThreshold: 3,
      windowMs: 30_000,
      maxFailures: 0,
      timeoutMs: 120_000,
      graceMs: 0
    });
    expect(c.expect.statusRanges).toEqual([[200, 299]]);
  });

  test('several URLs by repetition, lines or commas', () => {
    expect(parse({ url: ['http://a/h', 'http://b/h'] }).urls).toEqual(['http://a/h', 'http://b/h']);
    expect(parse({ url: 'http://a/h\nhttp://b/h, http://c/h' }).urls).toHaveLength(3);
  });

  test.each<[string, RawInputs, RegExp]>([
    ['a bad duration', { interval: '2 seconds' }, /'interval'/],
    ['a bad window', { window: 'soon' }, /'window'/],
    ['a non-http URL', { url: 'ftp://example/x' }, /'url'.*not an http or https URL/],
    ['a URL that is not one', { url: 'not a url' }, /'url'.*not a URL/],
    ['no URL at all', { url: [] }, /'url'/],
    ['healthy-threshold 0', { 'healthy-threshold': '0' }, /'healthy-threshold'.*at least 1/],
    ['healthy-threshold not a number', { 'healthy-threshold': 'three' }, /'healthy-threshold'/],
    ['negative max-failures', { 'max-failures': '-1' }, /'max-failures'/],
    [
      'a window shorter than the interval',
      { window: '1s', interval: '2s' },
      /'window'.*shorter than the interval/
    ],
    ['a regex that does not compile', { 'expect-body': '(unclosed' }, /'expect-body'.*regular expression/],
    ['a bad status range', { 'expect-status': '200-abc' }, /'expect-status'/],
    ['a reversed status range', { 'expect-status': '299-200' }, /'expect-status'/],
    ['expect-json without =', { 'expect-json': 'status' }, /'expect-json'/],
    ['credentials in a URL', { url: 'http://user:pw@host/h' }, /'url'.*credentials/]
  ])('%s is a ConfigurationError', (_name, raw, message) => {
    expect(() => parse(raw)).toThrow(ConfigurationError);
    expect(() => parse(raw)).toThrow(message);
  });
});

describe('expectations', () => {
  const expect0 = (raw: RawInputs) => parse(raw).expect;
  const facts = (status: number, body = '', latencyMs = 5) => ({ status, body, latencyMs });

  test('status sets and ranges', () => {
    expect(parseStatusSet('200,204,300-399')).toEqual([
      [200, 200],
      [204, 204],
      [300, 399]
    ]);
    const e = expect0({ 'expect-status': '200,204,300-399' });
    expect(checkResponse(e, facts(204))).toBeNull();
    expect(checkResponse(e, facts(302))).toBeNull();
    expect(checkResponse(e, facts(201))).toMatch(/status 201, expected 200,204,300-399/);
  });

  test('JSON dot paths, several at once, scalars compared as text', () => {
    const e = expect0({ 'expect-json': ['status=ok', 'checks.db.up=true', 'workers=4'] });
    expect(
      checkResponse(e, facts(200, '{"status":"ok","checks":{"db":{"up":true}},"workers":4}'))
    ).toBeNull();
    expect(
      checkResponse(e, facts(200, '{"status":"degraded","checks":{"db":{"up":true}},"workers":4}'))
    ).toMatch(/JSON status is "degraded", expected "ok"/);
    expect(checkResponse(e, facts(200, '{"status":"ok","workers":4}'))).toMatch(/no field checks\.db\.up/);
    expect(checkResponse(e, facts(200, '<html>'))).toBe('body is not JSON');
  });

  test('version field and body regex and latency budget', () => {
    const e = expect0({
      'expect-version': '2.0.0',
      'version-field': 'build.version',
      'expect-body': 'ok',
      'max-latency': '100ms'
    });
    expect(checkResponse(e, facts(200, '{"build":{"version":"2.0.0"},"s":"ok"}'))).toBeNull();
    expect(checkResponse(e, facts(200, '{"build":{"version":"1.9.0"},"s":"ok"}'))).toMatch(
      /version "1\.9\.0", expected "2\.0\.0"/
    );
    expect(checkResponse(e, facts(200, '{"build":{"version":"2.0.0"}}'))).toMatch(/body does not match/);
    expect(checkResponse(e, facts(200, '{"build":{"version":"2.0.0"},"s":"ok"}', 250))).toMatch(
      /250ms, over the latency budget of 100ms/
    );
  });
});
