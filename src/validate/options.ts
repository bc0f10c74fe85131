import { jsonOption, OptionSpec } from '../options.js';
import { DEFAULT_CONFIG_PATH } from './files.js';

/** The validate flags (CLI) and inputs (action.yml), named alike. */
export const validateOptions: OptionSpec[] = [
  { name: 'dir', description: 'Directory of the repository or artifact to validate.', default: '.' },
  {
    name: 'require-env',
    description:
      'Names of environment variables the app needs (commas, newlines or repeated flags); with the keys marked `# required` in .env.example, checked against the production env (env-file, check-environment or a task definition).',
    multiple: true
  },
  {
    name: 'env-file',
    description:
      'The production env file (KEY=value lines) to check the required variables against. Its values are masked in the log and never printed, encoded or not.'
  },
  {
    name: 'check-environment',
    description:
      "Treat this step's environment as the production env (a deploy job that receives its secrets as environment variables). Without it, env-file or a task definition, missing variables are not errors: a PR check has no production env.",
    default: 'false',
    flag: true
  },
  {
    name: 'task-definition',
    description:
      'ECS task definition JSON file(s) the deploy registers, relative to dir (commas, newlines or repeated flags); also found by evidence (a workflow that deploys it, a task-definition.json).',
    multiple: true
  },
  {
    name: 'config',
    description:
      'Configuration (rules off or at another severity, paths brought into or left out of scope), relative to dir.',
    default: DEFAULT_CONFIG_PATH
  },
  { name: 'sarif', description: 'Also write the findings as SARIF 2.1.0 to this file (for code scanning).' },
  {
    name: 'boot',
    description:
      'Opt-in boot-smoke rule: the production start command (e.g. "npm start"), run in dir, gated briefly on boot-url, then stopped. The app gets PATH, HOME and the like, the require-env variables and the env file, never the runner\'s tokens or the step\'s inputs.'
  },
  {
    name: 'boot-url',
    description: 'Health URL of the booted app (http://127.0.0.1:PORT/health); required with boot.'
  },
  { name: 'boot-timeout', description: 'Time the booted app has to become healthy.', default: '30s' },
  { name: 'boot-window', description: 'Time the booted app must then stay healthy.', default: '5s' }
];

export const validateCliOptions: OptionSpec[] = [...validateOptions, jsonOption];
