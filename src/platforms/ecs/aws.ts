/**
 * The AWS SDK v3 clients of the ECS target, loaded on first use (dynamic import): no other
 * command pays their start-up time. Region, credentials and endpoints come from the SDK's own
 * chain (AWS_REGION, AWS_ACCESS_KEY_ID, web identity, AWS_ENDPOINT_URL_ECS, ...). Every AWS error
 * becomes an OperationError (exit 3) naming the call, the AWS error code and what to check.
 */
import type * as Ecs from '@aws-sdk/client-ecs';
import type * as Elb from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { messageOf, OperationError } from '../../errors.js';

/** An AWS call that failed; `code` is AWS's error code (ThrottlingException, AccessDeniedException, ...). */
export class AwsCallError extends OperationError {
  constructor(
    readonly operation: string,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'AwsCallError';
  }
}

/** What to check for an AWS error code: the user acts on this line. */
export function hintFor(code: string, operation: string): string {
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code))
    return `the role shipgate runs as lacks a permission for ${operation}: see the IAM policy in docs/ecs.md`;
  if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(code))
    return 'AWS throttled the calls after the SDK retried them: run again later, or look for another tool polling the same account';
  if (/ClusterNotFound/i.test(code)) return 'the --cluster name and the region (AWS_REGION)';
  if (/ServiceNotFound|ServiceNotActive/i.test(code))
    return 'the --service name, its cluster and the region (AWS_REGION)';
  if (
    /UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|InvalidSignature|CredentialsProviderError/i.test(
      code
    )
  )
    return 'the AWS credentials (aws-actions/configure-aws-credentials, AWS_ACCESS_KEY_ID, the session token and its expiry)';
  if (/ResourceNotFound|TargetGroupNotFound/i.test(code))
    return 'that the resource exists in this account and region';
  if (/ClientException|InvalidParameter|ValidationError/i.test(code))
    return 'the task definition and service settings named in the message';
  if (/Region/i.test(code)) return 'AWS_REGION (or the region of the profile)';
  return 'the AWS status of the service and the network route to the AWS endpoints';
}

/** Access key ids and session tokens never reach a log, whatever an error says. */
export function redactAws(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '$1***')
    .replace(/(X-Amz-Security-Token|SessionToken|Credential)=[^&\s,]+/gi, '$1=***');
}

export function toOperationError(operation: string, error: unknown): AwsCallError {
  const e = error as { name?: string; Code?: string; code?: string; message?: string };
  let code = e?.Code ?? e?.name ?? e?.code ?? 'Error';
  if (code === 'Error' || code === 'TypeError')
    code = /region/i.test(messageOf(error)) ? 'MissingRegion' : code;
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(messageOf(error))) code = 'NetworkingError';
  const message = redactAws(messageOf(error)).replace(/\s+/g, ' ').slice(0, 400);
  return new AwsCallError(
    operation,
    code,
    `AWS ${operation} failed: ${code}: ${message}. Check ${hintFor(code, operation)}.`
  );
}

export interface AwsModules {
  ecs: typeof Ecs;
  elb: typeof Elb;
  logs: typeof Logs;
}

/** The three clients, created once per command from the SDK's environment. */
export class AwsClients {
  private constructor(
    readonly modules: AwsModules,
    readonly ecs: Ecs.ECSClient,
    readonly elb: Elb.ElasticLoadBalancingV2Client,
    readonly logs: Logs.CloudWatchLogsClient
  ) {}

  static async open(): Promise<AwsClients> {
    // (the SDK's notice about its future Node versions is not the user's business here)
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const [ecs, elb, logs] = await Promise.all([
      import('@aws-sdk/client-ecs'),
      import('@aws-sdk/client-elastic-load-balancing-v2'),
      import('@aws-sdk/client-cloudwatch-logs')
    ]);
    return new AwsClients(
      { ecs, elb, logs },
      new ecs.ECSClient({}),
      new elb.ElasticLoadBalancingV2Client({}),
      new logs.CloudWatchLogsClient({})
    );
  }

  /** One call, its error mapped: `send('ecs', 'DescribeServices', input)`. */
  async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toOperationError(operation, error);
    }
  }

  close(): void {
    this.ecs.destroy();
    this.elb.destroy();
    this.logs.destroy();
  }
}
