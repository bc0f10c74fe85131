/**
 * A client of the PM2 daemon's RPC socket (`$PM2_HOME/rpc.sock`): the call `pm2 jlist` makes,
 * without starting the pm2 CLI (a node process of ~0.2 s CPU) for each reading. The wire format
 * is PM2's axon request/reply over amp frames, unchanged since PM2 2:
 *
 *   frame = 1 byte (version 1 << 4 | argument count), then per argument a 32-bit big-endian
 *           length and the bytes; an argument is `j:` + JSON, `s:` + text, or raw bytes.
 *   call  = [j:{type: 'call', method, args}, s:<id>]
 *   reply = [j:{args: [...]} or j:{error, stack}, s:<id>]
 *
 * Anything unexpected (a closed socket, a frame that does not parse, a reply late past the
 * bound) rejects the call; the caller then asks `pm2 jlist` as before.
 */
import { posix } from 'node:path';
import { Host, HostSocket } from '../transport/host.js';

/** One process as `pm2 jlist` and the daemon's getMonitorData describe it (the fields we read). */
export interface Pm2Process {
  name: string;
  pid: number;
  pm_id?: number;
  pm2_env: {
    status: string;
    restart_time: number;
    pm_cwd?: string;
    pm_exec_path?: string;
    pm_err_log_path?: string;
    exec_mode?: string;
    /** The daemon's home: where its rpc.sock is. */
    PM2_HOME?: string;
  };
}

/** A reply larger than this is refused (a list of thousands of processes is a few MB). */
const MAX_FRAME = 64 * 1024 * 1024;

export function encodeFrame(args: Array<string | unknown>): Buffer {
  if (args.length > 15) throw new Error('internal: an amp frame holds at most 15 arguments');
  const parts = args.map(a =>
    Buffer.from(typeof a === 'string' ? `s:${a}` : `j:${JSON.stringify(a ?? null)}`)
  );
  const frame = Buffer.alloc(1 + parts.reduce((n, p) => n + 4 + p.length, 0));
  frame[0] = (1 << 4) | parts.length;
  let offset = 1;
  for (const part of parts) {
    frame.writeUInt32BE(part.length, offset);
    part.copy(frame, offset + 4);
    offset += 4 + part.length;
  }
  return frame;
}

function decodeArgument(bytes: Buffer): unknown {
  const tag = bytes.subarray(0, 2).toString('latin1');
  if (tag === 'j:') return JSON.parse(bytes.subarray(2).toString('utf8'));
  if (tag === 's:') return bytes.subarray(2).toString('utf8');
  return bytes;
}

/** Splits a byte stream into frames, whatever the chunk boundaries. */
export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);

  /** The frames completed by this chunk, each as its decoded arguments. */
  push(chunk: Buffer): unknown[][] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: unknown[][] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) break;
      frames.push(frame);
    }
    return frames;
  }

  private next(): unknown[] | null {
    const data = this.buffered;
    if (data.length < 1) return null;
    if (data[0] >> 4 !== 1) throw new Error(`not an amp frame (version ${data[0] >> 4})`);
    const count = data[0] & 0xf;
    const spans: Array<[number, number]> = [];
    let offset = 1;
    for (let i = 0; i < count; i++) {
      if (data.length < offset + 4) return null;
      const length = data.readUInt32BE(offset);
      if (offset + 4 + length > MAX_FRAME) throw new Error(`a frame over ${MAX_FRAME} bytes`);
      if (data.length < offset + 4 + length) return null;
      spans.push([offset + 4, offset + 4 + length]);
      offset += 4 + length;
    }
    this.buffered = data.subarray(offset);
    return spans.map(([from, to]) => decodeArgument(data.subarray(from, to)));
  }
}

/** Calls methods of the PM2 daemon over one socket; several calls may be in flight. */
export class Pm2Rpc {
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<
    string,
    { resolve: (v: unknown[]) => void; reject: (e: Error) => void }
  >();
  private sequence = 0;
  private broken: Error | null = null;

