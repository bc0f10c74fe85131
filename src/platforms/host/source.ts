/**
 * The local side of a host deploy: what ships from the source folder, checked before anything
 * is uploaded (a missing ecosystem file, a shared entry that would write outside the release).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../../errors.js';
import { gitignoreMatcher, Ignore } from '../../util/ignore.js';

/** gitignore syntax, at the top of the source: what never ships (local databases, tmp/). */
export const IGNORE_FILE = '.shipgateignore';

/** The app's own code, hashed locally and on the host after the upload: the upload's proof. */
const CODE_FILE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx|json|sh|py|rb|php)$/;
const VERIFY_MAX_FILES = 20_000;
const VERIFY_MAX_BYTES = 256 * 1024 * 1024;

export interface SourceScan {
  dir: string;
  /** Relative paths (files, folders, links) that ship, parents before children. */
  entries: string[];
  fileCount: number;
  sizeKiB: number;
  /** sha256 of the app's code files (not node_modules), for the check after the upload. */
  codeHashes: Map<string, string>;
  /** Code files that were not hashed because of the bounds (reported, never silently). */
  unverified: number;
  ignoreFileUsed: boolean;
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', chunk => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export async function scanSource(dir: string): Promise<SourceScan> {
  let rules: Ignore | null = null;
  try {
    rules = gitignoreMatcher(await readFile(join(dir, IGNORE_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const entries: string[] = [];
  const codeFiles: Array<{ rel: string; size: number }> = [];
  let bytes = 0;
  let fileCount = 0;
  const walk = async (relDir: string): Promise<void> => {
    const list = await readdir(join(dir, relDir), { withFileTypes: true });
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of list) {
      if (entry.name === '.git') continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (rules && rules.ignores(entry.isDirectory() ? `${rel}/` : rel)) continue;
      entries.push(rel);
      if (entry.isDirectory()) {
        await walk(rel);
      } else if (entry.isFile()) {
        const size = (await lstat(join(dir, rel))).size;
        bytes += size;
        fileCount++;
        if (CODE_FILE.test(rel) && !rel.split('/').includes('node_modules')) codeFiles.push({ rel, size });
      }
    }
  };
  await walk('');
  const codeHashes = new Map<string, string>();
  let hashedBytes = 0;
  let unverified = 0;
  for (const file of codeFiles) {
    if (codeHashes.size >= VERIFY_MAX_FILES || hashedBytes + file.size > VERIFY_MAX_BYTES) {
      unverified++;
      continue;
    }
    hashedBytes += file.size;
    codeHashes.set(file.rel, await sha256(join(dir, file.rel)));
  }
  return {
    dir,
    entries,
    fileCount,
    sizeKiB: Math.ceil(bytes / 1024),
    codeHashes,
    unverified,
    ignoreFileUsed: rules !== null
  };
}

/**
 * A shared entry is replaced by a link into shared/: every folder on its way must be a real
 * folder of the release, or the deploy would delete or write outside the deploy root
 * (a committed `conf -> /srv/other` with `--shared conf/app.env`). Checked before the upload.
 */
export async function checkSharedInSource(dir: string, shared: string[]): Promise<void> {
  for (const entry of shared) {
    const parts = entry.replace(/\/+$/, '').split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      let stat;
      try {
        stat = await lstat(join(dir, prefix));
      } catch {
        break; // not in the source: created as a folder on the host
      }
      if (stat.isSymbolicLink()) {
        const target = await readlink(join(dir, prefix)).catch(() => '?');
        throw new ConfigurationError(
          `'${entry}' goes through '${prefix}', a symbolic link to ${target} in the source: linking it would change files outside the release. Share the folder the link points to, or remove the link.`,
          'shared'
        );
      }
      if (!stat.isDirectory()) {
        throw new ConfigurationError(
          `'${entry}' goes through '${prefix}', which is a file in the source`,
          'shared'
        );
      }
    }
  }
}

/** The ecosystem file named, or found: checked in the source so a typo fails before a long upload. */
export async function findEcosystemFile(
  dir: string,
  given: string | null,
  candidates: string[],
  willInstall: boolean,
  warn: (message: string) => void
): Promise<string | null> {
  const exists = async (rel: string) =>
    lstat(join(dir, rel)).then(
      s => s.isFile() || s.isSymbolicLink(),
      () => false
    );
  const present: string[] = [];
  for (const c of candidates) if (await exists(c)) present.push(c);
  if (given) {
    if (await exists(given)) return given;
    const hint = present.length ? ` It has ${present.join(', ')}: pass --pm2-config ${present[0]}.` : '';
    if (willInstall) {
      warn(`the source has no ${given}; expecting the install command to create it.${hint}`);
      return given;
    }
    throw new ConfigurationError(`the source ${dir} has no ${given}.${hint}`, 'pm2-config');
  }
  if (present.length) return present[0];
  if (willInstall) return null;
  throw new ConfigurationError(
    `the source ${dir} has no PM2 ecosystem file (looked for ${candidates.join(', ')}); name it with pm2-config`,
    'pm2-config'
  );
}
