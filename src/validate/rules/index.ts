import { Rule, RuleMeta } from '../types.js';
import { bootSmokeMeta } from './boot-smoke-meta.js';
import { deployScriptDrift } from './deploy-script-drift.js';
import { dockerfileBasePin } from './dockerfile-base-pin.js';
import { dockerfileHealthcheck } from './dockerfile-healthcheck.js';
import { dockerfileLayerOrder } from './dockerfile-layer-order.js';
import { dockerfileSecrets } from './dockerfile-secrets.js';
import { dockerfileUser } from './dockerfile-user.js';
import { ecsHealthCheckStartPeriod, ecsImagePinned, ecsLogConfiguration } from './ecs-task-definition.js';
import { envContract } from './env-contract.js';
import { gitignoreBuildOutput } from './gitignore-build-output.js';
import { moduleFormatConflict } from './module-format-conflict.js';
import { processRestartPolicy } from './process-restart-policy.js';
import { staleBuildOutput } from './stale-build-output.js';
import { workflowDeployNeedsTests } from './workflow-deploy-needs-tests.js';

/** The static rules, in the order they run and are documented. One module each. */
export const staticRules: Rule[] = [
  staleBuildOutput,
  moduleFormatConflict,
  processRestartPolicy,
  deployScriptDrift,
  gitignoreBuildOutput,
  envContract,
  dockerfileBasePin,
  dockerfileLayerOrder,
  dockerfileUser,
  dockerfileHealthcheck,
  dockerfileSecrets,
  workflowDeployNeedsTests,
  ecsHealthCheckStartPeriod,
  ecsLogConfiguration,
  ecsImagePinned
];

/** Every rule, the opt-in boot-smoke included: for configuration, SARIF and the README. */
export const allRules: RuleMeta[] = [...staticRules, bootSmokeMeta];
