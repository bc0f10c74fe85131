// @ts-expect-error plain ESM module shared with the benchmark
import { startAwsEmulator as start } from '../../scripts/peers/aws/emulator.mjs';
// @ts-expect-error plain ESM module shared with the benchmark
import * as model from '../../scripts/peers/aws/model.mjs';
// @ts-expect-error plain ESM module shared with the benchmark
import * as query from '../../scripts/peers/aws/protocol-query.mjs';
// @ts-expect-error plain ESM module shared with the benchmark
import * as json from '../../scripts/peers/aws/protocol-json.mjs';
// @ts-expect-error plain ESM module shared with the benchmark
import { circuitBreakerThreshold as threshold } from '../../scripts/peers/aws/scheduler.mjs';

/** The emulator's own delays, in real milliseconds. */
export interface AwsEmulatorTiming {
  schedulerMs: number;
  provisioningMs: number;
  pendingMs: number;
  deprovisioningMs: number;
  healthCheckTimeoutFloorMs: number;
  proxyTimeoutMs: number;
}

export interface AwsEmulatorOptions {
  region?: string;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Real milliseconds per AWS second (1000 = real time): scales every duration the APIs give in seconds. */
  secondMs?: number;
  timing?: Partial<AwsEmulatorTiming>;
  images?: Record<string, ImageSpec>;
  secrets?: Record<string, string>;
  verifySignatures?: boolean;
}

/** What an image name runs: no Docker here, a container is a process. */
export interface ImageSpec {
  command: string;
  args?: string[];
  cwd?: string;
  /** the image's own environment (Docker ENV), under the task definition's */
  env?: Record<string, string>;
}

/** Target group settings, named as in CreateTargetGroup (seconds are AWS seconds, scaled by secondMs). */
export interface TargetGroupSettings {
  name: string;
  healthCheckPath?: string;
  healthCheckIntervalSeconds?: number;
  healthCheckTimeoutSeconds?: number;
  healthyThresholdCount?: number;
  unhealthyThresholdCount?: number;
  /** HttpCode: "200", "200,202", "200-299" */
  matcher?: string;
  healthCheckEnabled?: boolean;
  deregistrationDelaySeconds?: number;
  port?: number;
  targetType?: 'ip' | 'instance';
}

export interface CreatedTargetGroup {
  arn: string;
  url: string;
  port: number;
  name: string;
}

