import { OperationError } from '../../../errors.js';
import { Host, HostCommandError, run } from '../transport/host.js';
import { ActivationContext, FailureEvidence, ProcessManager } from './process-manager.js';

/**
 * `--process command --restart-command CMD`: anything else (systemd, compose). The command is
 * the user's own shell line, run as `sh -c CMD` in the new release with SHIPGATE_RELEASE_DIR and
 * SHIPGATE_RELEASE_ID set. Gated by HTTP only: there is no restart counter to watch.
 */
export class CommandProcessManager implements ProcessManager {
  readonly name = 'command';
  constructor(private readonly restartCommand: string) {}

  async preflight(host: Host): Promise<void> {
    const result = await host.exec(['sh', '-c', 'true']);
    if (result.code !== 0) throw new OperationError(`no POSIX shell on ${host.description}`);
  }

  async activate(context: ActivationContext): Promise<void> {
    context.log(`restart: sh -c ${JSON.stringify(this.restartCommand)}`);
    try {
      await run(context.host, ['sh', '-c', this.restartCommand], {
        cwd: context.releaseDir,
        env: { SHIPGATE_RELEASE_DIR: context.releaseDir, SHIPGATE_RELEASE_ID: context.releaseId }
      });
    } catch (error) {
      if (error instanceof HostCommandError) throw new Error(`the restart command failed: ${error.message}`);
      throw error;
    }
  }

  signals(): [] {
    return [];
  }

  async evidence(): Promise<FailureEvidence> {
    return { restarts: null, logFile: null, logLines: [] };
  }
}
