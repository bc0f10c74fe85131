import MarkdownIt from 'markdown-it';
import { describeCap, MAX_TIMER_MS, parseDuration } from '../src/duration.js';
import { ConfigurationError } from '../src/errors.js';
import { codeFence, escapeHtml, table } from '../src/util/html.js';
import { redact, secretVariants, telegramTokenSecrets, urlSecrets } from '../src/util/redact.js';
import { sanitizeLine, sanitizeLines, sanitizeLog, singleLine } from '../src/util/sanitize.js';
import { runnerCommands, runnerLines } from './helpers/runner-log.js';

describe('sanitizeLog: nothing the runner would read as a workflow command', () => {
  const hostile = [
    '::warning::a',
    '  ::error::b',
    '\t::add-mask::c',
    '\u00a0::stop-commands::d',
    'text ##[error]e',
    'x\r::set-output name=f::g',
    'y\r\n::debug::h',
    'z\u2028::notice::i'
  ];

  test.each(hostile)('%j', text => {
    expect(runnerCommands(sanitizeLog(text))).toEqual([]);
    expect(runnerCommands(sanitizeLine(text))).toEqual([]);
    expect(runnerCommands(sanitizeLines(text))).toEqual([]);
    expect(runnerLines(sanitizeLine(text))).toHaveLength(1);
  });

  test('the runner parser finds each of them unsanitised (control)', () => {
    expect(hostile.map(h => runnerCommands(h).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
  });

  test('control characters are shown as escapes; plain text is left alone', () => {
    expect(sanitizeLine('a\rb\nc\x1b[31md\x00e\x7f')).toBe('a\\rb\\nc\\x1b[31md\\x00e\\x7f');
    expect(sanitizeLine('gate: http://127.0.0.1:3000/health every 2s\tok')).toBe(
      'gate: http://127.0.0.1:3000/health every 2s\tok'
    );
  });

  test("foreign lines keep their lines, indented so that none passes for shipgate's own", () => {
    expect(sanitizeLog('failed: x\n::warning::y\r\nz\n')).toBe('failed: x\n  | \\::warning::y\n  | z');
  });

  test('an input that names one thing refuses control characters (exit 2)', () => {
    expect(singleLine('dist/app', 'source')).toBe('dist/app');
    expect(() => singleLine('a\nb', 'source')).toThrow(ConfigurationError);
    expect(() => singleLine('a\rb', 'version-field')).toThrow(/Invalid input 'version-field'/);
  });
});

describe('redact: a secret and the forms a peer echoes', () => {
  const secret = 'xoxSecretToken1234567890';

  test.each([
    ['plain', (s: string) => `echo ${s} echo`],
    ['URL-encoded', (s: string) => encodeURIComponent(`/services/${s}?a=1`)],
    ['HTML-escaped', (s: string) => `<pre>Cannot POST /x/${s}&amp;</pre>`],
    ['JSON with \\/', (s: string) => JSON.stringify({ path: `/x/${s}` }).replace(/\//g, '\\/')]
  ])('%s', (_kind, wrap) => {
    expect(redact(wrap(secret), [secret])).not.toContain(secret);
    expect(redact(wrap(secret), [secret])).toContain('***');
  });

  test.each([0, 1, 2, 3, 4, 5])('base64 at offset %d inside longer data cannot be decoded back', offset => {
    const data = Buffer.from(`${'p'.repeat(offset)}${secret}!tail`).toString('base64');
    const out = redact(`request: ${data}`, [secret]);
    const digits = /request: (\S+)/.exec(out)![1];
    for (const part of digits.split('***')) {
      for (let a = 0; a < 4; a++)
        expect(Buffer.from(part.slice(a), 'base64').toString('latin1')).not.toContain(secret.slice(0, 12));
    }
  });

  test('short derived forms are not redacted on their own; the secret itself always is', () => {
    expect(secretVariants('abcd')).toEqual(['abcd']);
    expect(redact('xx abcd yy', ['abcd'])).toBe('xx *** yy');
  });

  test("a webhook URL's secret parts: the token segments and query values, not its words", () => {
    const parts = urlSecrets('https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/xoxSecretToken1234567890');
    expect(parts).toEqual(
      expect.arrayContaining([
        '/services/T0AB12CD3/B0EF45GH6/xoxSecretToken1234567890',
        'T0AB12CD3',
        'B0EF45GH6',
        'xoxSecretToken1234567890'
      ])
    );
    expect(parts).not.toContain('services');
    expect(urlSecrets('https://example.com/hook?token=abcdefgh123&x=1')).toContain('abcdefgh123');
    expect(telegramTokenSecrets('123:AAEsecretTelegramHalf_0123456789x')).toEqual([
      '123:AAEsecretTelegramHalf_0123456789x',
      'AAEsecretTelegramHalf_0123456789x'
    ]);
  });
});

describe('summaries: no blank line inside an HTML block, evidence in a fence no line can close', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  const links = (html: string) => html.match(/<img\b|<a\b/g) ?? [];
  const planted =
    'x\n\n![pwn](http://127.0.0.1:9/p.png)\r\r[l](http://127.0.0.1:9/)\n \nhttp://127.0.0.1:9/a';

  test('a table cell', () => {
    expect(links(md.render(table(['a'], [[planted]])))).toEqual([]);
    // the same text outside the escaping renders: the renderer is not blind (control)
    expect(links(md.render(`<table><tr><td>${planted}</td></tr></table>`)).length).toBeGreaterThan(0);
  });

  test('escapeHtml leaves no line break', () => {
    expect(escapeHtml('a\r\nb\rc\nd<e>')).toBe('a<br>b<br>c<br>d&lt;e&gt;');
  });

  test('a fence longer than any backtick run', () => {
    const text = ['```', '````````', planted, '~~~'].join('\n');
    const fenced = codeFence(text);
    expect(fenced.startsWith('`````````text\n')).toBe(true);
    const html = md.render(`<details><summary>log</summary>\n\n${fenced}\n\n</details>\n`);
    expect(links(html)).toEqual([]);
    expect(html).toContain('![pwn](http://127.0.0.1:9/p.png)');
  });
});

describe('durations: capped below the longest timer', () => {
  test('2^31-1 ms is the default cap; above it, exit 2', () => {
    expect(parseDuration(`${MAX_TIMER_MS}ms`, 'x')).toBe(MAX_TIMER_MS);
    expect(() => parseDuration(`${MAX_TIMER_MS + 1}ms`, 'x')).toThrow(/too long: at most 2147483647ms/);
    expect(() => parseDuration('600h', 'lock-expiry')).toThrow(ConfigurationError);
    expect(() => parseDuration('99999999999999999999999h', 'x')).toThrow(ConfigurationError);
  });

  test('a cap of its own, written as a person writes it', () => {
    expect(parseDuration('1h', 'interval', 3_600_000)).toBe(3_600_000);
    expect(() => parseDuration('61m', 'interval', 3_600_000)).toThrow(
      "Invalid input 'interval': '61m' is too long: at most 1h"
    );
    expect(describeCap(600_000)).toBe('10m');
  });
});
