/**
 * Secret values leave no trace in what validate prints: not verbatim, not in the encodings a
 * program commonly prints them in (base64, base64url, URL-encoding, hex), and not as a prefix long
 * enough to matter (a log line that cuts a token after 12 characters still leaks 12 of them).
 */

import { makeRedactor as makeSecretRedactor, Redactor, secretVariants } from '../util/redact.js';

export type { Redactor };

/** Shorter values are not treated as secrets (ports, flags, `true`): masking them would garble every line. */
export const MIN_SECRET_LENGTH = 6;
/** A prefix this long of a secret (or of an encoded form) is redacted wherever it appears. */
export const MIN_PREFIX_LENGTH = 8;
const NOT_SECRET = /^(true|false|yes|no|on|off|null|none|undefined|production|development|staging|test)$/i;

export function isMaskable(value: string): boolean {
  const v = value.trim();
  return v.length >= MIN_SECRET_LENGTH && !NOT_SECRET.test(v) && !/^\d{1,6}$/.test(v);
}

/** The forms a value takes when a program prints it encoded (the runner masks each of them). */
export function encodedForms(value: string): string[] {
  return secretVariants(value).filter(f => f.length >= MIN_SECRET_LENGTH);
}

/** Replaces every env value worth masking (and its encoded forms and long prefixes) by ***. */
export function makeRedactor(secrets: Iterable<string>): Redactor {
  return makeSecretRedactor(
    [...secrets].filter(isMaskable).map(v => v.trim()),
    MIN_PREFIX_LENGTH
  );
}
