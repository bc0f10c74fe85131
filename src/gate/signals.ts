/**
 * A source of counters watched beside HTTP: a process manager's restart count, say.
 * The gate reads it once at the start (the baseline) and at every round; any rise fails the gate.
 */
export interface SignalSource {
  /** Names the counter in the verdict, e.g. "pm2 restart count of app 'api'". */
  readonly name: string;
  /**
   * A fixed baseline (e.g. 0 processes down) instead of the first reading: a condition that
   * already holds when the gate starts must still fail it.
   */
  readonly baseline?: number;
  read(): Promise<number>;
}

/** A counter the caller controls: for tests, and for callers that learn of restarts by events. */
export class ManualCounter implements SignalSource {
  private value = 0;
  constructor(readonly name: string) {}
  increment(by = 1): void {
    this.value += by;
  }
  async read(): Promise<number> {
    return this.value;
  }
}
