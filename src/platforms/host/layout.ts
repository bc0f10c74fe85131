import { ConfigurationError } from '../../errors.js';

/** The host layout, the same on every host (docs/deploy.md). */
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
  /** What a target remembers between commands (process manager, shared entries, strategy). */
  get settings(): string {
    return `${this.meta}/settings.json`;
  }
  /** The files of a release when it passed its gate: a restore checks it still has them. */
  manifest(id: string): string {
    return `${this.meta}/manifests/${id}.json`;
  }
  /** Blue/green: which release each slot runs. */
  get slots(): string {
    return `${this.meta}/slots.json`;
  }
  /** Blue/green: the link a slot's processes run through, as `current` for in-place. */
  slotLink(slot: string): string {
    return `${this.meta}/slots/${slot}`;
  }
  release(id: string): string {
    return `${this.releases}/${id}`;
  }
  /** Uploads go here first and are renamed into place only when complete. */
  partial(id: string): string {
    return `${this.releases}/.partial-${id}`;
  }
}

const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SAFE_PATH = /^\/[A-Za-z0-9._/@+-]*$/;
const SHARED_ENTRY = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

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
