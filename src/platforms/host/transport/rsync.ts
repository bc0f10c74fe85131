import { UploadOptions } from './host.js';

/**
 * rsync arguments for one release upload, local or remote.
 * - `--checksum`: content decides what is unchanged. rsync's default quick check (same size,
 *   same mtime second) links or copies the OLD file into the new release when a changed file
 *   kept its size: the release then runs the old code (measured over SSH: issue 10).
 * - `--files-from`: exactly the files the ignore file lets through; `.git/` never ships.
 * - `--link-dest` or `--copy-dest`: unchanged files come from the reference release on the host
 *   instead of the network; copied when a later step may write in place.
 * - `-lp` (links, permissions), not `-a`: no recursion (the list is complete: a listed folder
 *   would otherwise bring its ignored files along), and modification times are not copied. A hard link shares one inode, so with
 *   times preserved rsync links only files whose times match, which a fresh CI checkout never
 *   has: nothing would ever be shared. Files keep the time they first arrived on the host.
 */
export function rsyncArgs(
  localDir: string,
  destination: string,
  options: UploadOptions,
  extra: string[] = []
): string[] {
  const args = ['-lp', '--checksum', '--stats', '--files-from=-', '--from0', ...extra];
  if (options.reference)
    args.push(`--${options.reuse === 'copy' ? 'copy' : 'link'}-dest=${options.reference}`);
  args.push(`${localDir.replace(/\/+$/, '')}/`, `${destination.replace(/\/+$/, '')}/`);
  return args;
}

export function rsyncSentBytes(stdout: string): number | null {
  const sent = /Total bytes sent:\s*([\d,.]+)/.exec(stdout);
  return sent ? Number(sent[1].replace(/[,.]/g, '')) : null;
}
