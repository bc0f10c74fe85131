/**
 * The host platform: releases are directories under `<path>/releases`, `current` is a symlink
 * switched atomically, a process manager (pm2, or the user's command) runs the app. Local and
 * SSH differ only in the transport.
 */
import { ConfigurationError, messageOf, OperationError } from '../../errors.js';
import {
  Activation,
  ActivationContext,
  FailureEvidence,
  Inventory,
  Log,
  Platform
} from '../../release/ports.js';
import { BlueGreen } from './blue-green/strategy.js';
import { fsOps, listReleases } from './fs-ops.js';
import { Layout } from './layout.js';
import { SHA256_SCRIPT, parseSha256 } from './process/pm2.js';
import { ProcessManager, ServingProof } from './process/process-manager.js';
import {
  checkHostPathsScript,
  MANIFEST_SCRIPT,
  parseManifest,
  ReleaseManifest,
  diffManifest
} from './manifest.js';
import { SourceScan } from './source.js';
import { HostStore } from './store.js';
import { Host, HostCommandError, outputTail, run } from './transport/host.js';
import { plural } from '../../util/text.js';

export interface HostSource {
  scan: SourceScan;
  /** Entries linked from shared/ (a trailing / marks a folder). */
  shared: string[];
  installCommand: string | null;
}

export interface HostPlatformOptions {
  transport: Host;
  layout: Layout;
  processManager: ProcessManager;
  /** This machine's name: a lock of a dead process here is broken. */
  thisHost: string;
  /** The source of a deploy (null for rollback and releases). */
  source: HostSource | null;
  /** The gate names the release or version it expects: a proof of which code serves on its own. */
  responseProof: boolean;
  /** What the target remembers after a pass (read when the deploy is through: the app name is known then). */
  remembered: () => object;
  /** Blue/green behind nginx; null: in place. */
  blueGreen?: BlueGreen | null;
  signal?: AbortSignal;
}

const CHUNK = 20;

export class HostPlatform implements Platform {
  readonly kind = 'host';
  readonly description: string;
  readonly store: HostStore;
  private readonly host: Host;
  private readonly layout: Layout;
  private readonly pm: ProcessManager;
  private rootExisted = true;
  /** Releases this run created (a failure removes these and nothing else). */
  private readonly created = new Set<string>();
  /** What the last activation proved, by release: sealed after a pass. */
  private readonly proofs = new Map<string, ServingProof>();

  constructor(private readonly options: HostPlatformOptions) {
    this.host = options.transport;
    this.layout = options.layout;
    this.pm = options.processManager;
    this.description = `${options.layout.root} on ${options.transport.description}`;
    this.store = new HostStore(options.transport, options.layout, options.thisHost);
  }

  async preflight(log: Log): Promise<void> {
    const root = this.layout.root;
    const [paths, pm] = await Promise.all([
      this.host.exec(['sh', '-c', checkHostPathsScript, 'sh', root]),
      this.pm.preflight(this.host)
    ]);
    const [state] = paths.stdout.trim().split('\n');
    if (state === 'unwritable')
      throw new OperationError(
        `${root} is not writable on ${this.host.description} (nor can it be created). Nothing was changed.`
      );
    this.rootExisted = state !== 'absent';
    if (!this.options.responseProof) {
      if (!this.pm.provesCode)
        throw new ConfigurationError(
          `with process: ${this.pm.name}, shipgate cannot see which code your processes run: the gate must prove it. Set expect-release: true (the app reports SHIPGATE_RELEASE in a 'release' field or an x-release header) or expect-version.`,
          'expect-release'
        );
      if (!pm.proc)
        throw new ConfigurationError(
          `${this.host.description} has no /proc: shipgate cannot read which code the processes run. Set expect-release: true (the app reports SHIPGATE_RELEASE) or expect-version.`,
          'expect-release'
        );
    }
    if (this.options.source) {
      const rsync = await this.host.exec(['sh', '-c', 'command -v rsync']);
      if (rsync.code !== 0)
        throw new OperationError(
          `rsync is not installed on ${this.host.description}: install it (apt-get install rsync). Nothing was changed.`
        );
    }
    log(`target: ${this.description}${this.rootExisted ? '' : ' (first deploy: it will be created)'}`);
    await this.options.blueGreen?.preflight(log);
  }

