/**
 * The inputs of `--target ecs`, checked before any AWS call (exit 2): names as ECS accepts them,
 * a task definition file that parses and has the container, no flag of another target.
 */
import { readFileSync } from 'node:fs';
import { ConfigurationError, messageOf } from '../../errors.js';
import { Inputs, OptionSpec } from '../../options.js';

export const ecsOptions: OptionSpec[] = [
  { name: 'cluster', description: 'ecs: the cluster (name or ARN).' },
  { name: 'service', description: 'ecs: the service (name or ARN).' },
  {
    name: 'image',
    description:
      "ecs (deploy): the new image; a revision is registered from the service's current one with that container's image replaced."
  },
  {
    name: 'container',
    description:
      'ecs (deploy): the container whose image --image replaces (needed when the task has several).'
  },
  {
    name: 'task-definition',
    description:
      'ecs (deploy): a task definition JSON file (RegisterTaskDefinition input, or DescribeTaskDefinition output) registered as the new revision.'
  }
];

/** Flags of the host targets: refused with --target ecs. */
const HOST_ONLY = [
  'path',
  'host',
  'user',
  'ssh-key',
  'ssh-key-file',
  'known-hosts',
  'known-hosts-file',
  'process',
  'pm2-config',
  'app',
  'pm2-bin',
  'restart-command',
  'pass-env',
  'install-command',
  'shared',
  'strategy',
  'slot-ports',
  'nginx-upstream-file'
];

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/;
const SERVICE_ARN =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/([A-Za-z0-9_-]{1,255}\/)?[A-Za-z0-9_-]{1,255}$/;
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]{0,1023}$/;

/** Fields of DescribeTaskDefinition's output that RegisterTaskDefinition refuses. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt'
];

export interface EcsTarget {
  cluster: string;
  service: string;
  /** deploy: the new image and its container, or a file; null for rollback and releases. */
  source:
    | { kind: 'image'; image: string; container: string | null }
    | { kind: 'file'; file: string; definition: Record<string, unknown>; container: string | null }
    | null;
}

export function isEcs(inputs: Inputs): boolean {
  return inputs.string('target') === 'ecs';
}

function checkName(value: string, input: string, arn: RegExp): string {
  if (!NAME.test(value) && !arn.test(value))
    throw new ConfigurationError(
      `'${value}' is not an ECS ${input} name (1-255 letters, digits, hyphens and underscores) or ARN`,
      input
    );
  return value;
}

/** A task definition file: JSON, a family, containers with names; DescribeTaskDefinition's wrapper and read-only fields are taken off. */
export function parseTaskDefinitionFile(
  file: string,
  text: string,
  container: string | null
): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${file} is not JSON: ${messageOf(error)}`, 'task-definition');
  }
  if (raw && typeof raw === 'object' && 'taskDefinition' in raw)
    raw = (raw as { taskDefinition: unknown }).taskDefinition;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigurationError(`${file} is not a task definition (a JSON object)`, 'task-definition');
  const definition = { ...(raw as Record<string, unknown>) };
  for (const field of READ_ONLY_FIELDS) delete definition[field];
  if (typeof definition.family !== 'string' || !NAME.test(definition.family))
    throw new ConfigurationError(
      `${file} has no valid "family" (1-255 letters, digits, hyphens, underscores)`,
      'task-definition'
    );
  const containers = definition.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0)
    throw new ConfigurationError(`${file} has no "containerDefinitions"`, 'task-definition');
  const names = containers.map(c =>
    c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined
  );
  names.forEach((name, i) => {
    if (typeof name !== 'string' || !NAME.test(name))
      throw new ConfigurationError(`${file}: container ${i + 1} has no valid "name"`, 'task-definition');
    const image = (containers[i] as { image?: unknown }).image;
    if (typeof image !== 'string' || !image.trim())
      throw new ConfigurationError(`${file}: container '${name}' has no "image"`, 'task-definition');
  });
  if (container && !names.includes(container))
    throw new ConfigurationError(
      `${file} has no container '${container}' (it has ${names.join(', ')})`,
      'container'
    );
  return definition;
}

export function parseEcsTarget(inputs: Inputs, mode: 'deploy' | 'rollback' | 'releases'): EcsTarget {
  for (const name of HOST_ONLY) {
    if (inputs.has(name))
      throw new ConfigurationError('is a flag of the local and ssh targets, not of target: ecs', name);
  }
  if (mode === 'deploy' && inputs.has('source'))
    throw new ConfigurationError(
      'is a flag of the local and ssh targets, not of target: ecs (use --image or --task-definition)',
      'source'
    );
  const cluster = checkName(inputs.required('cluster'), 'cluster', CLUSTER_ARN);
  const service = checkName(inputs.required('service'), 'service', SERVICE_ARN);
  const image = inputs.string('image') ?? null;
  const file = inputs.string('task-definition') ?? null;
  const container = inputs.string('container') ?? null;
  if (container !== null && !NAME.test(container))
    throw new ConfigurationError(
      `'${container}' is not an ECS container name (1-255 letters, digits, hyphens and underscores)`,
      'container'
    );
  if (mode !== 'deploy') {
    for (const name of ['image', 'task-definition', 'container'])
      if (inputs.has(name)) throw new ConfigurationError(`only with deploy`, name);
    return { cluster, service, source: null };
  }
  if (image && file) throw new ConfigurationError('give image or task-definition, not both', 'image');
  if (!image && !file)
    throw new ConfigurationError(
      'target ecs needs image (with container when the task has several) or task-definition',
      'image'
    );
  if (image) {
    if (!IMAGE.test(image)) throw new ConfigurationError(`'${image}' is not an image reference`, 'image');
    return { cluster, service, source: { kind: 'image', image, container } };
  }
  let text: string;
  try {
    text = readFileSync(file!, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read ${file}: ${messageOf(error)}`, 'task-definition');
  }
  return {
    cluster,
    service,
    source: {
      kind: 'file',
      file: file!,
      definition: parseTaskDefinitionFile(file!, text, container),
      container
    }
  };
}

/** The flags of the ECS target that a host target refuses. */
export function refuseEcsFlags(inputs: Inputs): void {
  for (const spec of ecsOptions)
    if (inputs.has(spec.name)) throw new ConfigurationError('only with target: ecs', spec.name);
}
