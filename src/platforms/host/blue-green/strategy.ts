/**
 * Blue/green on a host: how a release becomes live when nginx sits in front. The release
 * starts in the idle slot (its own PM2 app on its own port) while the live slot keeps serving;
 * the whole gate runs on the slot's own port before any traffic moves; only then does the
 * upstream file point at it, and a short gate through the proxy follows while the old slot stays
 * warm. The release algorithm is the same as in-place: this is one way of `activate`.
 */
import { ConfigurationError, messageOf, OperationError } from '../../../errors.js';
import { GateResult } from '../../../gate/run.js';
import { Activation, ActivationContext, FailureEvidence, Log } from '../../../release/ports.js';
import { fsOps } from '../fs-ops.js';
import { Layout } from '../layout.js';
import { ProcessManager, ServingProof } from '../process/process-manager.js';
import { Host } from '../transport/host.js';
import { NginxProxy, parseUpstreamPort } from './nginx.js';
import { BlueGreenSettings } from './settings.js';
import {
  idleSlot,
  liveSlot,
  parseSlotState,
  SlotName,
  slotApp,
  slotPort,
  SlotState,
  slotUrl
} from './slots.js';

/** Exit 0 when something listens on the TCP port (v4 or v6) on the host. */
const LISTENING_SCRIPT = `p=$(printf '%04X' "$1"); awk -v p="$p" 'FNR > 1 && $4 == "0A" { n = split($2, a, ":"); if (a[n] == p) f = 1 } END { exit f ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null`;

export interface BlueGreenOptions {
  host: Host;
  layout: Layout;
  pm: ProcessManager;
  settings: BlueGreenSettings;
  /** The public health URLs (through nginx); a slot is probed on the same path on its own port. */
  publicUrls: string[];
}

export interface SlotStart {
  slot: SlotName;
  app: string;
  port: number;
  link: string;
}

const passed = (reason: string): GateResult => ({
  verdict: 'pass',
  reason,
  elapsedMs: 0,
  detectedAtMs: null,
  probes: []
});

export class BlueGreen {
  private readonly host: Host;
  private readonly proxy: NginxProxy;
  /** Evidence of a slot stopped after its failure (its processes are gone when it is asked for). */
  private readonly stoppedEvidence = new Map<string, FailureEvidence>();

  constructor(private readonly options: BlueGreenOptions) {
    this.host = options.host;
    this.proxy = new NginxProxy(options.host, options.settings);
  }

  get settings(): BlueGreenSettings {
    return this.options.settings;
  }

  private get pm(): ProcessManager {
    return this.options.pm;
  }

  async readState(): Promise<{ slots: SlotState; live: SlotName | null }> {
    const [slots, upstream] = await Promise.all([
      this.host.readFile(this.options.layout.slots).catch(() => null),
      this.proxy.readUpstream().catch(() => null)
    ]);
    return {
      slots: parseSlotState(slots),
      live: liveSlot(parseUpstreamPort(upstream), this.settings.ports)
    };
  }

  private async writeState(slots: SlotState): Promise<void> {
    await this.host.writeFile(this.options.layout.slots, `${JSON.stringify(slots, null, 2)}\n`);
  }

  private async listening(port: number): Promise<boolean> {
    return (await this.host.exec(['sh', '-c', LISTENING_SCRIPT, 'sh', String(port)])).code === 0;
  }

