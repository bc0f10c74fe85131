/**
 * The two slots of a blue/green target, and which release each runs: pure, kept in
 * `<path>/.shipgate/slots.json`. Which slot takes the traffic is what the upstream file says.
 */
export type SlotName = 'blue' | 'green';
export const SLOTS: SlotName[] = ['blue', 'green'];

export interface SlotRecord {
  /** The PM2 app that runs it (`<app>-blue`). */
  app: string;
  port: number;
  /** The release it was last started with; null once it is stopped. */
  release: string | null;
}

export type SlotState = Partial<Record<SlotName, SlotRecord>>;

export function parseSlotState(text: string | null): SlotState {
  if (!text) return {};
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const state: SlotState = {};
    for (const name of SLOTS) {
      const r = raw[name] as Record<string, unknown> | undefined;
      if (r && typeof r.app === 'string' && typeof r.port === 'number')
        state[name] = { app: r.app, port: r.port, release: typeof r.release === 'string' ? r.release : null };
    }
    return state;
  } catch {
    return {};
  }
}

export function otherSlot(slot: SlotName): SlotName {
  return slot === 'blue' ? 'green' : 'blue';
}

export function slotApp(app: string, slot: SlotName): string {
  return `${app}-${slot}`;
}

/** The slot whose port the upstream names, or null (a placeholder, another port). */
export function liveSlot(upstreamPort: number | null, ports: [number, number]): SlotName | null {
  if (upstreamPort === ports[0]) return 'blue';
  if (upstreamPort === ports[1]) return 'green';
  return null;
}

export function slotPort(slot: SlotName, ports: [number, number]): number {
  return slot === 'blue' ? ports[0] : ports[1];
}

/** Where a release that is not running starts: the slot the proxy does not point at. */
export function idleSlot(live: SlotName | null): SlotName {
  return live ? otherSlot(live) : 'blue';
}

/** The URL of a slot's own port with the public URL's path and query. */
export function slotUrl(publicUrl: string, port: number): string {
  const url = new URL(publicUrl);
  return `http://127.0.0.1:${port}${url.pathname}${url.search}`;
}

/**
 * The PM2 app that takes the traffic on a blue/green target (`<app>-blue`), for the monitor: the
 * slot whose port the upstream names. Null when the target is not blue/green.
 */
export function liveSlotApp(
  remembered: { strategy?: string; blueGreen?: { ports?: [number, number] } },
  slots: SlotState,
  upstreamPort: number | null
): string | null {
  if (remembered.strategy !== 'blue-green' || !remembered.blueGreen?.ports) return null;
  const live = liveSlot(upstreamPort, remembered.blueGreen.ports);
  return live ? (slots[live]?.app ?? null) : null;
}