  async inventory(): Promise<Inventory> {
    const listing = await listReleases(this.host, this.layout.releases, this.layout.current);
    return { current: listing.current, present: listing.releases };
  }

  async stage(releaseId: string, log: Log): Promise<void> {
    const source = this.options.source;
    if (!source) throw new Error('internal: stage without a source');
    const { host, layout } = this;
    const releaseDir = layout.release(releaseId);
    const partial = layout.partial(releaseId);

    const free = await fsOps.freeKiB(host, layout.root);
    if (free !== null && free < source.scan.sizeKiB * 1.1) {
      throw new OperationError(
        `not enough free disk on ${host.description} for the release: ${Math.round(free / 1024)} MiB free in ${layout.root}, ${Math.round((source.scan.sizeKiB * 1.1) / 1024)} MiB needed. Nothing was changed.`
      );
    }
    const listing = await listReleases(host, layout.releases, layout.current);
    await fsOps.mkdirp(host, layout.releases, layout.shared, layout.meta);
    if (listing.partial.length) {
      log(`cleanup: removing unfinished uploads ${listing.partial.join(', ')}`);
      await fsOps.remove(host, ...listing.partial.map(name => `${layout.releases}/${name}`));
    }
    // shared entries must stay inside shared/ and the release: checked before anything is linked
    await this.checkSharedOnHost(source.shared);

    const reference = listing.current ? layout.release(listing.current) : undefined;
    const reuse = source.installCommand ? 'copy' : 'link';
    log(
      `upload: ${source.scan.dir} -> ${host.description}:${releaseDir} (${source.scan.fileCount} files, ${Math.round(source.scan.sizeKiB / 1024)} MiB${reference ? `; unchanged files ${reuse === 'link' ? 'linked' : 'copied'} from ${listing.current}` : ''})`
    );
    this.created.add(partial);
    const started = performance.now();
    const ticker = setInterval(
      () => log(`upload: still running (${Math.round((performance.now() - started) / 1000)} s)`),
      15_000
    );
    let sent: number | null;
    try {
      sent = await host.upload(source.scan.dir, partial, {
        reference,
        reuse,
        files: source.scan.entries,
        signal: this.options.signal
      });
    } finally {
      clearInterval(ticker);
    }
    if (sent !== null) log(`upload: sent ${sent} bytes in ${Math.round(performance.now() - started)}ms`);
    await this.verifyUpload(partial, source.scan, log);
    await run(host, ['mv', '-T', '--', partial, releaseDir]);
    this.created.delete(partial);
    this.created.add(releaseDir);
    await this.linkShared(releaseDir, source.shared, log);
    if (source.installCommand) {
      log(`install: sh -c ${JSON.stringify(source.installCommand)} (in ${releaseDir})`);
      const result = await host.exec(['sh', '-c', source.installCommand], {
        cwd: releaseDir,
        timeoutMs: 30 * 60_000,
        signal: this.options.signal,
        env: { SHIPGATE_RELEASE: releaseId, SHIPGATE_RELEASE_DIR: releaseDir },
        onLine: line => log(`install | ${line}`)
      });
      if (result.code !== 0) {
        throw new OperationError(
          `the install command exited ${result.code}; nothing was switched. Its last output:\n${outputTail(result, 15)}`
        );
      }
    }
    await this.pm.prepare?.(host, releaseDir);
  }

  /** The app's code on the host is the source's, byte for byte: the evidence that the upload delivered this release. */
  private async verifyUpload(dir: string, scan: SourceScan, log: Log): Promise<void> {
    const files = [...scan.codeHashes.keys()];
    if (files.length === 0) return;
    const out = await run(this.host, ['sh', '-c', SHA256_SCRIPT, 'sh', dir], { input: files.join('\0') });
    const onHost = new Map(parseSha256(out).map(f => [f.path, f.sha256]));
    const wrong = files.filter(f => onHost.get(f) !== scan.codeHashes.get(f));
    if (wrong.length) {
      throw new OperationError(
        `the upload did not deliver this release's code: ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? ` and ${wrong.length - 5} more` : ''} differ from the source on ${this.host.description}. Nothing was switched.`
      );
    }
    log(
      `upload: verified ${plural(files.length, 'code file')} byte for byte on the host${scan.unverified ? ` (${scan.unverified} more over the verification bound)` : ''}`
    );
  }

