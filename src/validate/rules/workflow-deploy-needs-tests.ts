import { isWorkflowPath } from '../project.js';
import { RawFinding, Rule } from '../types.js';
import { deployLine, parseWorkflow, runsTests, testsBeforeDeploy, WorkflowJob } from '../workflow.js';

export const workflowDeployNeedsTests: Rule = {
  id: 'workflow-deploy-needs-tests',
  title: 'A workflow job deploys without needing the tests',
  severity: 'error',
  why: 'A deploy job without `needs:` on the test job runs in parallel with the tests and ships a release whose tests fail.',
  fix: 'Add `needs: [test]` (the job that runs the tests) to the deploy job, or run the tests in the same job before the deploy step.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const [file, text] of [...repo.text].sort(([a], [b]) => a.localeCompare(b))) {
      if (!isWorkflowPath(file)) continue;
      const jobs = parseWorkflow(text);
      if (!jobs) continue;
      const byId = new Map(jobs.map(j => [j.id, j]));
      for (const job of jobs) {
        const at = deployLine(job);
        if (at === null || testsBeforeDeploy(job, at)) continue;
        const seen = new Set<string>();
        const stack = [...job.needs];
        let tested = false;
        while (stack.length > 0 && !tested) {
          const id = stack.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          const needed: WorkflowJob | undefined = byId.get(id);
          if (!needed) continue;
          tested = runsTests(needed);
          stack.push(...needed.needs);
        }
        if (tested) continue;
        findings.push({
          file,
          line: job.line,
          message:
            job.needs.length === 0
              ? `Job '${job.id}' deploys (line ${at}) without needs: on a job that runs the tests: it ships whether the tests pass or not.`
              : `Job '${job.id}' deploys (line ${at}) but none of the jobs it needs (${job.needs.join(', ')}) runs the tests.`
        });
      }
    }
    return findings;
  }
};
