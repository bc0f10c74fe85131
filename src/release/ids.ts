import { ConfigurationError } from '../errors.js';

/** Release ids: safe as a directory name, a tag value and a command-line word on every platform. */
const RELEASE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function validateReleaseId(id: string, input = 'release'): string {
  if (!RELEASE_ID.test(id)) {
    throw new ConfigurationError(
      `'${id}' is not a release id: use 1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
      input
    );
  }
  return id;
}

/** The default id: UTC time to the second, and the short commit when known: 20261122-051402-ab12cd3. */
export function defaultReleaseId(now: Date, commit: string | null): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const short = commit && /^[0-9a-f]{7,40}$/i.test(commit) ? `-${commit.slice(0, 7)}` : '';
  return `${stamp}${short}`;
}
