import type { DeployedTaskDefinition } from '../deployment.js';
import type { EcsContainer } from '../task-definition.js';
import { RawFinding, Rule, ParsedRepo } from '../types.js';

/** The containers of each deployed task definition, with the evidence for the finding. */
function containers(
  repo: ParsedRepo
): { task: DeployedTaskDefinition; container: EcsContainer; evidence: string }[] {
  return repo.deployment.taskDefinitions.flatMap(task =>
    task.definition.containers.map(container => ({
      task,
      container,
      evidence: `${task.file}: ${task.evidence}`
    }))
  );
}

export const ecsHealthCheckStartPeriod: Rule = {
  id: 'ecs-health-check-start-period',
  title: 'An ECS container health check without startPeriod',
  severity: 'warning',
  why: 'Without startPeriod, health check failures count from the first second: a container that takes longer to boot than interval x retries is killed and replaced in a loop, and the service never becomes stable.',
  fix: 'Set healthCheck.startPeriod (in seconds, up to 300) to longer than the app takes to start, e.g. 60.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { task, container, evidence } of containers(repo))
      if (container.healthCheck && container.healthCheck.startPeriod === null)
        findings.push({
          file: task.file,
          line: container.healthCheck.line,
          message: `Container '${container.name}' has a healthCheck without startPeriod: failed checks count from the first second, and a slow start is killed.`,
          evidence
        });
    return findings;
  }
};

export const ecsLogConfiguration: Rule = {
  id: 'ecs-log-configuration',
  title: 'An essential ECS container without a log configuration',
  severity: 'warning',
  why: 'A container without logConfiguration leaves no logs when it dies: the second outage had to guess between missing env vars, a database route and a panic at start.',
  fix: 'Add a logConfiguration with the awslogs driver (awslogs-group, awslogs-region, awslogs-stream-prefix) to the container.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { task, container, evidence } of containers(repo))
      if (container.essential && !container.logConfiguration)
        findings.push({
          file: task.file,
          line: container.line,
          message: `Essential container '${container.name}' has no logConfiguration: when it crashes, there is no log to tell why.`,
          evidence
        });
    return findings;
  }
};

const PLACEHOLDER_IMAGE = /<|>|\$\{|\{\{|%|^[A-Z_]+$|PLACEHOLDER|REPLACE|IMAGE/;

export const ecsImagePinned: Rule = {
  id: 'ecs-image-pinned',
  title: 'An ECS container image that is :latest or untagged',
  severity: 'warning',
  why: 'A task definition that names `:latest` (or no tag) does not say what it runs: a new task, a scale-out or a rollback to this revision pulls whatever latest is then, not the release that passed its gate.',
  fix: 'Reference the image by an immutable tag (the commit SHA or release id) or digest, or let the deploy fill it in (amazon-ecs-render-task-definition, shipgate deploy --image).',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { task, container, evidence } of containers(repo)) {
      const image = container.image;
      if (
        !image ||
        task.renderedContainers.has(container.name) ||
        PLACEHOLDER_IMAGE.test(image) ||
        image.includes('@sha256:')
      )
        continue;
      const last = image.slice(image.lastIndexOf('/') + 1);
      const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : null;
      if (tag === null || tag === 'latest')
        findings.push({
          file: task.file,
          line: container.imageLine,
          message: `Container '${container.name}' runs ${image}${tag === null ? ' (no tag: latest)' : ''}: a rollback to this revision would not bring back the image that was deployed.`,
          evidence
        });
    }
    return findings;
  }
};
