/** Opens the ECS platform for one command: the SDK is loaded here, and only here. */
import { Identity } from '../../release/steps.js';
import { AwsClients } from './aws.js';
import { EcsApi } from './api.js';
import { EcsPlatform } from './platform.js';
import { EcsTarget } from './target.js';

export async function openEcsPlatform(
  target: EcsTarget,
  who: Identity,
  warn: (message: string) => void
): Promise<EcsPlatform> {
  const aws = await AwsClients.open();
  const settle = Number(process.env.SHIPGATE_ECS_LOCK_SETTLE_MS);
  return new EcsPlatform(aws, new EcsApi(aws, target.cluster, target.service), {
    target,
    who,
    warn,
    lockSettleMs:
      Number.isFinite(settle) && settle >= 0 && process.env.SHIPGATE_ECS_LOCK_SETTLE_MS ? settle : undefined
  });
}
