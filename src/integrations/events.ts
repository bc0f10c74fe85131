/** Which event a verdict is, for the channels and GitHub Deployments. Pure. */
import type { ReleaseOutcome } from '../release/outcome.js';
import type { Notification, NotifyEvent } from './notify.js';

/** A scheduled check alerts on a change only: failing after passing, passing after failing. */
export function monitorEvent(verdict: 'pass' | 'fail', previous: 'pass' | 'fail' | null): NotifyEvent | null {
  if (verdict === 'fail') return previous === 'fail' ? null : 'failure';
  return previous === 'fail' ? 'recovery' : null;
}

/** A failure, a rollback on demand, or a pass right after a failed deploy (a recovery). */
export function releaseEvent(outcome: ReleaseOutcome): NotifyEvent | null {
  if (outcome.verdict === 'fail') return 'failure';
  if (outcome.command === 'rollback') return 'rollback';
  return outcome.afterFailedDeploy ? 'recovery' : null;
}

export function releaseNotification(
  outcome: ReleaseOutcome,
  event: NotifyEvent,
  where: { repository: string; runUrl: string | null; environment: string | null }
): Notification {
  return {
    event,
    command: outcome.command,
    ...where,
    release: outcome.release,
    verdict: outcome.verdict,
    reason: outcome.message,
    restoredRelease: outcome.restoredRelease
  };
}
