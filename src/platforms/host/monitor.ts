import { CommandContext } from '../../commands/types.js';
import { ConfigurationError } from '../../errors.js';
import { Inputs, OptionSpec } from '../../options.js';
import { parseHistory } from '../../release/history.js';
import { fsOps } from './transport/host.js';
import { validateAppName } from './layout.js';
import {
  OpenedTarget,
  openTarget,
  parseTargetInputs,
  processOptions,
  targetOptions
} from './open.js';
import { Pm2ProcessManager } from './process/pm2.js';
import { SignalSource } from '../../gate/signals.js';

/** The gate's optional process-manager watch: the target flags plus the app (a scheduled monitor). */
export const watchOptions: OptionSpec[] = [
  ...targetOptions.map(o =>
    o.name === 'path'
      ? {
          ...o,
          description:
            'gate: with app, also watch the PM2 app on this deploy root (local or over ssh): its restarts since the last check fail the gate.'
        }
      : o
  ),
  ...processOptions.filter(o => o.name === 'app' || o.name === 'pm2-bin')
];

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

/**
 * With `path` and `app`, the gate also watches the app's PM2 counters. The restart count is
 * compared with the one recorded by the previous check in `<path>/.shipgate/monitor.json`:
 * a crash loop between two scheduled checks fails the next one at once, not only a crash
 * during the check itself (the first outage restarted 106 times between looks).
 */
export async function watchPm2(inputs: Inputs, context: CommandContext): Promise<Pm2Watch | null> {
  if (!inputs.has('path') && !inputs.has('app')) return null;
  if (!inputs.has('path'))
    throw new ConfigurationError('watching a PM2 app needs the deploy root too', 'path');
  const app = validateAppName(inputs.required('app'));
  const parsed = parseTargetInputs(inputs, false);
  const opened: OpenedTarget = openTarget(parsed, context);
  const { host, layout } = opened.target;
  const pm2 = new Pm2ProcessManager({
    bin: inputs.required('pm2-bin'),
    configFile: 'ecosystem.config.cjs',
    app,
    stateDir: `${layout.meta}/pm2`
  });
  try {
    await pm2.preflight(host);
  } catch (error) {
    await opened.close();
    throw error;
  }
  // a deploy or rollback in progress restarts the app on purpose, and gates it itself
  if (await fsOps.exists(host, layout.lock)) {
    context.warn(
      `a deploy holds the lock on ${layout.root}: the PM2 restart watch stands aside, this check is HTTP only`
    );
    await opened.close();
    return null;
  }
  const stateFile = `${layout.meta}/monitor-${app}.json`;
  let previous: MonitorState | null = null;
  try {
    previous = JSON.parse((await host.readFile(stateFile)) ?? 'null') as MonitorState | null;
  } catch {
    previous = null;
  }
  // restarts made by a deploy or rollback since the last check (a reload counts as one per process)
  // were gated by that deploy: count from now instead
  const lastRelease = parseHistory(await host.readFile(layout.history)).at(-1);
  if (previous && lastRelease && lastRelease.at > previous.at) previous = null;
  const [restartsNow, down] = pm2.signals(host);
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
        context.warn(`could not record the restart count for the next check: ${(error as Error).message}`);
      } finally {
        await opened.close();
      }
    }
  };
}