  private async checkSharedOnHost(shared: string[]): Promise<void> {
    if (shared.length === 0) return;
    const result = await this.host.exec([
      'sh',
      '-c',
      // every existing folder on the way to shared/<entry> must resolve inside shared/
      'base=$(readlink -f -- "$1"); shift; for e in "$@"; do p="$base/$e"; d=$(dirname -- "$p"); ' +
        'while [ ! -e "$d" ] && [ "$d" != "$base" ]; do d=$(dirname -- "$d"); done; ' +
        'r=$(readlink -f -- "$d"); case "$r/" in "$base"/*) ;; *) echo "$e $r"; exit 45;; esac; ' +
        '[ -L "$p" ] && { echo "$e $(readlink -- "$p")"; exit 46; }; done; exit 0',
      'sh',
      this.layout.shared,
      ...shared.map(e => e.replace(/\/+$/, ''))
    ]);
    if (result.code === 45 || result.code === 46) {
      const [entry, target] = result.stdout.trim().split(' ');
      throw new ConfigurationError(
        `shared entry '${entry}' leads outside ${this.layout.shared} on the host (to ${target}): a deploy changes nothing outside the deploy root. Fix the link in shared/.`,
        'shared'
      );
    }
    if (result.code !== 0) throw new HostCommandError(['sh', '-c', '(shared check)'], result);
  }

  private async linkShared(releaseDir: string, entries: string[], log: Log): Promise<void> {
    if (entries.length === 0) return;
    // one script for all entries, each path passed as an argument; a folder on the way that
    // resolves outside the release (a symlink uploaded with it) stops everything (exit 47)
    const result = await this.host.exec([
      'sh',
      '-c',
      `set -e
shared=$1; release=$2; shift 2
rel_real=$(readlink -f -- "$release")
for e in "$@"; do
  name=\${e%/}
  parent=$(dirname -- "$release/$name")
  mkdir -p -- "$parent"
  case "$(readlink -f -- "$parent")/" in "$rel_real"/*) ;; *) echo "$e"; exit 47;; esac
  if [ ! -e "$shared/$name" ] && [ ! -L "$shared/$name" ]; then
    if [ -e "$release/$name" ] || [ -L "$release/$name" ]; then
      mkdir -p -- "$(dirname -- "$shared/$name")"; cp -a -- "$release/$name" "$shared/$name"
    elif [ "$name" != "$e" ]; then mkdir -p -- "$shared/$name"
    else echo "$e"; exit 48; fi
  fi
  rm -rf -- "$release/$name"
  ln -s -- "$shared/$name" "$release/$name"
done`,
      'sh',
      this.layout.shared,
      releaseDir,
      ...entries
    ]);
    if (result.code === 47)
      throw new ConfigurationError(
        `shared entry '${result.stdout.trim()}' goes through a symbolic link that leaves the release: a deploy changes nothing outside the deploy root`,
        'shared'
      );
    if (result.code === 48) {
      const name = result.stdout.trim();
      throw new OperationError(
        `shared file '${name}' is neither in ${this.layout.shared} nor in the release: create ${this.layout.shared}/${name} on ${this.host.description} (or write '${name}/' for a folder)`
      );
    }
    if (result.code !== 0) throw new HostCommandError(['sh', '-c', '(link shared)'], result);
    log(`shared: linked ${entries.join(', ')} from ${this.layout.shared}`);
  }

  async discardStaged(releaseId: string): Promise<void> {
    if (!this.rootExisted) {
      // a first deploy that did not get through: the deploy root is taken back as it was
      await fsOps.remove(this.host, this.layout.root);
      this.created.clear();
      return;
    }
    const mine = [...this.created].filter(
      p => p === this.layout.partial(releaseId) || p === this.layout.release(releaseId)
    );
    await fsOps.remove(this.host, ...mine);
    for (const p of mine) this.created.delete(p);
  }

  async checkActivatable(releaseId: string): Promise<void> {
    await this.pm.prepare?.(this.host, this.layout.release(releaseId));
  }

