// Small pieces the emulator's modules share: AWS errors, identifiers, and timers that all end
// with the emulator (nothing it schedules outlives stop()).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';

/** An error answered in the service's own shape (`__type` for JSON, `<Error><Code>` for query). */
export class AwsError extends Error {
  constructor(code, message, { status = 400, fields = {} } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

export const hex = bytes => randomBytes(bytes).toString('hex');
export const uuid = () => randomUUID();
/** ECS deployment ids look like ecs-svc/1234567890123456789. */
export const deploymentId = () =>
  `ecs-svc/${BigInt(`0x${hex(8)}`)
    .toString()
    .padStart(19, '1')
    .slice(0, 19)}`;
export const epochSeconds = ms => Math.round(ms) / 1000;
export const isoTime = ms => new Date(ms).toISOString();

/** setTimeout/setInterval that stop() clears all at once. */
export class Timers {
  constructor() {
    this.handles = new Set();
    this.stopped = false;
  }
  timeout(ms, fn) {
    if (this.stopped) return undefined;
    const handle = setTimeout(
      () => {
        this.handles.delete(handle);
        if (!this.stopped) fn();
      },
      Math.max(0, ms)
    );
    this.handles.add(handle);
    return handle;
  }
  interval(ms, fn) {
    if (this.stopped) return undefined;
    const handle = setInterval(
      () => {
        if (!this.stopped) fn();
      },
      Math.max(1, ms)
    );
    this.handles.add(handle);
    return handle;
  }
  clear(handle) {
    if (handle === undefined) return;
    clearTimeout(handle);
    clearInterval(handle);
    this.handles.delete(handle);
  }
  sleep(ms) {
    return new Promise(resolve => {
      if (this.stopped) return resolve();
      this.timeout(ms, resolve);
    });
  }
  stop() {
    this.stopped = true;
    for (const handle of this.handles) {
      clearTimeout(handle);
      clearInterval(handle);
    }
    this.handles.clear();
  }
}

/** A port on 127.0.0.1 that nothing listens on (taken and released again). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