export interface EmulatedServiceInput {
  cluster?: string;
  serviceName: string;
  /** an ARN or family[:revision], or a task definition (RegisterTaskDefinition input) to register */
  taskDefinition: string | object;
  desiredCount?: number;
  loadBalancers?: Array<{
    targetGroupArn?: string;
    targetGroup?: TargetGroupSettings;
    containerName: string;
    containerPort: number;
  }>;
  deploymentConfiguration?: {
    minimumHealthyPercent?: number;
    maximumPercent?: number;
    deploymentCircuitBreaker?: {
      enable: boolean;
      rollback: boolean;
      resetOnHealthyTask?: boolean;
      thresholdConfiguration?: { type: 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT'; value: number };
    };
  };
  healthCheckGracePeriodSeconds?: number;
  launchType?: 'EC2' | 'FARGATE';
  networkConfiguration?: Record<string, unknown>;
  tags?: Array<{ key: string; value: string }>;
  propagateTags?: 'SERVICE' | 'TASK_DEFINITION' | 'NONE';
}

export interface EmulatedService {
  serviceArn: string;
  serviceName: string;
  cluster: string;
  taskDefinitionArn: string;
  targetGroupArns: string[];
  /** the load balancer's URL (of the first target group) */
  url?: string;
}

export interface DeploymentView {
  id: string;
  status: 'PRIMARY' | 'ACTIVE';
  taskDefinitionArn: string;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** consecutive failed tasks, as DescribeServices reports them (reset by a healthy task) */
  failedTasks: number;
  /** every failed task of the deployment */
  failedTotal: number;
}

export interface ServiceView {
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinitionArn: string;
  steady: boolean;
  deployments: DeploymentView[];
  /** newest first, as DescribeServices */
  events: string[];
}

export interface TaskView {
  id: string;
  arn: string;
  taskDefinitionArn: string;
  deploymentId?: string;
  lastStatus: string;
  desiredStatus: string;
  healthStatus: string;
  stopCode?: string;
  stoppedReason?: string;
  exitCode?: number;
  hostPort?: number;
  createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
}

export interface TargetView {
  Target: { Id: string; Port?: number };
  HealthCheckPort?: string;
  TargetHealth: { State: string; Reason?: string; Description?: string };
}

export interface InjectedError {
  readonly used: number;
  clear(): void;
}

export interface AwsEmulator {
  url: string;
  region: string;
  accountId: string;
  /** the variables that point the AWS SDK at the emulator (endpoints, region, keys) */
  env: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clock: { secondMs: number; timing: AwsEmulatorTiming; seconds(s: number): number };
  registerImage(name: string, spec: ImageSpec): void;
  setSecret(valueFrom: string, value: string): void;
  createCluster(name?: string): { clusterArn: string; clusterName: string };
  createLogGroup(name: string): void;
  createTargetGroup(settings: TargetGroupSettings): Promise<CreatedTargetGroup>;
  registerTaskDefinition(input: object): string;
  createService(input: EmulatedServiceInput): Promise<EmulatedService>;
  /** the load balancer URL of a target group ARN, or of a service ("cluster/service") */
  publicUrl(ref: string): string;
  service(cluster: string, service: string): ServiceView;
  tasks(cluster?: string, service?: string): TaskView[];
  /** task definition ARNs of the tasks that receive traffic now (registered, not draining) */
  servingTaskDefinitions(cluster: string, service: string): string[];
  targetGroup(arn: string): {
    arn: string;
    url: string;
    targets: TargetView[];
    served: { total: number; byStatus: Record<string, number> };
  };
  taskOutput(taskId: string): string[];
  logMessages(group: string, stream: string): string[];
  calls(): Array<{ service: 'ecs' | 'elbv2' | 'logs'; op: string; input: unknown; at: number }>;
  /** model violations, unroutable requests, refused signatures, failures inside the emulator */
  errors(): string[];
  clearErrors(): void;
  /** the next `times` calls of `op` ("DescribeServices" or "ecs:DescribeServices") fail with `error` */
  injectError(
    op: string,
    error?: string | { code: string; message?: string; status?: number },
    times?: number
  ): InjectedError;
  /** kills every task process, closes every port, clears every timer */
  stop(): Promise<void>;
}

/** ECS, ELBv2 and CloudWatch Logs on 127.0.0.1 for the real AWS SDK (see scripts/peers/aws/README.md). */
export const startAwsEmulator = start as (options?: AwsEmulatorOptions) => Promise<AwsEmulator>;

export type ServiceModel = { id: string; protocol: 'json' | 'query' };

/** The published service models and the validator the emulator checks every message with. */
export const awsModels = model as {
  getModel(id: 'ecs' | 'elbv2' | 'logs'): ServiceModel;
  validateInput(model: ServiceModel, op: string, value: unknown): string[];
  validateOutput(model: ServiceModel, op: string, value: unknown): string[];
  validateError(model: ServiceModel, code: string, body: unknown): string[];
};

type Answer = { status: number; headers: Record<string, string>; body: string };
type Hooks = {
  recordError(message: string): void;
  recordCall(service: string, op: string, input: unknown): void;
  takeInjected(service: string, op: string): unknown;
};
type Protocol = (request: { headers: Record<string, string>; body: string }) => Promise<Answer>;
type Handlers = Record<string, (input: Record<string, unknown>) => unknown>;

/** The protocol layers, to show them a malformed answer. */
export const awsProtocols = {
  createJsonProtocol: json.createJsonProtocol as (args: {
    model: ServiceModel;
    handlers: Handlers;
    hooks: Hooks;
  }) => Protocol,
  createQueryProtocol: query.createQueryProtocol as (args: {
    model: ServiceModel;
    handlers: Handlers;
    hooks: Hooks;
  }) => Protocol
};

/** The deployment circuit breaker's failure threshold for a desired count (and thresholdConfiguration). */
export const circuitBreakerThreshold = threshold as (
  desiredCount: number,
  breaker?: { thresholdConfiguration?: { type: string; value: number } }
) => number;
