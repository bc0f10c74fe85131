/**
 * What a release looked like when it passed its gate: every file's size and modification time
 * (cheap: no file is read), and the sha256 of the code files its processes ran. A restore
 * compares: a step of a later release that wrote into it in place shows up here.
 */

/** `path<TAB>size<TAB>mtime` for every file of the release ($1); GNU find, else stat per file. */
export const MANIFEST_SCRIPT =
  "cd -- \"$1\" || exit 1; find . -type f -printf '%P\\t%s\\t%T@\\n' 2>/dev/null || find . -type f -exec stat -c '%n\t%s\t%Y' {} +";

/** Whether the deploy root exists, can be created, or neither (nothing is created here). */
export const checkHostPathsScript =
  'p="$1"; if [ -e "$p" ]; then [ -w "$p" ] && echo present || echo unwritable; exit 0; fi; ' +
  'while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done; [ -w "$p" ] && echo absent || echo unwritable';

export interface ReleaseManifest {
  codeFiles: Array<{ path: string; sha256: string }>;
  files: Array<{ path: string; size: string; mtime: string }>;
}

export function parseManifest(text: string | null): ReleaseManifest | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { codeFiles?: unknown; files?: unknown };
    const codeFiles = Array.isArray(raw.codeFiles)
      ? raw.codeFiles.filter(
          (f): f is { path: string; sha256: string } =>
            !!f && typeof f.path === 'string' && typeof f.sha256 === 'string'
        )
      : [];
    const files =
      typeof raw.files === 'string'
        ? raw.files
            .split('\n')
            .map(line => line.split('\t'))
            .filter(parts => parts.length === 3 && parts[0] !== '')
            .map(([path, size, mtime]) => ({ path: path.replace(/^\.\//, ''), size, mtime }))
        : [];
    return { codeFiles, files };
  } catch {
    return null;
  }
}

/** Files whose size or modification time changed, or that disappeared. */
export function diffManifest(sealed: ReleaseManifest, now: ReleaseManifest): string[] {
  const current = new Map(now.files.map(f => [f.path, f]));
  const changed: string[] = [];
  for (const f of sealed.files) {
    const c = current.get(f.path);
    if (!c) changed.push(`${f.path} (gone)`);
    else if (c.size !== f.size || c.mtime !== f.mtime) changed.push(f.path);
  }
  return changed;
}
