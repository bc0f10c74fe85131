import { basenameOf, dirnameOf, normaliseRelative, posixJoin } from '../util/text.js';
import type { DockerStage, ParsedDockerfile } from './docker.js';
import {
  isComposePath,
  isDockerfilePath,
  isPm2ConfigPath,
  isShellScriptPath,
  isTaskDefinitionCandidate,
  isWorkflowPath
} from './files.js';
import { readTaskDefinition, EcsTaskDefinition } from './task-definition.js';
import type { ParsedFiles } from './parsed.js';
import type { Scope } from './scope.js';
import type { WorkflowJob, WorkflowStep } from './workflow.js';
import { deployLine } from './workflow-deploy.js';

/**
 * What the repository deploys, and the evidence for each: the Dockerfiles (and their targets)
 * that a workflow or a compose file builds, the PM2 config a deploy starts, the scripts a deploy
 * runs, the ECS task definitions a workflow registers. Rules speak only about these. Pure.
 */

export interface DeployedImage {
  file: string;
  /** The stage built (`--target`), lower-cased; null for the last stage. */
  target: string | null;
  /** Build context, repository-relative ('' for the root). */
  context: string;
  evidence: string;
  /** A compose service or task definition publishes a port for it. */
  listens: boolean;
}

export interface DeployedTaskDefinition {
  file: string;
  evidence: string;
  definition: EcsTaskDefinition;
  /** Containers whose image the deploy fills in (amazon-ecs-render-task-definition). */
  renderedContainers: Set<string>;
}

export interface Deployment {
  images: DeployedImage[];
  /** Deployed PM2 config files -> evidence. */
  pm2Files: Map<string, string>;
  /** Shell scripts and Makefiles that run a deploy on a host -> evidence. */
  deployScripts: Map<string, string>;
  /** Scripts that run inside an image (COPY'd and started there): their paths are the image's. */
  containerScripts: Set<string>;
  taskDefinitions: DeployedTaskDefinition[];
  /** Workflow jobs that deploy, by file. */
  deployJobs: { file: string; job: WorkflowJob; line: number }[];
  /** Files the evidence names that the snapshot has not read (a task definition under any name). */
  unread: string[];
}

const DOCKER_BUILD = /\b(?:docker|podman)\s+(?:buildx\s+build|image\s+build|build)\b/;
const VALUE_FLAGS = new Set([
  '-t',
  '--tag',
  '--build-arg',
  '--platform',
  '--cache-from',
  '--cache-to',
  '--label',
  '--secret',
  '--ssh',
  '-o',
  '--output',
  '--progress',
  '--network',
  '--builder',
  '--iidfile',
  '--metadata-file',
  '--add-host',
  '--build-context',
  '--attest',
  '--annotation',
  '--shm-size',
  '--ulimit'
]);

/** Joins `\` continuations so that a command split over lines is read whole (keeps the first line number). */
export function logicalLines(text: string, firstLine = 1): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, i) => {
    const piece = raw.replace(/\\\s*$/, ' ');
    if (current) current.text += ` ${piece}`;
    else current = { text: piece, line: firstLine + i };
    if (!/\\\s*$/.test(raw)) {
      result.push(current);
      current = null;
    }
  });
  if (current) result.push(current);
  return result;
}

