import { OperationError } from '../../../errors.js';
import { FailureEvidence } from '../../../release/ports.js';
import { Host, HostCommandError, run } from '../transport/host.js';
import { ProcessActivation, ProcessManager, ServingProof } from './process-manager.js';

/**
 * `--process command --restart-command CMD`: anything else (systemd, compose). The command is
 * the user's own shell line, run as `sh -c CMD` in the new release with SHIPGATE_RELEASE_DIR and
 * SHIPGATE_RELEASE_ID set (and PORT for a blue/green slot). shipgate cannot see its processes,
 * so which code serves must be proven by the gate (expect-release or expect-version).
 */
export class CommandProcessManager implements ProcessManager {
  readonly name = 'command';
  readonly provesCode = false;
  constructor(private readonly restartCommand: string) {}

  async preflight(host: Host): Promise<{ proc: boolean }> {
    const result = await host.exec(['sh', '-c', 'true']);
    if (result.code !== 0) throw new OperationError(`no POSIX shell on ${host.description}`);
    return { proc: false };
  }

  async activate(context: ProcessActivation): Promise<ServingProof> {
    context.log(`restart: sh -c ${JSON.stringify(this.restartCommand)}`);
    try {
      await run(context.host, ['sh', '-c', this.restartCommand], {
        cwd: context.releaseDir,
        env: {
          SHIPGATE_RELEASE_DIR: context.releaseDir,
          SHIPGATE_RELEASE_ID: context.releaseId,
          SHIPGATE_RELEASE: context.releaseId,
          ...(context.slot
            ? { [context.slot.portVariable]: String(context.slot.port), SHIPGATE_SLOT: context.slot.app }
            : {})
        },
        onLine: line => context.log(`restart | ${line}`)
      });
    } catch (error) {
      if (error instanceof HostCommandError) throw new Error(`the restart command failed: ${error.message}`);
      throw error;
    }
    return { codeFiles: [], processes: 0 };
  }

  signals(): [] {
    return [];
  }

  async evidence(): Promise<FailureEvidence> {
    return { restarts: null, source: null, lines: [], details: [] };
  }
}
