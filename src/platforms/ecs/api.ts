/**
 * The ECS, ELBv2 and CloudWatch Logs calls the target makes, and nothing else (the list in
 * docs/ecs.md, for the IAM policy). Each call's error is mapped by AwsClients.call.
 */
import type {
  ContainerDefinition,
  Deployment,
  Service,
  Tag,
  Task,
  TaskDefinition
} from '@aws-sdk/client-ecs';
import { OperationError } from '../../errors.js';
import { AwsCallError, AwsClients } from './aws.js';

export type { ContainerDefinition, Deployment, Service, Tag, Task, TaskDefinition };

export interface TargetState {
  id: string;
  port: number | null;
  state: string;
  reason: string | null;
}

export class EcsApi {
  constructor(
    readonly aws: AwsClients,
    readonly cluster: string,
    readonly service: string
  ) {}

  private get m() {
    return this.aws.modules;
  }

  async describeService(): Promise<Service> {
    const out = await this.aws.call('ecs:DescribeServices', () =>
      this.aws.ecs.send(
        new this.m.ecs.DescribeServicesCommand({
          cluster: this.cluster,
          services: [this.service],
          include: ['TAGS']
        })
      )
    );
    const found = out.services?.find(s => s.serviceName === this.service || s.serviceArn === this.service);
    if (!found || found.status === 'INACTIVE') {
      const reason = out.failures?.[0]?.reason ?? found?.status ?? 'MISSING';
      throw new OperationError(
        `AWS ecs:DescribeServices: service '${this.service}' not found in cluster '${this.cluster}' (${reason}). Check the --service and --cluster names and the region (AWS_REGION). Nothing was changed.`
      );
    }
    return found;
  }

  async describeTaskDefinition(arn: string): Promise<{ taskDefinition: TaskDefinition; tags: Tag[] }> {
    const out = await this.aws.call('ecs:DescribeTaskDefinition', () =>
      this.aws.ecs.send(
        new this.m.ecs.DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })
      )
    );
    if (!out.taskDefinition)
      throw new OperationError(`AWS ecs:DescribeTaskDefinition returned nothing for ${arn}`);
    return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
  }

  async registerTaskDefinition(input: Record<string, unknown>, tags: Tag[]): Promise<TaskDefinition> {
    const out = await this.aws.call('ecs:RegisterTaskDefinition', () =>
      this.aws.ecs.send(
        new this.m.ecs.RegisterTaskDefinitionCommand({
          ...(input as unknown as ConstructorParameters<typeof this.m.ecs.RegisterTaskDefinitionCommand>[0]),
          tags
        })
      )
    );
    if (!out.taskDefinition?.taskDefinitionArn)
      throw new OperationError('AWS ecs:RegisterTaskDefinition returned no revision');
    return out.taskDefinition;
  }

  async deregisterTaskDefinition(arn: string): Promise<void> {
    await this.aws.call('ecs:DeregisterTaskDefinition', () =>
      this.aws.ecs.send(new this.m.ecs.DeregisterTaskDefinitionCommand({ taskDefinition: arn }))
    );
  }

  /** The newest ACTIVE revisions of a family, newest first (one page: at most `max`). */
  async listRevisions(family: string, max: number): Promise<string[]> {
    const out = await this.aws.call('ecs:ListTaskDefinitions', () =>
      this.aws.ecs.send(
        new this.m.ecs.ListTaskDefinitionsCommand({
          familyPrefix: family,
          status: 'ACTIVE',
          sort: 'DESC',
          maxResults: max
        })
      )
    );
    // familyPrefix matches by prefix: keep this family only
    return (out.taskDefinitionArns ?? []).filter(arn => familyOf(arn) === family);
  }

  async updateService(taskDefinition: string): Promise<Service> {
    const out = await this.aws.call('ecs:UpdateService', () =>
      this.aws.ecs.send(
        new this.m.ecs.UpdateServiceCommand({ cluster: this.cluster, service: this.service, taskDefinition })
      )
    );
    if (!out.service) throw new OperationError('AWS ecs:UpdateService returned no service');
    return out.service;
  }

  async tagsOf(arn: string): Promise<Tag[]> {
    const out = await this.aws.call('ecs:ListTagsForResource', () =>
      this.aws.ecs.send(new this.m.ecs.ListTagsForResourceCommand({ resourceArn: arn }))
    );
    return out.tags ?? [];
  }

  async tag(arn: string, tags: Tag[]): Promise<void> {
    await this.aws.call('ecs:TagResource', () =>
      this.aws.ecs.send(new this.m.ecs.TagResourceCommand({ resourceArn: arn, tags }))
    );
  }

  async untag(arn: string, keys: string[]): Promise<void> {
    await this.aws.call('ecs:UntagResource', () =>
      this.aws.ecs.send(new this.m.ecs.UntagResourceCommand({ resourceArn: arn, tagKeys: keys }))
    );
  }

  /** The service's tasks in one desired status, described (at most 100, the newest ListTasks gives). */
  async tasks(desiredStatus: 'RUNNING' | 'STOPPED', skip: Set<string> = new Set()): Promise<Task[]> {
    const list = await this.aws.call('ecs:ListTasks', () =>
      this.aws.ecs.send(
        new this.m.ecs.ListTasksCommand({
          cluster: this.cluster,
          serviceName: this.service,
          desiredStatus,
          maxResults: 100
        })
      )
    );
    const arns = (list.taskArns ?? []).filter(arn => !skip.has(arn));
    if (arns.length === 0) return [];
    const out = await this.aws.call('ecs:DescribeTasks', () =>
      this.aws.ecs.send(new this.m.ecs.DescribeTasksCommand({ cluster: this.cluster, tasks: arns }))
    );
    return out.tasks ?? [];
  }

  async targetHealth(targetGroupArn: string): Promise<TargetState[]> {
    const out = await this.aws.call('elasticloadbalancing:DescribeTargetHealth', () =>
      this.aws.elb.send(new this.m.elb.DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }))
    );
    return (out.TargetHealthDescriptions ?? []).map(d => ({
      id: d.Target?.Id ?? '',
      port: d.Target?.Port ?? null,
      state: d.TargetHealth?.State ?? 'unknown',
      reason: d.TargetHealth?.Description ?? d.TargetHealth?.Reason ?? null
    }));
  }

  /** The last `limit` lines of a CloudWatch Logs stream; null when the stream is not there. */
  async logTail(group: string, stream: string, limit: number): Promise<string[] | null> {
    try {
      const out = await this.aws.call('logs:GetLogEvents', () =>
        this.aws.logs.send(
          new this.m.logs.GetLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            startFromHead: false,
            limit
          })
        )
      );
      return (out.events ?? []).map(e => e.message ?? '');
    } catch (error) {
      if (error instanceof AwsCallError && error.code === 'ResourceNotFoundException') return null;
      throw error;
    }
  }
}

/** `arn:...:task-definition/api:7` -> `api`. */
export function familyOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1).replace(/:\d+$/, '');
}

/** `arn:...:task-definition/api:7` -> 7. */
export function revisionOf(arn: string): number {
  return Number(/:(\d+)$/.exec(arn)?.[1] ?? 0);
}

export const tagValue = (tags: Tag[], key: string): string | null =>
  tags.find(t => t.key === key)?.value ?? null;
