import { isWorkflowPath } from '../files.js';
import { RawFinding, Rule } from '../types.js';
import { runsTests, testsBeforeDeploy } from '../workflow-deploy.js';
import { WorkflowJob } from '../workflow.js';

export const workflowDeployNeedsTests: Rule = {
  id: 'workflow-deploy-needs-tests',
  title: 'A workflow job deploys without needing the tests',
  severity: 'warning',
  why: 'A deploy job without `needs:` on the test job runs in parallel with the tests and ships a release whose tests fail.',
  fix: 'Add `needs: [test]` (the job that runs the tests) to the deploy job, run the tests in the same job before the deploy step, or start the deploy workflow with `on: workflow_run` after the CI workflow.',
  check(repo) {
    const findings: RawFinding[] = [];
    const workflows = [...repo.text.keys()].filter(isWorkflowPath).sort();
    for (const { file, job, line: at } of repo.deployment.deployJobs) {
      const workflow = repo.parsed.workflow(file);
      if (!workflow) continue;
      // a workflow started by another one's completion (CI -> deploy) is gated by it
      if (workflow.events.includes('workflow_run')) continue;
      if (testsBeforeDeploy(job, at)) continue;
      const byId = new Map(workflow.jobs.map(j => [j.id, j]));
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
            : `Job '${job.id}' deploys (line ${at}) but none of the jobs it needs (${job.needs.join(', ')}) runs the tests.`,
        evidence: `job '${job.id}' deploys at ${file}:${at}${workflows.length > 1 ? '' : ''}`
      });
    }
    return findings;
  }
};
