import { isMap, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument, Scalar, YAMLMap } from 'yaml';

export interface WorkflowStep {
  /** `run:` text, or null for a `uses:` step. */
  run: string | null;
  /** Line of each line of `run` (same length as run.split('\n')). */
  runLines: number[];
  uses: string | null;
  name: string | null;
  /** `with:` scalars. */
  with: Record<string, string>;
  line: number;
}

export interface WorkflowJob {
  id: string;
  name: string | null;
  line: number;
  needs: string[];
  /** A job that calls a reusable workflow. */
  uses: string | null;
  steps: WorkflowStep[];
}

/** Jobs of a workflow file with their lines; null when it is not valid YAML. */
export function parseWorkflow(text: string): WorkflowJob[] | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const str = (map: YAMLMap, key: string): string | null => {
    const v = map.get(key, true);
    return isScalar(v) && v.value !== null ? String(v.value) : null;
  };
  const jobs = doc.contents.get('jobs', true);
  if (!isMap(jobs)) return [];
  const result: WorkflowJob[] = [];
  for (const pair of jobs.items) {
    const job = pair.value;
    if (!isMap(job)) continue;
    const id = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const needsNode = job.get('needs', true);
    const needs = isSeq(needsNode)
      ? needsNode.items.map(i => String(isScalar(i) ? i.value : i))
      : isScalar(needsNode)
        ? [String(needsNode.value)]
        : [];
    const stepsNode = job.get('steps', true);
    const steps: WorkflowStep[] = [];
    if (isSeq(stepsNode)) {
      for (const s of stepsNode.items) {
        if (!isMap(s)) continue;
        const runNode = s.get('run', true) as Scalar | undefined;
        const run = isScalar(runNode) && runNode.value !== null ? String(runNode.value) : null;
        const runLines: number[] = [];
        if (run !== null && runNode) {
          const block = runNode.type === 'BLOCK_LITERAL' || runNode.type === 'BLOCK_FOLDED';
          const first = lineOf(runNode) + (block ? 1 : 0);
          run.split('\n').forEach((_l, i) => runLines.push(first + i));
        }
        const withNode = s.get('with', true);
        const withValues: Record<string, string> = {};
        if (isMap(withNode))
          for (const w of withNode.items)
            if (isScalar(w.key) && isScalar(w.value)) withValues[String(w.key.value)] = String(w.value.value);
        steps.push({
          run,
          runLines,
          uses: str(s, 'uses'),
          name: str(s, 'name'),
          with: withValues,
          line: lineOf(s)
        });
      }
    }
    result.push({
      id,
      name: str(job, 'name'),
      line: lineOf(pair.key as YamlNode),
      needs,
      uses: str(job, 'uses'),
      steps
    });
  }
  return result;
}

const DEPLOY_RUN =
  /\b(pm2\s+(deploy|reload|restart|start|startOrReload|startOrRestart)|shipgate\s+deploy|kubectl\s+(apply|rollout|set\s+image)|helm\s+(upgrade|install)|aws\s+ecs\s+update-service|ecs\s+deploy|fly(ctl)?\s+deploy|vercel\b.*--prod|netlify\s+deploy|serverless\s+deploy|sls\s+deploy|cap\s+\w+\s+deploy|kamal\s+deploy|docker\s+(stack\s+deploy|compose\b.*\bup)|npm\s+run\s+deploy|rsync\b.*@|scp\b.*:)/;
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
  if (/deploy/i.test(`${job.id} ${job.name ?? ''}`) && job.steps.length > 0) return job.line;
  return null;
}

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
