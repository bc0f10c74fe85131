/**
 * Redaction of secrets from text that shipgate did not write itself: a receiver's answer, an API
 * error, a command's output. A peer rarely echoes a secret as it was given: an Express 404 page
 * says `Cannot POST /services/T.../B.../<token>` (the path alone, HTML-escaped), an API puts it
 * URL-encoded into an error or base64 into a JSON field. So each secret is removed in its plain
 * form and in those encodings, and a webhook URL counts as several secrets: itself, its path and
 * query, and each path segment or query value that looks like a credential.
 */

const MASK = '***';
/** Encoded forms shorter than this are not redacted on their own (too many false hits). */
const MIN_DERIVED = 8;

/**
 * base64 and base64url of `secret` as they appear inside longer encoded text: base64 packs 3
 * bytes into 4 digits, so the secret's digits depend on where it starts modulo 3. For each of
 * the three starts, the digits of the complete 3-byte groups that hold only the secret's bytes.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const unpadded = bytes.toString('base64').replace(/=+$/, '');
  // the padded form too ("...==" at the end of a field), when the form itself is long enough to count
  const forms = unpadded.length >= MIN_DERIVED ? [bytes.toString('base64'), unpadded] : [unpadded];
  for (let offset = 0; offset < 3; offset++) {
    const part = bytes.subarray(offset);
    const whole = part.subarray(0, part.length - (part.length % 3));
    if (whole.length > 0) forms.push(whole.toString('base64'));
  }
  return forms.flatMap(f => [f, f.replace(/\+/g, '-').replace(/\//g, '_')]);
}

/** The forms in which a peer may echo `secret`: plain, URL-, JSON- and HTML-escaped, base64, hex. */
export function secretVariants(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const encoded = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const derived = [
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, h => h.toLowerCase()),
    encodeURI(secret),
    json,
    json.replace(/\//g, '\\/'),
    html,
    html.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    ...base64Forms(secret),
    // a short secret's hex is long enough to hit unrelated text: only from secrets that are long themselves
    ...(secret.length >= MIN_DERIVED ? [hex, hex.toUpperCase()] : [])
  ];
  return [...new Set([secret, ...derived.filter(v => v.length >= MIN_DERIVED)])];
}

export type Redactor = (text: string) => string;

/**
 * A redactor that also removes a PREFIX of any form, at least `minPrefix` characters long: a log
 * line that cut a token after 12 characters still leaks 12 of them. One pass over the text; the
 * forms are indexed by their first characters.
 */
export function makeRedactor(secrets: Iterable<string>, minPrefix = MIN_DERIVED): Redactor {
  const forms = [...new Set([...secrets].filter(s => s.length > 0).flatMap(secretVariants))].sort(
    (a, b) => b.length - a.length
  );
  if (forms.length === 0) return text => text;
  const byPrefix = new Map<string, string[]>();
  for (const form of forms) {
    const key = form.slice(0, Math.min(minPrefix, form.length));
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
          // the whole form, or a prefix of it at least minPrefix long
          if ((n === form.length || n >= minPrefix) && n > matched) matched = n;
        }
        if (matched > 0) break;
      }
      if (matched > 0) {
        out += MASK;
        i += matched;
      } else out += text[i++];
    }
    return out;
  };
}

/** Replaces every secret, in every form of secretVariants, by ***; the longest forms first. */
export function redact(text: string, secrets: Iterable<string>): string {
  const forms = [...new Set([...secrets].filter(s => s.length > 0).flatMap(secretVariants))].sort(
    (a, b) => b.length - a.length
  );
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
  return out;
}

/**
 * A path segment or query value that may be a credential: long enough, and not a plain word
 * (`services`, `webhooks`, `triggers`), which would only blank out unrelated text when masked.
 */
export function looksSecret(value: string): boolean {
  return value.length >= 8 && (/[0-9A-Z_]/.test(value) || value.length >= 16);
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The secrets of a webhook URL (Slack's /services/T.../B.../<token>, any JSON webhook): the URL
 * itself, its path with and without the query, the user and password, and every path segment and
 * query value that looks like a credential, both as written and decoded.
 */
export function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const parts = [url, parsed.href, `${parsed.pathname}${parsed.search}`, parsed.search.slice(1)];
  if (parsed.pathname !== '/') parts.push(parsed.pathname);
  if (parsed.username) parts.push(parsed.username, decoded(parsed.username));
  if (parsed.password) parts.push(parsed.password, decoded(parsed.password));
  for (const segment of parsed.pathname.split('/')) parts.push(segment, decoded(segment));
  for (const pair of parsed.search.slice(1).split('&')) {
    const value = pair.slice(pair.indexOf('=') + 1);
    parts.push(value, decoded(value));
  }
  const keep = (p: string, i: number) => (i < 2 ? p.length > 0 : looksSecret(p));
  return [...new Set(parts.filter(keep))];
}

/** A Telegram bot token (123456:ABC...) and its secret half, after the colon. */
export function telegramTokenSecrets(token: string): string[] {
  const secretHalf = token.slice(token.indexOf(':') + 1);
  return [...new Set([token, ...(looksSecret(secretHalf) ? [secretHalf] : [])])];
}
