import { ConfigurationError } from '../../errors.js';

/** The host layout, the same on every host (DESIGN.md). */
export class Layout {
  constructor(readonly root: string) {}
  get releases(): string {
    return `${this.root}/releases`;
  }
  get current(): string {
    return `${this.root}/current`;
  }
  get shared(): string {
    return `${this.root}/shared`;
  }
  get meta(): string {
    return `${this.root}/.shipgate`;
  }
  get lock(): string {
    return `${this.meta}/lock`;
  }
  get history(): string {
    return `${this.meta}/history.jsonl`;
  }
  release(id: string): string {
    return `${this.releases}/${id}`;
  }
  /** Uploads go here first and are renamed into place only when complete. */
  partial(id: string): string {
    return `${this.releases}/.partial-${id}`;
  }
}

export const RELEASE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SAFE_PATH = /^\/[A-Za-z0-9._/@+-]*$/;
const SHARED_ENTRY = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

export function validateReleaseId(id: string, input = 'release'): string {
  if (!RELEASE_ID.test(id) || id === '.' || id === '..' || id.startsWith('.partial-')) {
    throw new ConfigurationError(`'${id}' is not a release id: use 1-64 of A-Z a-z 0-9 . _ -`, input);
  }
  return id;
}

export function validateAppName(name: string, input = 'app'): string {
  if (!APP_NAME.test(name))
    throw new ConfigurationError(`'${name}' is not an app name: use A-Z a-z 0-9 . _ - (max 64)`, input);
  return name;
}

/** An absolute path of plain characters; no `..`, no shell metacharacters, not `/`. */
export function validateDeployPath(path: string, input = 'path'): string {
  const trimmed = path.replace(/\/+$/, '');
  if (!SAFE_PATH.test(trimmed) || trimmed === '' || trimmed.split('/').some(s => s === '..' || s === '.')) {
    throw new ConfigurationError(
      `'${path}' must be an absolute path of letters, digits and . _ - / @ + (no '..')`,
      input
    );
  }
  return trimmed;
}

export function validateSharedEntry(entry: string, input = 'shared'): string {
  const trimmed = entry.replace(/\/+$/, '');
  if (!SHARED_ENTRY.test(trimmed) || trimmed.split('/').some(s => s === '..' || s === '.' || s === '')) {
    throw new ConfigurationError(`'${entry}' is not a relative path inside the release (no '..')`, input);
  }
  return trimmed;
}

/** The default id: UTC time to the second, and the short commit when known: 20261122-051402-ab12cd3. */
export function defaultReleaseId(now: Date, commit: string | null): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const short = commit && /^[0-9a-f]{7,40}$/i.test(commit) ? `-${commit.slice(0, 7)}` : '';
  return `${stamp}${short}`;
}
