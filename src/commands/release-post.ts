/**
 * The post step of deploy, rollback and releases: when main was cancelled mid-gate, finish the
 * restore; free the lock if it is still this run's; remove the SSH key and known hosts.
 */
import { rmSync } from 'node:fs';
import { messageOf } from '../errors.js';
import { parseGateConfig } from '../gate/config.js';
import { openHostPlatform, parseTargetInputs, SshSettings } from '../platforms/host/open.js';
import { finishInterrupted, Unfinished } from '../release/recover.js';
import { StateKey } from '../runner.js';
import { identity } from './release-session.js';
import { parseDuration } from '../duration.js';
import { PostContext } from './types.js';

function parse<T>(text: string): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export async function releasePost(context: PostContext): Promise<void> {
  const lock = parse<{ path: string; createdAt: string; ssh: SshSettings | null }>(
    context.getState(StateKey.DeployLock)
  );
  const unfinished = parse<Unfinished>(context.getState(StateKey.Switching));
  const tempDirs = parse<string[]>(context.getState(StateKey.SshTempDirs)) ?? [];
  const io = { log: context.log, warn: context.warn, saveState: () => undefined, run: context.run };
  try {
    if (!lock && !unfinished) return;
    const parsed = parseTargetInputs(context.inputs, true);
    const gate = parseGateConfig(context.inputs, { release: true });
    const opened = await openHostPlatform(parsed, io, {
      source: null,
      responseProof: gate.expect.release !== null || gate.expect.version !== null,
      gate
    });
    try {
      const reporter = { log: context.log, warn: context.warn };
      if (unfinished) {
        const message = await finishInterrupted(
          opened.platform,
          unfinished,
          lock?.createdAt ?? null,
          {
            ...identity(context.run, null),
            gate,
            lockTtlMs: parseDuration(context.inputs.required('lock-expiry'), 'lock-expiry')
          },
          reporter
        );
        context.warn(message);
        await context.summary(
          `### shipgate post step\n\n<p>⚠️ ${message.replace(/[<>&]/g, c => `&#${c.charCodeAt(0)};`)}</p>\n`
        );
      } else if (lock && (await opened.platform.store.releaseLock(lock.createdAt))) {
        context.warn(
          `released the deploy lock on ${lock.path} left by this run (it was cancelled or killed mid-deploy)`
        );
      }
    } finally {
      await opened.transport.close();
    }
  } catch (error) {
    context.warn(`shipgate post step: ${messageOf(error)}`);
  } finally {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}
