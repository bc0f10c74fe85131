import { lineOf } from '../util/text.js';

/** An ECS container definition, as far as the pre-deploy checks go. */
export interface EcsContainer {
  name: string;
  /** Line of the container's `"name"` in the file. */
  line: number;
  image: string | null;
  imageLine: number;
  essential: boolean;
  /** Names set by `environment` and `secrets` (values are never kept). */
  envNames: Set<string>;
  /** `environmentFiles` (S3): names that cannot be seen from the repository. */
  hasEnvironmentFiles: boolean;
  healthCheck: { line: number; startPeriod: number | null } | null;
  logConfiguration: boolean;
  portMappings: boolean;
}

export interface EcsTaskDefinition {
  family: string | null;
  containers: EcsContainer[];
}

/** First line at or after `fromLine` where `"key"` appears (with this value, when given). */
function keyLine(text: string, key: string, fromLine: number, value?: string): number {
  const lines = text.split('\n');
  const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `"${escaped(key)}"\\s*:${value === undefined ? '' : `\\s*${escaped(JSON.stringify(value))}`}`
  );
  for (let i = Math.max(0, fromLine - 1); i < lines.length; i++) if (pattern.test(lines[i])) return i + 1;
  return fromLine;
}

/** A task definition (RegisterTaskDefinition input or DescribeTaskDefinition output); null when it is not one. */
export function readTaskDefinition(
  json: Record<string, unknown> | null,
  text: string
): EcsTaskDefinition | null {
  if (!json) return null;
  const root = (
    json.taskDefinition && typeof json.taskDefinition === 'object' ? json.taskDefinition : json
  ) as Record<string, unknown>;
  const list = root.containerDefinitions;
  if (!Array.isArray(list)) return null;
  const containers: EcsContainer[] = [];
  let cursor = lineOf(text, '"containerDefinitions"') ?? 1;
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name : '?';
    const line = typeof c.name === 'string' ? keyLine(text, 'name', cursor, c.name) : cursor;
    const envNames = new Set<string>();
    for (const key of ['environment', 'secrets'])
      if (Array.isArray(c[key]))
        for (const e of c[key] as unknown[])
          if (e && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string')
            envNames.add((e as { name: string }).name);
    const health =
      c.healthCheck && typeof c.healthCheck === 'object' ? (c.healthCheck as Record<string, unknown>) : null;
    containers.push({
      name,
      line,
      image: typeof c.image === 'string' ? c.image : null,
      imageLine: typeof c.image === 'string' ? keyLine(text, 'image', cursor, c.image) : line,
      essential: c.essential !== false,
      envNames,
      hasEnvironmentFiles: Array.isArray(c.environmentFiles) && c.environmentFiles.length > 0,
      healthCheck: health
        ? {
            line: keyLine(text, 'healthCheck', cursor),
            startPeriod: typeof health.startPeriod === 'number' ? health.startPeriod : null
          }
        : null,
      logConfiguration: !!c.logConfiguration && typeof c.logConfiguration === 'object',
      portMappings: Array.isArray(c.portMappings) && c.portMappings.length > 0
    });
    cursor = line + 1;
  }
  return { family: typeof root.family === 'string' ? root.family : null, containers };
}
