/**
 * The restart watch of a scheduled check (`gate --path --app`): the app's PM2 counters on a
 * host, compared with those the previous check recorded in `<path>/.shipgate/monitor-<app>.json`,
 * so a crash loop between two checks fails the next one at once (the first outage restarted
 * 106 times between looks).
 */
import { hostname } from 'node:os';
import { SignalSource } from '../../gate/signals.js';
import { isFutureDated } from '../../release/history.js';
import { RunIo } from '../../runner.js';
import { parseUpstreamPort } from './blue-green/nginx.js';
import { liveSlotApp, parseSlotState } from './blue-green/slots.js';
import { Layout } from './layout.js';
import { openTransport, parseRemembered, ParsedTarget } from './open.js';
import { Host } from './transport/host.js';
import { Pm2ProcessManager } from './process/pm2.js';
import { abandonedBecause, HostStore } from './store.js';

interface MonitorState {
  app: string;
  restarts: number;
  at: string;
}

export interface Pm2Watch {
  signals: SignalSource[];
  /** Records the restart count for the next check, and closes the connection. */
  finish(): Promise<void>;
}

export function parseMonitorState(text: string | null): MonitorState | null {
  try {
    const state = JSON.parse(text ?? 'null') as MonitorState | null;
    return state && typeof state.restarts === 'number' && typeof state.at === 'string' ? state : null;
  } catch {
    return null;
  }
}

/** On a blue/green target the app that serves is the live slot's (`<app>-green`): that one is watched. */
async function servingApp(host: Host, layout: Layout, app: string, io: RunIo): Promise<string> {
  const remembered = parseRemembered(await host.readFile(layout.settings).catch(() => null));
  if (remembered.strategy !== 'blue-green' || !remembered.blueGreen?.upstreamFile) return app;
  const [slots, upstream] = await Promise.all([
    host.readFile(layout.slots).catch(() => null),
    host.readFile(remembered.blueGreen.upstreamFile).catch(() => null)
  ]);
  const live = liveSlotApp(remembered, parseSlotState(slots), parseUpstreamPort(upstream));
  if (live && live.startsWith(`${app}-`)) {
    io.log(`blue-green: nginx sends the traffic to ${live}; its restarts are watched`);
    return live;
  }
  return app;
}

export async function watchPm2(
  parsed: ParsedTarget,
  given: string,
  pm2Bin: string,
  lockTtlMs: number,
  io: RunIo
): Promise<Pm2Watch | null> {
  const transport = openTransport(parsed, io);
  const { host } = transport;
  const layout = new Layout(parsed.path);
  let app = given;
  const store = new HostStore(host, layout, hostname());
  let pm2: Pm2ProcessManager;
  try {
    app = await servingApp(host, layout, given, io);
    pm2 = new Pm2ProcessManager({ bin: pm2Bin, configFile: null, app, stateDir: `${layout.meta}/pm2` });
    await pm2.preflight(host);
    // a deploy or rollback in progress restarts the app on purpose, and gates it itself; a lock
    // that is abandoned (expired, or its owner is gone) does not switch the watch off
    const held = await store.isLocked();
    if (held && !abandonedBecause(held, lockTtlMs, new Date(), () => true, '')) {
      io.warn(
        `a deploy holds the lock on ${layout.root}: the PM2 restart watch stands aside, this check is HTTP only`
      );
      await transport.close();
      return null;
    }
  } catch (error) {
    await transport.close();
    throw error;
  }
  const stateFile = `${layout.meta}/monitor-${app}.json`;
  let previous = parseMonitorState(await host.readFile(stateFile).catch(() => null));
  // restarts made by a deploy or rollback since the last check (a reload counts as one per process)
  // were gated by that deploy: count from now instead. An entry dated in the future is a wrong
  // clock, not a deploy: it must not switch the watch off for good.
  const now = new Date();
  const lastRelease = (await store.history(io.warn)).filter(e => !isFutureDated(e, now)).at(-1);
  if (previous && lastRelease && lastRelease.at > previous.at) previous = null;
  if (previous && Date.parse(previous.at) > now.getTime() + 5 * 60_000) previous = null;
  const [restartsNow, down] = pm2.signals(host, app);
  const current = await restartsNow.read();
  // PM2 itself restarted (counters reset): compare from where the counter is now
  const baseline = previous && previous.restarts <= current ? previous.restarts : undefined;
  const sinceLastCheck: SignalSource = {
    name: previous ? `${restartsNow.name} since the last check (${previous.at})` : restartsNow.name,
    baseline,
    read: () => restartsNow.read()
  };
  return {
    signals: [sinceLastCheck, down],
    async finish() {
      try {
        const restarts = await restartsNow.read();
        await host.writeFile(
          stateFile,
          JSON.stringify({ app, restarts, at: new Date().toISOString() } satisfies MonitorState)
        );
      } catch (error) {
        io.warn(`could not record the restart count for the next check: ${(error as Error).message}`);
      } finally {
        await transport.close();
      }
    }
  };
}
