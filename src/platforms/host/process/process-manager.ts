import { SignalSource } from '../../../gate/signals.js';
import { Host } from '../transport/host.js';

export interface ActivationContext {
  host: Host;
  /** `<path>/current`: the symlink, already switched to the release. */
  currentLink: string;
  /** `<path>/releases/<id>`: the release that must now serve. */
  releaseDir: string;
  releaseId: string;
  log: (line: string) => void;
}

export interface FailureEvidence {
  restarts: number | null;
  logFile: string | null;
  logLines: string[];
}

/** How the app is (re)started after `current` moved, and what the gate can watch besides HTTP. */
export interface ProcessManager {
  readonly name: string;
  /** Checks before anything changes on the host (exit 3 when missing). */
  preflight(host: Host): Promise<void>;
  /** Checks the uploaded release before it is switched to (a broken config: exit 2, nothing switched). */
  prepare?(host: Host, releaseDir: string): Promise<unknown>;
  /** Starts or reloads the app so that every process serves from releaseDir; verifies it. */
  activate(context: ActivationContext): Promise<void>;
  /** Counters the gate watches: any rise fails it. */
  signals(host: Host): SignalSource[];
  evidence(host: Host): Promise<FailureEvidence>;
}