  constructor(
    private readonly socket: HostSocket,
    private readonly timeoutMs: number
  ) {
    const stream = socket.stream;
    stream.on('data', (chunk: Buffer) => {
      try {
        for (const frame of this.decoder.push(chunk)) this.settle(frame);
      } catch (error) {
        this.fail(new Error(`the pm2 daemon's answer did not parse: ${(error as Error).message}`));
      }
    });
    stream.on('error', error => this.fail(error));
    stream.on('close', () => this.fail(new Error('the pm2 daemon closed the socket')));
  }

  private settle(frame: unknown[]): void {
    const id = frame.at(-1);
    const waiting = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (!waiting) return;
    this.pending.delete(id as string);
    const reply = frame[0] as { args?: unknown[]; error?: unknown } | null;
    if (reply && typeof reply === 'object' && 'error' in reply)
      waiting.reject(new Error(`pm2 daemon: ${String(reply.error)}`));
    else if (reply && typeof reply === 'object' && Array.isArray(reply.args)) waiting.resolve(reply.args);
    else waiting.reject(new Error('the pm2 daemon answered without arguments'));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.broken);
    this.pending.clear();
  }

  /** The reply's arguments (the daemon's callback arguments after its error). */
  call(method: string, ...args: unknown[]): Promise<unknown[]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = `shipgate:${this.sequence++}`;
    return new Promise<unknown[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the pm2 daemon did not answer ${method} within ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: value => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: error => {
          clearTimeout(timer);
          reject(error);
        }
      });
      this.socket.stream.write(encodeFrame([{ type: 'call', method, args }, id]));
    });
  }

  close(): Promise<void> {
    this.fail(new Error('closed'));
    return this.socket.close();
  }
}

/** The list in a getMonitorData reply, or an error when it is not one. */
function processList(args: unknown[]): Pm2Process[] {
  const list = args[0];
  if (
    !Array.isArray(list) ||
    !list.every(
      p =>
        p && typeof p === 'object' && typeof p.name === 'string' && p.pm2_env && typeof p.pm2_env === 'object'
    )
  )
    throw new Error('the pm2 daemon answered getMonitorData with something other than a process list');
  return list as Pm2Process[];
}

/**
 * The processes PM2 knows. The first reading is `pm2 jlist`; it names the daemon's home, and
 * from then on each reading is one call on the daemon's socket (no process on the host; over
 * SSH a forward, not a session per reading). The socket is used only once it answered with every
 * process that `pm2 jlist` listed, under the same id and name: the same daemon. When it fails,
 * the reading is `pm2 jlist` again, and the socket is opened afresh, a few times at most. The
 * host closes the socket when it closes.
 */
export class Pm2ListReader {
  private rpc: Pm2Rpc | null = null;
  private opening: Promise<void> | null = null;
  private attempts = 0;

  constructor(
    private readonly host: Host,
    private readonly jlist: () => Promise<Pm2Process[]>,
    private readonly options: { timeoutMs: number; maxAttempts: number } = {
      timeoutMs: 20_000,
      maxAttempts: 3
    }
  ) {}

  async all(): Promise<Pm2Process[]> {
    const rpc = this.rpc;
    if (rpc) {
      try {
        return processList(await rpc.call('getMonitorData', {}));
      } catch {
        if (this.rpc === rpc) this.rpc = null;
        await rpc.close();
      }
    }
    const list = await this.jlist();
    await this.open(list);
    return list;
  }

  private async open(listed: Pm2Process[]): Promise<void> {
    if (this.rpc || this.opening || this.attempts >= this.options.maxAttempts) return;
    const home = listed.find(p => typeof p.pm2_env.PM2_HOME === 'string')?.pm2_env.PM2_HOME;
    if (!home || !listed.every(p => typeof p.pm_id === 'number')) return;
    this.attempts++;
    this.opening = (async () => {
      let socket: HostSocket | null = null;
      try {
        socket = await this.host.openSocket(posix.join(home, 'rpc.sock'));
        const rpc = new Pm2Rpc(socket, this.options.timeoutMs);
        const seen = processList(await rpc.call('getMonitorData', {}));
        const same = listed.every(p => seen.some(q => q.pm_id === p.pm_id && q.name === p.name));
        if (same) this.rpc = rpc;
        else await rpc.close();
      } catch {
        await socket?.close();
      } finally {
        this.opening = null;
      }
    })();
    await this.opening;
  }
}
