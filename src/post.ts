import * as core from '@actions/core';
import { findCommand } from './commands/index.js';
import { messageOf } from './errors.js';
import { maskSecret, readActionInputs } from './main.js';
import { Inputs } from './options.js';
import { readRunContext, StateKey } from './runner.js';
import { sanitizeLog } from './util/sanitize.js';

/**
 * The action's post step. Main and post talk only through saved state. A command that holds
 * resources (a deploy lock, a written key, a release switched without a verdict, a cache to
 * save) has a post hook that releases them even when the job was cancelled. A failure here is
 * a warning, never a failed job.
 */
export async function runPost(): Promise<void> {
  const command = findCommand(core.getState(StateKey.Command));
  if (!command?.post) return;
  try {
    await command.post({
      getState: key => core.getState(key),
      inputs: new Inputs(command.options, readActionInputs(command.options)),
      log: line => core.info(sanitizeLog(line)),
      warn: message => core.warning(sanitizeLog(message)),
      setSecret: maskSecret,
      summary: async markdown => {
        if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
      },
      run: readRunContext()
    });
  } catch (error) {
    core.warning(sanitizeLog(`shipgate post step (${command.name}): ${messageOf(error)}`));
  }
}
