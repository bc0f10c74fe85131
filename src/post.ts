import * as core from '@actions/core';
import { messageOf } from './errors.js';
import { postHooks } from './post-hooks.js';
import { sanitizeLog } from './util/sanitize.js';

/**
 * The action's post step. Main and post talk only through saved state. Commands that hold
 * resources (a deploy lock, a written key, a cache to save) register them there; the post
 * step releases them even when the job was cancelled. A failure here is a warning, never a
 * failed job.
 */
export async function runPost(): Promise<void> {
  const command = core.getState('command');
  for (const hook of postHooks) {
    if (!hook.commands.includes(command)) continue;
    try {
      await hook.run();
    } catch (error) {
      core.warning(sanitizeLog(`shipgate post step (${hook.name}): ${messageOf(error)}`));
    }
  }
}
