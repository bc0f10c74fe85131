/**
 * Secret values leave no trace in what validate prints: not verbatim, not in the encodings a
 * program commonly prints them in (base64, base64url, URL-encoding, hex), and not as a prefix long
 * enough to matter (a log line that cuts a token after 12 characters still leaks 12 of them).
 */

/** Shorter values are not treated as secrets (ports, flags, `true`): masking them would garble every line. */
export const MIN_SECRET_LENGTH = 6;
/** A prefix this long of a secret (or of an encoded form) is redacted wherever it appears. */
export const MIN_PREFIX_LENGTH = 8;
const NOT_SECRET = /^(true|false|yes|no|on|off|null|none|undefined|production|development|staging|test)$/i;

export function isMaskable(value: string): boolean {
  const v = value.trim();
  return v.length >= MIN_SECRET_LENGTH && !NOT_SECRET.test(v) && !/^\d{1,6}$/.test(v);
}

const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/**
 * The forms a value takes when a program prints it encoded. For base64 the value may sit at any
 * offset of a longer encoded text (`user:password`), so the three alignments are derived and only
 * their stable middle is kept (the characters that do not depend on the neighbours).
 */
export function encodedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  for (let offset = 0; offset < 3; offset++) {
    const padded = base64('\0'.repeat(offset) + value);
    // characters that encode the padding bytes (and their neighbour) depend on the context
    const start = offset === 0 ? 0 : Math.ceil((offset * 4) / 3) + 1;
    const tailBytes = (offset + value.length) % 3;
    const end = padded.replace(/=+$/, '').length - (tailBytes === 0 ? 0 : tailBytes + 1);
    const core = padded.slice(start, end);
    if (core.length >= MIN_PREFIX_LENGTH) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  const full = base64(value);
  forms.add(full);
  forms.add(full.replace(/=+$/, ''));
  forms.add(full.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  forms.add(encodeURIComponent(value));
  forms.add(encodeURIComponent(value).toLowerCase());
  const hex = Buffer.from(value, 'utf8').toString('hex');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  forms.add(JSON.stringify(value).slice(1, -1));
  return [...forms].filter(f => f.length >= MIN_SECRET_LENGTH);
}

export type Redactor = (text: string) => string;

/** A function that replaces every secret (and its encoded forms and long prefixes) by ***. */
export function makeRedactor(secrets: Iterable<string>): Redactor {
  const forms = [...new Set([...secrets].filter(isMaskable).flatMap(v => encodedForms(v.trim())))].sort(
    (a, b) => b.length - a.length
  );
  if (forms.length === 0) return text => text;
  // index by the first MIN_PREFIX_LENGTH characters: a match extends as far as the form goes
  const byPrefix = new Map<string, string[]>();
  for (const form of forms) {
    const key = form.slice(0, Math.min(MIN_PREFIX_LENGTH, form.length));
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), form]);
  }
  const keys = [...byPrefix.keys()].sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      let matched = 0;
      for (const key of keys) {
        if (!text.startsWith(key, i)) continue;
        for (const form of byPrefix.get(key) ?? []) {
          let n = key.length;
          while (n < form.length && text[i + n] === form[n]) n++;
          // the whole form, or a prefix of it at least MIN_PREFIX_LENGTH long
          if ((n === form.length || n >= MIN_PREFIX_LENGTH) && n > matched) matched = n;
        }
        if (matched > 0) break;
      }
      if (matched > 0) {
        out += '***';
        i += matched;
      } else out += text[i++];
    }
    return out;
  };
}