  /** Checks that change nothing: nginx takes its configuration and includes the file, answers, and the idle port is free. */
  async preflight(log: Log): Promise<void> {
    if (!this.pm.stop || !this.pm.online)
      throw new ConfigurationError(
        `strategy blue-green needs a process manager that can run two slots: use process: pm2`,
        'strategy'
      );
    await this.proxy.check();
    for (const url of this.options.publicUrls) {
      try {
        await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' }).then(r =>
          r.arrayBuffer()
        );
      } catch (error) {
        throw new OperationError(
          `the proxy does not answer at ${url} (${messageOf((error as Error).cause ?? error)}): start nginx, or fix --url (the public URL, through nginx). Nothing was changed.`
        );
      }
    }
    const state = await this.readState();
    const idle = idleSlot(state.live);
    const port = slotPort(idle, this.settings.ports);
    const record = state.slots[idle];
    if (await this.listening(port)) {
      const ours = record ? await this.pm.online!(this.host, record.app) : false;
      if (!ours)
        throw new ConfigurationError(
          `slot port ${port} (the ${idle} slot) is in use on ${this.host.description} by a process that is not a shipgate slot: stop it, or choose other slot-ports. Nothing was changed.`,
          'slot-ports'
        );
    }
    log(
      `blue-green: slots blue :${this.settings.ports[0]}, green :${this.settings.ports[1]}; the proxy points at ${state.live ? `${state.live} (${state.slots[state.live]?.release ?? 'a release started before shipgate'})` : 'no slot yet'}`
    );
  }

  private async appName(releaseId: string): Promise<string> {
    if (!this.pm.appName) await this.pm.prepare?.(this.host, this.options.layout.release(releaseId));
    if (!this.pm.appName) throw new Error('internal: the app name is not known');
    return this.pm.appName;
  }

  /** The releases a slot runs now: never pruned from under it. */
  async heldReleases(): Promise<string[]> {
    const { slots } = await this.readState();
    return Object.values(slots)
      .map(r => r?.release)
      .filter((r): r is string => !!r);
  }

  async evidence(releaseId: string): Promise<FailureEvidence> {
    const stored = this.stoppedEvidence.get(releaseId);
    if (stored) return stored;
    const { slots } = await this.readState();
    const record = Object.values(slots).find(r => r?.release === releaseId);
    return this.pm.evidence(this.host, record?.app);
  }

  async activate(
    releaseId: string,
    context: ActivationContext,
    sealedHash: (path: string) => string | null,
    prove: (proof: ServingProof) => void
  ): Promise<Activation> {
    const start = performance.now();
    const app = await this.appName(releaseId);
    const state = await this.readState();
    const holder = (['blue', 'green'] as SlotName[]).find(s => state.slots[s]?.release === releaseId);
    const warm =
      holder && context.reason !== 'deploy' && (await this.pm.online!(this.host, slotApp(app, holder)))
        ? holder
        : null;

    if (warm && warm === state.live) {
      // the proxy never moved away from it (a release refused before traffic): nothing to switch
      context.log(`blue-green: ${releaseId} still serves from the ${warm} slot; the proxy never moved`);
      await this.switchCurrent(releaseId, context);
      const gate = context.quick
        ? passed(`serves from the ${warm} slot`)
        : await this.gateThroughProxy(app, warm, context);
      return { gate, switchMs: 0, facts: { strategy: 'blue-green', slot: warm, warm: true } };
    }
    if (warm) {
      context.log(`blue-green: ${releaseId} is warm in the ${warm} slot: one proxy switch`);
      await this.switchTo(app, warm, releaseId, context);
      const switchMs = Math.round(performance.now() - start);
      return this.afterSwitch(app, warm, releaseId, state.live, context, switchMs, true);
    }

    const slot = idleSlot(state.live);
    const started = await this.startSlot(app, slot, releaseId, context, sealedHash);
    prove(started.proof);
    if (context.quick) {
      await this.switchTo(app, slot, releaseId, context);
      return {
        gate: passed(`serves from the ${slot} slot (started and proven, not gated: interrupted)`),
        switchMs: Math.round(performance.now() - start),
        facts: { strategy: 'blue-green', slot }
      };
    }
    const reach = await this.host.reach(started.port);
    let before: GateResult;
    try {
      before = await context.gate({
        urls: this.options.publicUrls.map(u => slotUrl(u, reach.port)),
        signals: this.pm.signals(this.host, started.app),
        label: `the ${slot} slot on port ${started.port}, before any traffic moves`
      });
    } finally {
      await reach.close().catch(() => undefined);
    }
    if (before.verdict !== 'pass' || context.signal.aborted) {
      context.log(`blue-green: ${releaseId} failed in the ${slot} slot; the proxy never pointed at it`);
      await this.stopSlot(releaseId, started.app, slot, context.log);
      return { gate: before, switchMs: 0, facts: { strategy: 'blue-green', slot } };
    }
    const switchStart = performance.now();
    await this.switchTo(app, slot, releaseId, context);
    const switchMs = Math.round(performance.now() - switchStart);
    return this.afterSwitch(app, slot, releaseId, state.live, context, switchMs, false);
  }

  /** The gate through the proxy; a failure switches back at once to the slot that served before, while it is warm. */
  private async afterSwitch(
    app: string,
    slot: SlotName,
    releaseId: string,
    previous: SlotName | null,
    context: ActivationContext,
    switchMs: number,
    warm: boolean
  ): Promise<Activation> {
    const facts = { strategy: 'blue-green', slot, ...(warm ? { warm: true } : {}) };
    if (context.quick) return { gate: passed(`serves from the ${slot} slot`), switchMs, facts };
    const gate = await this.gateThroughProxy(app, slot, context);
    const state = await this.readState();
    const previousRecord = previous && previous !== slot ? state.slots[previous] : undefined;
    if (gate.verdict !== 'pass' && !context.signal.aborted) {
      if (
        context.reason !== 'restore' &&
        previous &&
        previousRecord?.release &&
        (await this.pm.online!(this.host, previousRecord.app))
      ) {
        await this.switchTo(app, previous, previousRecord.release, context);
        context.log(
          `blue-green: switched back to the ${previous} slot (${previousRecord.release}), which stayed warm`
        );
        await this.stopSlot(releaseId, slotApp(app, slot), slot, context.log);
        return { gate, switchMs, facts: { ...facts, switchedBack: true } };
      }
      return { gate, switchMs, facts };
    }
    if (gate.verdict === 'pass' && previousRecord?.release && this.settings.keepWarm === 'window') {
      context.log(`blue-green: the window through the proxy passed; stopping the ${previous} slot`);
      await this.pm.stop!(this.host, previousRecord.app);
      await this.writeState({ ...state.slots, [previous!]: { ...previousRecord, release: null } });
    }
    return { gate, switchMs, facts };
  }

  private gateThroughProxy(app: string, slot: SlotName, context: ActivationContext): Promise<GateResult> {
    return context.gate({
      windowMs: this.settings.switchWindowMs,
      signals: this.pm.signals(this.host, slotApp(app, slot)),
      label: `through the proxy (the ${slot} slot serves), ${this.settings.switchWindowMs}ms window`
    });
  }

  private async startSlot(
    app: string,
    slot: SlotName,
    releaseId: string,
    context: ActivationContext,
    sealedHash: (path: string) => string | null
  ): Promise<SlotStart & { proof: ServingProof }> {
    const { layout, settings } = this.options;
    const port = slotPort(slot, settings.ports);
    const name = slotApp(app, slot);
    const link = layout.slotLink(slot);
    await fsOps.mkdirp(this.host, `${layout.meta}/slots`);
    await fsOps.switchSymlink(this.host, layout.release(releaseId), link);
    context.log(
      `blue-green: starting ${releaseId} in the ${slot} slot (${name}, ${settings.portVariable}=${port})`
    );
    const state = await this.readState();
    await this.writeState({ ...state.slots, [slot]: { app: name, port, release: releaseId } });
    const proof = await this.pm.activate({
      host: this.host,
      currentLink: link,
      releaseDir: layout.release(releaseId),
      releaseId,
      reason: context.reason,
      log: context.log,
      sealedHash,
      slot: { app: name, port, portVariable: settings.portVariable }
    });
    return { slot, app: name, port, link, proof };
  }

  private async stopSlot(releaseId: string, app: string, slot: SlotName, log: Log): Promise<void> {
    this.stoppedEvidence.set(releaseId, await this.pm.evidence(this.host, app));
    await this.pm.stop!(this.host, app);
    const state = await this.readState();
    const record = state.slots[slot];
    if (record) await this.writeState({ ...state.slots, [slot]: { ...record, release: null } });
    log(`blue-green: stopped ${app}`);
  }

  private async switchTo(app: string, slot: SlotName, releaseId: string, context: ActivationContext) {
    await this.proxy.point(app, slotPort(slot, this.settings.ports), context.log);
    await this.switchCurrent(releaseId, context);
  }

  private async switchCurrent(releaseId: string, context: ActivationContext): Promise<void> {
    const link = this.options.layout.current;
    if ((await fsOps.readlink(this.host, link)) === `releases/${releaseId}`) return;
    await fsOps.switchSymlink(this.host, `releases/${releaseId}`, link);
    context.log(`switch: current -> releases/${releaseId}`);
  }
}
