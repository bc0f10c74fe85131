/**
 * The proof of which code serves, read on the host from /proc: for every process of the app
 * and every process under it (an interpreter, npm, tsx, a shell wrapper start children that
 * run the code), when it started, where it runs, and which paths it was given. A process that
 * started before the switch, or names a file of another release, is not running this release.
 * The bytes of the files it runs are compared with the release's own (see pm2.ts).
 */
import { posix } from 'node:path';

/** Prints the facts of the given pids and all their descendants; one round trip, no node needed. */
export const PROOF_SCRIPT = `
[ -r /proc/self/stat ] || { echo "noproc"; exit 0; }
table=$(awk '{ p = FILENAME; sub(/^\\/proc\\//, "", p); sub(/\\/stat$/, "", p); l = $0; sub(/^.*\\) /, "", l); split(l, a, " "); print p, a[2], a[20] }' /proc/[0-9]*/stat 2>/dev/null)
printf 'now\\t%s\\n' "$(awk '{ l = $0; sub(/^.*\\) /, "", l); split(l, a, " "); print a[20] }' /proc/self/stat)"
printf '%s\\n' "$table" | awk -v roots="$*" '
  BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
  NF == 3 { parent[$1] = $2; start[$1] = $3; order[++count] = $1 }
  END {
    changed = 1
    while (changed) { changed = 0; for (i = 1; i <= count; i++) { p = order[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } }
    for (p in keep) if (p in start) print p, parent[p], start[p]
  }' | while read -r pid ppid start; do
  [ -n "$pid" ] || continue
  printf 'proc\\t%s\\t%s\\t%s\\n' "$pid" "$ppid" "$start"
  printf 'cwd\\t%s\\t%s\\n' "$pid" "$(readlink "/proc/$pid/cwd" 2>/dev/null)"
  tr '\\000' '\\n' < "/proc/$pid/cmdline" 2>/dev/null | while IFS= read -r arg; do printf 'arg\\t%s\\t%s\\n' "$pid" "$arg"; done
  tr '\\000' '\\n' < "/proc/$pid/environ" 2>/dev/null | grep -E '^(pm_exec_path|SHIPGATE_RELEASE)=' | while IFS= read -r kv; do printf 'env\\t%s\\t%s\\n' "$pid" "$kv"; done
done
`;

/** The host's clock in ticks since boot, as /proc/<pid>/stat counts process starts. */
export const TICK_SCRIPT = `[ -r /proc/self/stat ] || { echo noproc; exit 0; }; awk '{ l = $0; sub(/^.*\\) /, "", l); split(l, a, " "); print a[20] }' /proc/self/stat`;

export interface ProcessFacts {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot. */
  start: number;
  cwd: string | null;
  args: string[];
  env: Record<string, string>;
}

export interface ProofFacts {
  /** /proc is not there: nothing can be proven from the processes. */
  noProc: boolean;
  now: number | null;
  processes: ProcessFacts[];
}

export function parseProofFacts(stdout: string): ProofFacts {
  if (stdout.trim() === 'noproc') return { noProc: true, now: null, processes: [] };
  const byPid = new Map<number, ProcessFacts>();
  let now: number | null = null;
  for (const line of stdout.split('\n')) {
    const [kind, a, b, c] = line.split('\t');
    if (kind === 'now') now = Number(a) || null;
    const pid = Number(a);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const p = byPid.get(pid);
    if (kind === 'proc')
      byPid.set(pid, { pid, ppid: Number(b), start: Number(c), cwd: null, args: [], env: {} });
    else if (!p) continue;
    else if (kind === 'cwd') p.cwd = b || null;
    else if (kind === 'arg') p.args.push(line.slice(kind.length + a.length + 2));
    else if (kind === 'env') {
      const kv = line.slice(kind.length + a.length + 2);
      const eq = kv.indexOf('=');
      if (eq > 0) p.env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  }
  return { noProc: false, now, processes: [...byPid.values()] };
}

export interface ProofExpectation {
  releaseId: string;
  /** `<path>/releases/<id>` resolved on the host. */
  releaseReal: string;
  /** `<path>/releases` as given and resolved. */
  releasesDirs: string[];
  /** `<path>/current`. */
  currentLink: string;
  /** Processes must have started at or after this tick (the switch). */
  sinceTick: number;
  /** The app's cwd lies inside the release (false when the user's config puts it elsewhere). */
  cwdInRelease: boolean;
}

export interface ProofVerdict {
  problems: string[];
  /** Files inside the release the processes run, relative to it: their bytes are checked next. */
  codeFiles: string[];
}

const CODE_FILE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx|sh|py|rb|php)$/;
const PM2_CONTAINER = /\/pm2\/lib\/ProcessContainer(?:Fork)?(?:Bun)?\.js$/;
const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

