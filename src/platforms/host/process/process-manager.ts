import { SignalSource } from '../../../gate/signals.js';
import { ActivationReason, FailureEvidence } from '../../../release/ports.js';
import { Host } from '../transport/host.js';

export interface ProcessActivation {
  host: Host;
  /** `<path>/current`: the symlink, already switched to the release. */
  currentLink: string;
  /** `<path>/releases/<id>`: the release that must now serve. */
  releaseDir: string;
  releaseId: string;
  reason: ActivationReason;
  log: (line: string) => void;
  /** The sha256 a file of the release had when it passed its gate, for a restore; null when unknown. */
  sealedHash: (relativePath: string) => string | null;
  /** Blue/green: the app name and port of the slot. */
  slot?: { app: string; port: number; portVariable: string };
}

/** What a process manager proved about the code that serves. */
export interface ServingProof {
  /** Files of the release the processes run, with their sha256 on the host. */
  codeFiles: Array<{ path: string; sha256: string }>;
  processes: number;
}

/** How the app is (re)started after `current` moved, and what the gate can watch besides HTTP. */
export interface ProcessManager {
  readonly name: string;
  /**
   * Whether it proves by itself which code serves (pm2: from the processes). When it cannot,
   * the gate must (expect-release or expect-version), or the deploy is refused before anything.
   */
  readonly provesCode: boolean;
  /** Checks before anything changes on the host (exit 3 when missing). Returns whether /proc is there. */
  preflight(host: Host): Promise<{ proc: boolean }>;
  /** Checks the uploaded release before it is switched to (a broken config: exit 2, nothing switched). */
  prepare?(host: Host, releaseDir: string): Promise<unknown>;
  /** Starts or reloads the app so that every process runs the release's code, and proves it. */
  activate(context: ProcessActivation): Promise<ServingProof>;
  /** Counters the gate watches: any rise fails it. */
  signals(host: Host, app?: string): SignalSource[];
  evidence(host: Host, app?: string): Promise<FailureEvidence>;
  /** Blue/green: stops a slot's processes. */
  stop?(host: Host, app: string): Promise<void>;
  /** Blue/green: whether a slot's app has a process online (a warm slot). */
  online?(host: Host, app: string): Promise<boolean>;
  /** The app's name once known (given, remembered, or read from the release's config). */
  readonly appName?: string | null;
}
