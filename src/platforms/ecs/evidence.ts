/**
 * Why a revision failed, in the log and the job summary: what the team of outage 2 dug out of the
 * console by hand. Stopped reasons and exit codes of its tasks, the service's last events, and
 * the tail of their CloudWatch Logs streams (from the awslogs settings of the task definition).
 * Never the task definition itself: its environment may hold secrets.
 */
import { FailureEvidence } from '../../release/ports.js';
import { EcsApi, Task, TaskDefinition } from './api.js';
import { describeStoppedTask, isFailureOf } from './watch.js';

const TASKS = 5;
const EVENTS = 8;
const STREAMS = 2;
const LINES = 30;

export interface LogStream {
  group: string;
  stream: string;
}

/** The awslogs streams of a task: `<prefix>/<container>/<task id>` in the container's group. */
export function logStreamsOf(definition: TaskDefinition, task: Task): LogStream[] {
  const id = (task.taskArn ?? '').slice((task.taskArn ?? '').lastIndexOf('/') + 1);
  const streams: LogStream[] = [];
  for (const c of definition.containerDefinitions ?? []) {
    const log = c.logConfiguration;
    if (log?.logDriver !== 'awslogs' || !log.options) continue;
    const group = log.options['awslogs-group'];
    const prefix = log.options['awslogs-stream-prefix'];
    if (group && prefix && c.name && id) streams.push({ group, stream: `${prefix}/${c.name}/${id}` });
  }
  return streams;
}

export async function collectEcsEvidence(
  api: EcsApi,
  taskDefinitionArn: string,
  since: Date | null
): Promise<FailureEvidence> {
  const [stopped, service, definition] = await Promise.all([
    api.tasks('STOPPED'),
    api.describeService(),
    api.describeTaskDefinition(taskDefinitionArn).then(d => d.taskDefinition)
  ]);
  const mine = stopped
    .filter(t => isFailureOf(t, { taskDefinitionArn, deploymentId: null }, since?.getTime() ?? 0))
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, TASKS);
  const details = mine.map(describeStoppedTask);
  const events = (service.events ?? []).slice(0, EVENTS);
  if (events.length)
    details.push(
      `last service events (newest first): ${events.map(e => `[${e.createdAt?.toISOString() ?? '?'}] ${e.message ?? ''}`).join(' | ')}`
    );

  // the crashed tasks' streams first; a revision whose tasks still run shows theirs
  let sources = mine;
  if (sources.length === 0)
    sources = (await api.tasks('RUNNING')).filter(t => t.taskDefinitionArn === taskDefinitionArn);
  const streams = sources.flatMap(t => logStreamsOf(definition, t)).slice(0, STREAMS);
  const lines: string[] = [];
  const read: string[] = [];
  for (const s of streams) {
    const tail = await api.logTail(s.group, s.stream, LINES);
    if (tail === null) continue;
    read.push(`${s.group}:${s.stream}`);
    const tag =
      streams.length > 1
        ? `[${s.stream.slice(s.stream.lastIndexOf('/') + 1, s.stream.lastIndexOf('/') + 9)}] `
        : '';
    lines.push(...tail.map(l => `${tag}${l.replace(/\s+$/, '')}`));
  }
  if (streams.length === 0)
    details.push(
      'no CloudWatch Logs to show: no essential container of this revision has an awslogs log configuration (shipgate validate warns about it)'
    );
  return {
    restarts: mine.length,
    source: read.length ? `CloudWatch Logs ${read.join(', ')}` : null,
    lines,
    details
  };
}
