import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * @actions/cache 6.x reports what happened only in its log: restoreCache returns undefined for a
 * miss and for a failure alike, and saveCache returns -1 for a conflict, a failure and a write
 * denied by a read-only token (it catches CacheWriteDeniedError itself and prints a warning). So
 * the lines it writes while it works for one preset are read here, attributed to that preset
 * through AsyncLocalStorage (presets restore in parallel), and a few are rewritten:
 * - a write denied by a read-only token becomes a plain line (honoured quietly, not a warning);
 * - `::error::` for a failed cache call becomes `::warning::` (a cache never fails a build).
 * Everything else passes through unchanged.
 */
export class LibraryLog {
  archiveBytes: number | null = null;
  /** The library printed a warning or an error while restoring / saving. */
  restoreFailed = false;
  saveFailed = false;
  writeDenied = false;
  alreadyExists = false;
  readonly lines: string[] = [];

  constructor(
    private readonly preset: string,
    private readonly phase: 'restore' | 'save'
  ) {}

  /** Returns the text to write instead of `text`. */
  observe(text: string): string {
    const out: string[] = [];
    for (const line of text.split(/(?<=\n)/)) out.push(this.observeLine(line));
    return out.join('');
  }

  private observeLine(line: string): string {
    const bare = line.replace(/\r?\n$/, '');
    if (bare === '') return line;
    this.lines.push(bare);
    const eol = line.slice(bare.length);
    const size = /Cache Size: ~\d+ MB \((\d+) B\)/.exec(bare) ?? /^::debug::File Size: (\d+)$/.exec(bare);
    if (size) this.archiveBytes = Number(size[1]);
    if (/cache write denied:/i.test(bare)) {
      this.writeDenied = true;
      if (bare.startsWith('::debug::')) return line;
      return `::debug::${bare.replace(/^::\w+::/, '')}${eol}shipgate cache (${this.preset}): the token is read-only, nothing is saved${eol}`;
    }
    if (
      /Failed to save: Unable to reserve cache with key .*another job may be creating this cache/.test(bare)
    ) {
      this.alreadyExists = true;
      return line;
    }
    if (/^::(warning|error)::/.test(bare)) {
      if (this.phase === 'restore') this.restoreFailed = true;
      else this.saveFailed = true;
    }
    if (bare.startsWith('::error::')) return `::warning::${bare.slice('::error::'.length)}${eol}`;
    return line;
  }
}

const storage = new AsyncLocalStorage<LibraryLog>();
let tapped = false;
let target: 'stdout' | 'stderr' = 'stdout';

/**
 * In the CLI the library's lines are progress and go to stderr, so that `--json` leaves exactly
 * one JSON object on stdout; in Actions they stay on stdout, where the runner reads commands.
 */
export function sendLibraryLogTo(stream: 'stdout' | 'stderr'): void {
  target = stream;
}

function tapStdout(): void {
  if (tapped) return;
  tapped = true;
  const original = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    const log = storage.getStore();
    if (log && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const text = log.observe(chunk.toString());
      return target === 'stderr' ? process.stderr.write(text) : original(text, ...rest);
    }
    return original(chunk, ...rest);
  }) as typeof process.stdout.write;
}

/** Runs one library call with its log lines attributed to `log`. */
export function withLibraryLog<T>(log: LibraryLog, fn: () => Promise<T>): Promise<T> {
  tapStdout();
  return storage.run(log, fn);
}
