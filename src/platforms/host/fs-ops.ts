/**
 * The file operations the host platform needs, built from plain POSIX commands with every
 * path passed as an argument (never pasted into a script), so they run the same on this
 * machine and over SSH.
 */
import { Host, run } from './transport/host.js';

export const fsOps = {
  mkdirp: (host: Host, ...paths: string[]) => run(host, ['mkdir', '-p', '--', ...paths]),
  remove: (host: Host, ...paths: string[]) =>
    paths.length ? run(host, ['rm', '-rf', '--', ...paths]) : Promise.resolve(''),
  /** Atomic: a temporary symlink renamed over the target (`mv -T`), never rm then ln. */
  async switchSymlink(host: Host, target: string, link: string): Promise<void> {
    await run(host, [
      'sh',
      '-c',
      'tmp="$2.tmp-$$" && ln -sfn -- "$1" "$tmp" && mv -Tf -- "$tmp" "$2"',
      'sh',
      target,
      link
    ]);
  },
  async readlink(host: Host, link: string): Promise<string | null> {
    const result = await host.exec(['readlink', '--', link]);
    return result.code === 0 ? result.stdout.trim() : null;
  },
  async exists(host: Host, path: string): Promise<boolean> {
    return (await host.exec(['test', '-e', path])).code === 0;
  },
  async realpath(host: Host, path: string): Promise<string | null> {
    const result = await host.exec(['readlink', '-f', '--', path]);
    return result.code === 0 ? result.stdout.trim() : null;
  },
  /** Free space in KiB where `path` (or its nearest existing parent) lives; null when unknown. */
  async freeKiB(host: Host, path: string): Promise<number | null> {
    const result = await host.exec([
      'sh',
      '-c',
      'p="$1"; while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done; df -Pk -- "$p" | tail -n 1',
      'sh',
      path
    ]);
    const available = Number(result.stdout.trim().split(/\s+/)[3]);
    return result.code === 0 && Number.isFinite(available) ? available : null;
  },
  /** mkdir without -p: fails when it exists, so it is an atomic test-and-set (the lock). */
  async tryMkdir(host: Host, path: string): Promise<boolean> {
    return (await host.exec(['mkdir', '--', path])).code === 0;
  },
  /** Appends one line; returns the file's size after it. */
  async append(host: Host, path: string, line: string): Promise<number> {
    // Appends of one short line with O_APPEND are atomic; done through the shell's >> with the
    // path passed as an argument, never pasted into the script.
    const out = await run(host, [
      'sh',
      '-c',
      'printf "%s\\n" "$1" >> "$2" && wc -c < "$2"',
      'sh',
      line,
      path
    ]);
    return Number(out.trim()) || 0;
  },
  /** The last `bytes` of a file (a history that grew without bound is never read whole), or null. */
  async tail(host: Host, path: string, bytes: number): Promise<{ text: string; size: number } | null> {
    const result = await host.exec([
      'sh',
      '-c',
      '[ -f "$1" ] || exit 44; wc -c < "$1"; tail -c "$2" -- "$1"',
      'sh',
      path,
      String(bytes)
    ]);
    if (result.code === 44) return null;
    if (result.code !== 0) throw new Error(`cannot read ${path}: ${result.stderr.trim()}`);
    const newline = result.stdout.indexOf('\n');
    return {
      size: Number(result.stdout.slice(0, newline).trim()) || 0,
      text: result.stdout.slice(newline + 1)
    };
  }
};

/**
 * The releases folder in one round trip: the `current` link, and every release directory with
 * its modification time. Leftovers of interrupted uploads (`.partial-*`) are listed apart.
 */
export async function listReleases(
  host: Host,
  releasesDir: string,
  currentLink: string
): Promise<{ current: string | null; releases: Array<{ id: string; madeAt: string }>; partial: string[] }> {
  const result = await host.exec([
    'sh',
    '-c',
    'printf "current\\t%s\\n" "$(readlink -- "$2" 2>/dev/null)"; ' +
      '[ -d "$1" ] || exit 0; cd -- "$1" || exit 0; ' +
      'for d in * .partial-*; do [ -d "$d" ] && [ ! -L "$d" ] || continue; ' +
      'printf "dir\\t%s\\t%s\\n" "$(date -u -r "$d" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null)" "$d"; done',
    'sh',
    releasesDir,
    currentLink
  ]);
  let current: string | null = null;
  const releases: Array<{ id: string; madeAt: string }> = [];
  const partial: string[] = [];
  for (const line of result.stdout.split('\n')) {
    const [kind, a, b] = line.split('\t');
    if (kind === 'current') current = a ? (a.replace(/\/+$/, '').split('/').pop() ?? null) || null : null;
    else if (kind === 'dir' && b) {
      if (b.startsWith('.partial-')) partial.push(b);
      else if (!b.startsWith('.')) releases.push({ id: b, madeAt: a ? new Date(a).toISOString() : '' });
    }
  }
  return { current, releases, partial };
}