function words(command: string): string[] {
  return command
    .replace(/(^|\s)#.*$/, '')
    .split(/\s+/)
    .map(w => w.replace(/^["']|["']$/g, ''))
    .filter(w => w !== '');
}

/** `docker build -f X --target T CONTEXT` on one logical line. */
export function dockerBuildIn(
  line: string
): { file: string | null; target: string | null; context: string } | null {
  const match = DOCKER_BUILD.exec(line);
  if (!match) return null;
  const rest = words(line.slice(match.index + match[0].length).split(/&&|;|\|/)[0]);
  let file: string | null = null;
  let target: string | null = null;
  let context: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    const [flag, inline] =
      w.startsWith('--') && w.includes('=')
        ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]
        : [w, null];
    if (flag === '-f' || flag === '--file') file = inline ?? rest[++i] ?? null;
    else if (flag === '--target') target = inline ?? rest[++i] ?? null;
    else if (VALUE_FLAGS.has(flag)) {
      if (inline === null) i++;
    } else if (!w.startsWith('-')) context = w;
  }
  return { file, target, context: context ?? '.' };
}

/** Service, target or profile names of things that are not deployed. */
const NOT_DEPLOYED_NAME =
  /^(dev|develop|development|local|debug|test|tests|testing|e2e|ci|deprecated|legacy|old)$/i;

const unresolved = (value: string): boolean => /\$\{\{|\$\w|\$\{/.test(value);

/** Resolves `${{ env.X }}` from the job's and the workflow's env; null when something stays unresolved. */
function resolveExpression(value: string, env: Record<string, string>): string | null {
  const out = value.replace(
    /\$\{\{\s*env\.([A-Za-z_][\w]*)\s*\}\}/g,
    (_m, name: string) => env[name] ?? '${{?}}'
  );
  return unresolved(out) ? null : out;
}

/** A path written relative to a folder (a context, a compose file, a working directory), in the repository. */
function within(base: string, path: string): string | null {
  return normaliseRelative(posixJoin(base, path));
}

function chainOf(parsed: ParsedDockerfile, target: string | null): DockerStage[] {
  const chain: DockerStage[] = [];
  let stage: DockerStage | undefined =
    target === null ? parsed.stages[parsed.stages.length - 1] : parsed.stages.find(s => s.name === target);
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    const base = stage.image.toLowerCase();
    stage = parsed.stages.find(s => s.name === base && s !== stage);
  }
  return chain;
}

/** The stages the image of `target` is built from: its FROM chain and every stage it copies from. */
export function contributingStages(parsed: ParsedDockerfile, target: string | null): DockerStage[] {
  const result: DockerStage[] = [];
  const queue = chainOf(parsed, target);
  while (queue.length > 0) {
    const stage = queue.shift() as DockerStage;
    if (result.includes(stage)) continue;
    result.push(stage);
    for (const instruction of stage.instructions) {
      const from = instruction.args.find(a => /^--from=/i.test(a));
      if (!from) continue;
      const name = from.slice(7).toLowerCase();
      const index = /^\d+$/.test(name) ? Number(name) : -1;
      const source = index >= 0 ? parsed.stages[index] : parsed.stages.find(s => s.name === name);
      if (source) queue.push(...chainOf(parsed, source.name ?? null).filter(s => !result.includes(s)));
    }
  }
  return result;
}

export { chainOf as stageChain };

/** What the analysis reads of the parsed snapshot (types.ts's ParsedRepo has it; named here so the two stay acyclic). */
export interface DeploymentInput {
  text: Map<string, string>;
  parsed: ParsedFiles;
  scope: Scope;
  taskDefinitionFlags: string[];
}

export function analyseDeployment(repo: DeploymentInput): Deployment {
  const images = new Map<string, DeployedImage>();
  // every Dockerfile the walk found is read (files.ts): `text` says which exist
  const addImage = (image: DeployedImage): void => {
    if (!repo.text.has(image.file) || !repo.scope.inScope(image.file)) return;
    const key = `${image.file}#${image.target ?? ''}`;
    const known = images.get(key);
    if (known) known.listens ||= image.listens;
    else images.set(key, image);
  };
  const pm2Files = new Map<string, string>();
  const deployScripts = new Map<string, string>();
  const containerScripts = new Set<string>();
  const taskDefinitions = new Map<string, DeployedTaskDefinition>();
  const rendered = new Map<string, Set<string>>();
  const deployJobs: Deployment['deployJobs'] = [];
  const unread = new Set<string>();
  const addTaskDefinition = (file: string | null, evidence: string): void => {
    if (!file || taskDefinitions.has(file)) return;
    if (!repo.text.has(file)) unread.add(file);
    const definition = readTaskDefinition(repo.parsed.json(file), repo.text.get(file) ?? '');
    if (definition) taskDefinitions.set(file, { file, evidence, definition, renderedContainers: new Set() });
  };
  const mentionsFile = (
    text: string,
    dir: string,
    exists: (p: string) => boolean,
    add: (p: string) => void
  ): void => {
    for (const w of words(text)) {
      const path = within(dir, w.replace(/^\.\//, ''));
      if (path && exists(path)) add(path);
    }
  };

  // 1. workflows: images they build, task definitions they register, scripts and PM2 configs deploy jobs run
  for (const file of [...repo.text.keys()].filter(isWorkflowPath).sort()) {
    const workflow = repo.parsed.workflow(file);
    if (!workflow) continue;
    for (const job of workflow.jobs) {
      const env = { ...workflow.env, ...job.env };
      const deployAt = deployLine(job);
      if (deployAt !== null) deployJobs.push({ file, job, line: deployAt });
      for (const step of job.steps) {
        const cwd = step.workingDirectory ? (resolveExpression(step.workingDirectory, env) ?? '') : '';
        const at = `${file}:${step.line}`;
        for (const image of imagesFromStep(step, env, at, cwd))
          if (!(image.target ?? '').split(/[-_.]/).some(n => NOT_DEPLOYED_NAME.test(n))) addImage(image);
        const withValue = (key: string): string | null =>
          step.with[key] === undefined ? null : resolveExpression(step.with[key], env);
        if (step.uses && /amazon-ecs-render-task-definition/i.test(step.uses)) {
          const path = withValue('task-definition');
          const container = withValue('container-name');
          if (path) {
            const normal = normaliseRelative(path);
            if (normal) {
              addTaskDefinition(normal, `rendered and deployed by ${at}`);
              if (container) rendered.set(normal, new Set([...(rendered.get(normal) ?? []), container]));
            }
          }
        }
        if (
          step.uses &&
          (/amazon-ecs-deploy-task-definition/i.test(step.uses) ||
            (/shipgate/i.test(step.uses) && step.with.command === 'deploy'))
        ) {
          const path = withValue('task-definition');
          if (path) addTaskDefinition(normaliseRelative(path), `deployed by ${at}`);
        }
        if (!step.run) continue;
        for (const l of logicalLines(step.run, step.runLines[0] ?? step.line)) {
          const line = resolveExpression(l.text, env) ?? l.text;
          const register =
            /(?:register-task-definition|shipgate\s+deploy)\b.*?(?:--cli-input-json\s+file:\/\/|--task-definition[\s=]+)(\S+)/.exec(
              line
            );
          if (register)
            addTaskDefinition(
              within(cwd, register[1].replace(/^["']|["']$/g, '')),
              `deployed by ${file}:${l.line}`
            );
          if (deployAt === null) continue;
          const evidence = `run by job '${job.id}' (${file}:${l.line}), which deploys`;
          mentionsFile(
            line,
            cwd,
            p => isShellScriptPath(p) && repo.text.has(p),
            p => deployScripts.set(p, deployScripts.get(p) ?? evidence)
          );
          if (/\bpm2\b/.test(line))
            mentionsFile(
              line,
              cwd,
              p => isPm2ConfigPath(p) && repo.text.has(p),
              p => pm2Files.set(p, pm2Files.get(p) ?? `started by ${file}:${l.line}`)
            );
        }
      }
    }
  }

  // 2. compose files (in scope, not test or dev variants): the images their services build;
  // services for development, tests or kept only for compatibility (a `deprecated` profile) are not
  const notDeployed = new Set<string>();
  for (const file of [...repo.text.keys()].filter(isComposePath).sort()) {
    if (!repo.scope.inScope(file)) continue;
    const compose = repo.parsed.compose(file);
    if (!compose) continue;
    const dir = dirnameOf(file);
    for (const service of compose.services) {
      if (!service.build || unresolved(service.build.context)) continue;
      const context = within(dir, service.build.context) ?? '';
      const dockerfile = service.build.dockerfile ?? 'Dockerfile';
      if (unresolved(dockerfile)) continue;
      const names = [service.name, service.build.target ?? '', ...service.profiles].flatMap(n =>
        n.split(/[-_.]/)
      );
      if (names.some(n => NOT_DEPLOYED_NAME.test(n))) {
        notDeployed.add(within(context, dockerfile) ?? dockerfile);
        continue;
      }
      addImage({
        file: within(context, dockerfile) ?? dockerfile,
        target: service.build.target?.toLowerCase() ?? null,
        context,
        evidence: `built by service '${service.name}' of ${file}:${service.line}`,
        listens: service.listens
      });
    }
  }

  // 3. a plain `Dockerfile` in a folder in scope is what `docker build <folder>` builds
  for (const file of [...repo.text.keys()].filter(isDockerfilePath).sort()) {
    if (!/^(dockerfile|containerfile)$/i.test(basenameOf(file)) || !repo.scope.inScope(file)) continue;
    if ([...images.values()].some(i => i.file === file) || notDeployed.has(file)) continue;
    addImage({
      file,
      target: null,
      context: dirnameOf(file),
      evidence: `${file} is the default build of ${dirnameOf(file) || 'the repository root'}`,
      listens: false
    });
  }

  // scripts an image copies in and starts run inside it, not on the deploy host
  for (const image of images.values()) {
    const parsed = repo.parsed.dockerfile(image.file);
    if (!parsed) continue;
    for (const stage of parsed.stages)
      for (const i of stage.instructions)
        if (
          i.keyword === 'COPY' ||
          i.keyword === 'ADD' ||
          i.keyword === 'ENTRYPOINT' ||
          i.keyword === 'CMD' ||
          i.keyword === 'RUN'
        )
          for (const a of i.args) {
            const path = within(image.context, a.replace(/^\.\//, ''));
            if (path && isShellScriptPath(path) && repo.text.has(path)) containerScripts.add(path);
            if (path && isPm2ConfigPath(path) && repo.text.has(path) && repo.scope.inScope(path))
              pm2Files.set(path, pm2Files.get(path) ?? `copied into the image built from ${image.file}`);
          }
  }

  // 4. package.json scripts that deploy, and deploy-named scripts in scope
  const pkg = repo.parsed.json('package.json');
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command !== 'string') continue;
    const deployish = /deploy|release|^start(:prod(uction)?)?$|^serve$|^prod(uction)?$/i.test(name);
    if (!deployish) continue;
    mentionsFile(
      command,
      '',
      p => isShellScriptPath(p) && repo.text.has(p),
      p => deployScripts.set(p, deployScripts.get(p) ?? `run by package.json script '${name}'`)
    );
    if (/\bpm2\b/.test(command))
      mentionsFile(
        command,
        '',
        p => isPm2ConfigPath(p) && repo.text.has(p),
        p => pm2Files.set(p, pm2Files.get(p) ?? `started by package.json script '${name}'`)
      );
  }
  for (const file of [...repo.text.keys()].filter(isShellScriptPath)) {
    if (!repo.scope.inScope(file) || containerScripts.has(file) || deployScripts.has(file)) continue;
    if (
      /^(deploy|release|ship|rollout|update|restart|start|provision|production|prod)([-_.].*)?\.(sh|bash)$/i.test(
        basenameOf(file)
      )
    )
      deployScripts.set(file, `${file} is named for a deploy`);
    else if (/^(GNUmakefile|Makefile|makefile)$/.test(basenameOf(file)) && dirnameOf(file) === '')
      deployScripts.set(file, 'its deploy targets');
  }
  // PM2 configs the deploy scripts start
  for (const script of deployScripts.keys())
    for (const l of (repo.text.get(script) ?? '').split('\n'))
      if (/\bpm2\b/.test(l))
        mentionsFile(
          l,
          '',
          p => isPm2ConfigPath(p) && repo.text.has(p),
          p => pm2Files.set(p, pm2Files.get(p) ?? `started by ${script}`)
        );
  // a PM2 config at the root of the repository is the app's, by convention
  for (const file of [...repo.text.keys()].filter(isPm2ConfigPath))
    if (!file.includes('/') && !pm2Files.has(file) && repo.scope.inScope(file))
      pm2Files.set(file, `${file} is the repository's PM2 config`);
  for (const file of [...pm2Files.keys()]) if (!repo.scope.inScope(file)) pm2Files.delete(file);

  // 5. ECS task definitions: named by --task-definition, or found by name and content
  for (const file of repo.taskDefinitionFlags) addTaskDefinition(file, `named by --task-definition`);
  for (const file of [...repo.text.keys()].filter(isTaskDefinitionCandidate).sort())
    if (repo.scope.inScope(file))
      addTaskDefinition(file, `${file} is an ECS task definition (by name and content)`);
  for (const [file, containers] of rendered) {
    const known = taskDefinitions.get(file);
    if (known) for (const c of containers) known.renderedContainers.add(c);
  }
  return {
    images: [...images.values()].sort(
      (a, b) => a.file.localeCompare(b.file) || (a.target ?? '').localeCompare(b.target ?? '')
    ),
    pm2Files,
    deployScripts,
    containerScripts,
    taskDefinitions: [...taskDefinitions.values()],
    deployJobs,
    unread: [...unread]
  };
}

function imagesFromStep(
  step: WorkflowStep,
  env: Record<string, string>,
  at: string,
  cwd: string
): DeployedImage[] {
  const result: DeployedImage[] = [];
  if (
    step.uses &&
    /docker\/build-push-action|docker\/bake-action|redhat-actions\/buildah-build/i.test(step.uses)
  ) {
    const context = resolveExpression(step.with.context ?? '.', env);
    const file = step.with.file ?? step.with.dockerfile ?? step.with.containerfiles;
    const resolvedFile = file === undefined ? null : resolveExpression(file, env);
    if (context !== null && (file === undefined || resolvedFile !== null)) {
      const ctx = within(cwd, context) ?? '';
      result.push({
        file: resolvedFile ? (normaliseRelative(resolvedFile) ?? resolvedFile) : posixJoin(ctx, 'Dockerfile'),
        target: step.with.target ? (resolveExpression(step.with.target, env)?.toLowerCase() ?? null) : null,
        context: ctx,
        evidence: `built by ${at} (${step.uses.replace(/@.*$/, '')})`,
        listens: false
      });
    }
  }
  if (step.run)
    for (const l of logicalLines(step.run, step.runLines[0] ?? step.line)) {
      const line = resolveExpression(l.text, env);
      const build = line ? dockerBuildIn(line) : null;
      if (!build || unresolved(build.context) || (build.file && unresolved(build.file))) continue;
      const ctx = within(cwd, build.context) ?? '';
      result.push({
        file: build.file ? (within(cwd, build.file) ?? build.file) : posixJoin(ctx, 'Dockerfile'),
        target: build.target?.toLowerCase() ?? null,
        context: ctx,
        evidence: `built by ${at.replace(/:\d+$/, `:${l.line}`)} (docker build)`,
        listens: false
      });
    }
  return result;
}