  private async readManifest(releaseId: string): Promise<ReleaseManifest | null> {
    return parseManifest(await this.host.readFile(this.layout.manifest(releaseId)).catch(() => null));
  }

  async activate(releaseId: string, context: ActivationContext): Promise<Activation> {
    const start = performance.now();
    const sealed = context.reason === 'deploy' ? null : await this.readManifest(releaseId);
    if (sealed) await this.warnChangedFiles(releaseId, sealed, context);
    const sealedHash = (path: string) => sealed?.codeFiles.find(f => f.path === path)?.sha256 ?? null;
    if (this.options.blueGreen)
      return this.options.blueGreen.activate(releaseId, context, sealedHash, proof =>
        this.proofs.set(releaseId, proof)
      );
    await fsOps.switchSymlink(this.host, `releases/${releaseId}`, this.layout.current);
    context.log(`switch: current -> releases/${releaseId}`);
    const proof = await this.pm.activate({
      host: this.host,
      currentLink: this.layout.current,
      releaseDir: this.layout.release(releaseId),
      releaseId,
      reason: context.reason,
      log: context.log,
      sealedHash
    });
    this.proofs.set(releaseId, proof);
    const switchMs = Math.round(performance.now() - start);
    if (context.quick) {
      return {
        gate: {
          verdict: 'pass',
          reason: proof.processes ? `serves: ${proof.processes} process(es) proven to run it` : 'restarted',
          elapsedMs: 0,
          detectedAtMs: null,
          probes: []
        },
        switchMs,
        facts: { strategy: 'in-place' }
      };
    }
    const gate = await context.gate({ signals: this.pm.signals(this.host) });
    return { gate, switchMs, facts: { strategy: 'in-place' } };
  }

  /** A restore checks that the release still has the files it had when it passed. */
  private async warnChangedFiles(releaseId: string, sealed: ReleaseManifest, context: ActivationContext) {
    const now = parseManifest(
      JSON.stringify({
        codeFiles: [],
        files: (await this.host.exec(['sh', '-c', MANIFEST_SCRIPT, 'sh', this.layout.release(releaseId)]))
          .stdout
      })
    );
    if (!now || sealed.files.length === 0) return;
    const changed = diffManifest(sealed, now);
    if (changed.length) {
      context.warn(
        `release ${releaseId} changed since it passed its gate: ${changed.slice(0, 8).join(', ')}${changed.length > 8 ? ` and ${changed.length - 8} more` : ''}`
      );
    }
  }

  async evidence(releaseId: string): Promise<FailureEvidence> {
    if (this.options.blueGreen) return this.options.blueGreen.evidence(releaseId);
    return this.pm.evidence(this.host);
  }

  async sealPassed(releaseId: string): Promise<void> {
    const files = await this.host.exec(['sh', '-c', MANIFEST_SCRIPT, 'sh', this.layout.release(releaseId)]);
    const manifest = {
      release: releaseId,
      sealedAt: new Date().toISOString(),
      codeFiles: this.proofs.get(releaseId)?.codeFiles ?? [],
      files: files.code === 0 ? files.stdout : ''
    };
    await this.host.writeFile(this.layout.manifest(releaseId), JSON.stringify(manifest));
  }

  async discard(candidates: string[], log: Log): Promise<void> {
    // a release a slot still runs (warm until the next deploy) stays until its slot stops
    const held = new Set((await this.options.blueGreen?.heldReleases()) ?? []);
    const releaseIds = candidates.filter(id => !held.has(id));
    if (releaseIds.length === 0) return;
    log(`prune: removing ${releaseIds.join(', ')}`);
    for (let i = 0; i < releaseIds.length; i += CHUNK) {
      const ids = releaseIds.slice(i, i + CHUNK);
      await fsOps.remove(
        this.host,
        ...ids.flatMap(id => [this.layout.release(id), this.layout.manifest(id)])
      );
    }
  }

  async remember(): Promise<void> {
    await this.host.writeFile(
      this.layout.settings,
      `${JSON.stringify(this.options.remembered(), null, 2)}\n`
    );
  }

  async close(): Promise<void> {
    await this.host.close().catch(error => {
      throw new OperationError(`closing the connection failed: ${messageOf(error)}`);
    });
  }
}
