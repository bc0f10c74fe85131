import type { WorkflowJob } from './workflow.js';

/** Which workflow jobs deploy and which run the tests: pure, apart from the YAML parser. */

// `docker compose up` on the runner starts a stack for tests (an e2e job): a deploy only with a
// remote host or context.
const DEPLOY_RUN =
  /\b(pm2\s+(deploy|reload|restart|start|startOrReload|startOrRestart)|shipgate\s+deploy|kubectl\s+(apply|rollout|set\s+image)|helm\s+(upgrade|install)|aws\s+ecs\s+update-service|ecs\s+deploy|fly(ctl)?\s+deploy|vercel\b.*--prod|netlify\s+deploy|serverless\s+deploy|sls\s+deploy|cap\s+\w+\s+deploy|kamal\s+deploy|docker\s+stack\s+deploy|docker(-compose|\s+compose)?\s+(-H|--host|--context|-c)\s+\S+.*\bup\b|DOCKER_HOST=ssh:\S+.*compose.*\bup\b|npm\s+run\s+deploy|rsync\b.*@|scp\b.*:)/;
const DEPLOY_USES =
  /(deploy|aws-actions\/amazon-ecs-deploy-task-definition|appleboy\/ssh-action|azure\/webapps-deploy|google-github-actions\/deploy)/i;
const TEST_RUN =
  /\b((npm|pnpm|yarn|bun)\s+(run\s+)?test\b|npm\s+t\b|jest\b|vitest\b|mocha\b|pytest\b|go\s+test\b|cargo\s+test\b|make\s+(test|check)\b|rspec\b|phpunit\b|mvn\b.*\b(test|verify)\b|gradle\w*\s+\w*test)/i;

/** Where a job deploys: the line of its first deploying step, or the job line; null when it does not deploy. */
export function deployLine(job: WorkflowJob): number | null {
  if (job.uses && /deploy/i.test(job.uses)) return job.line;
  for (const step of job.steps) {
    if (
      step.uses &&
      (DEPLOY_USES.test(step.uses) ||
        // a rollback restores a release that passed its gate already: not untested code
        (/shipgate/i.test(step.uses) && step.with.command === 'deploy'))
    )
      return step.line;
    if (step.run) {
      const index = step.run.split('\n').findIndex(l => DEPLOY_RUN.test(l));
      if (index >= 0) return step.runLines[index] ?? step.line;
    }
  }
  // named for a deploy, and does something besides setting up, building and testing
  if (
    /deploy/i.test(`${job.id} ${job.name ?? ''}`) &&
    job.steps.some(s => s.run !== null && !SETUP_ONLY.test(s.run.trim()))
  )
    return job.line;
  return null;
}

const SETUP_ONLY =
  /^((npm|pnpm|yarn|bun)\s+((run\s+)?(build|test|lint|install|ci|i)\b|--filter\s+\S+\s+(run\s+)?build\b)|go\s+(build|test|mod)|make\s+(build|test)|echo\b)[^\n]*$/;

/**
 * A job that runs the tests: by its steps, or by its id/name (`test`, `tests`, `ci`, ...) when it
 * calls a reusable workflow or runs a command the file does not spell out (`run: $TEST_COMMAND`).
 */
export function runsTests(job: WorkflowJob): boolean {
  if (job.steps.some(s => (s.run && TEST_RUN.test(s.run)) || (s.uses && /test/i.test(s.uses)))) return true;
  return (
    /(^|[-_\s])(tests?|ci|check|checks|verify)([-_\s]|$)/i.test(`${job.id} ${job.name ?? ''}`) &&
    (!!job.uses || job.steps.some(s => s.run !== null))
  );
}

/** Runs its own tests before it deploys (a single-job pipeline). */
export function testsBeforeDeploy(job: WorkflowJob, deployAt: number): boolean {
  return job.steps.some(s => s.line < deployAt && s.run !== null && TEST_RUN.test(s.run));
}
