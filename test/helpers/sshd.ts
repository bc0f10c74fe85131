// @ts-expect-error plain ESM module shared with the benchmark
import { startSshd as start } from '../../scripts/sshd-peer.mjs';

export interface TestSshd {
  port: number;
  user: string;
  dir: string;
  keyFile: string;
  privateKey: string;
  knownHostsFile: string;
  wrongKnownHostsFile: string;
  logFile: string;
  /** "Accepted publickey" lines so far: one per SSH handshake. */
  handshakes(): number;
  /** Kills every session of this sshd (drops live connections), keeps the listener. */
  dropConnections(): void;
  stop(): Promise<void>;
}

/** A real OpenSSH server on 127.0.0.1 with its own host key, config and port; key login only. */
export const startSshd = start as (options?: { user?: string; config?: string[] }) => Promise<TestSshd>;