/**
 * Judges the facts of the app's processes (roots: the process manager's pids) and their
 * descendants. Pure: the tests feed it the shapes the matrix covers.
 */
export function judgeServing(facts: ProofFacts, roots: number[], expect: ProofExpectation): ProofVerdict {
  const problems: string[] = [];
  const codeFiles = new Set<string>();
  const current = expect.currentLink.replace(/\/+$/, '');
  const toReal = (path: string): string =>
    inside(path, current) ? expect.releaseReal + path.slice(current.length) : path;
  const otherRelease = (path: string): string | null => {
    for (const dir of expect.releasesDirs) {
      if (
        inside(path, dir) &&
        !inside(path, expect.releaseReal) &&
        !inside(path, posix.join(dir, expect.releaseId))
      )
        return path.slice(dir.length + 1).split('/')[0] || null;
    }
    return null;
  };
  const byPid = new Map(facts.processes.map(p => [p.pid, p]));
  for (const root of roots) {
    if (!byPid.has(root)) problems.push(`pid ${root} is gone: it could not be read (restarting?)`);
  }
  for (const p of facts.processes) {
    const isRoot = roots.includes(p.pid);
    if (p.start < expect.sinceTick) {
      problems.push(`pid ${p.pid} started before the switch: it still runs the code it loaded then`);
      continue;
    }
    if (p.cwd === null) {
      problems.push(`pid ${p.pid}: its working directory could not be read`);
      continue;
    }
    if (isRoot && expect.cwdInRelease && !inside(p.cwd, expect.releaseReal)) {
      const other = otherRelease(p.cwd);
      problems.push(
        `pid ${p.pid} runs in ${p.cwd}${other ? ` (release ${other})` : ''}, not in ${expect.releaseReal}`
      );
    }
    if (isRoot && p.env.SHIPGATE_RELEASE !== undefined && p.env.SHIPGATE_RELEASE !== expect.releaseId) {
      problems.push(
        `pid ${p.pid} was started for release ${p.env.SHIPGATE_RELEASE}, not ${expect.releaseId}`
      );
    }
    const paths = [...p.args.slice(1), ...(p.env.pm_exec_path ? [p.env.pm_exec_path] : [])];
    for (const arg of paths) {
      // options carry paths too: --require=./x.js, --import ./y.mjs
      let value = arg.startsWith('-') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
      // --import file:///...: a URL of a file is that file; other schemes (node:, data:) name no file
      if (value.startsWith('file://')) value = decodeURIComponent(value.slice('file://'.length));
      else if (/^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
      // a shell line (`sh -c "node dist/server.js"`) is not a path: its child is judged instead
      if (value.startsWith('-') || /\s/.test(value) || !(value.includes('/') || CODE_FILE.test(value)))
        continue;
      // PM2's own wrapper around the app (ProcessContainerFork.js): PM2's code, not the app's
      if (PM2_CONTAINER.test(value)) continue;
      const absolute = toReal(posix.normalize(posix.isAbsolute(value) ? value : posix.join(p.cwd, value)));
      const other = otherRelease(absolute);
      if (other) {
        problems.push(`pid ${p.pid} runs ${absolute}, a file of release ${other}`);
        continue;
      }
      if (inside(absolute, expect.releaseReal) && CODE_FILE.test(absolute) && absolute !== expect.releaseReal)
        codeFiles.add(absolute.slice(expect.releaseReal.length + 1));
    }
  }
  return { problems, codeFiles: [...codeFiles].sort() };
}
