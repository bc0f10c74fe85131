import { jsonOption, OptionSpec } from '../options.js';
import { DEFAULT_CONFIG_PATH } from './config.js';

/** The validate flags (CLI) and inputs (action.yml), named alike. */
export const validateOptions: OptionSpec[] = [
  { name: 'dir', description: 'Directory of the repository or artifact to validate.', default: '.' },
  {
    name: 'require-env',
    description:
      'Names of environment variables the app needs (commas, newlines or repeated flags); checked with the keys of .env.example against env-file or the environment.',
    multiple: true
  },
  {
    name: 'env-file',
    description:
      'Env file (KEY=value lines) to check the required variables against; without it, the environment. Values are never printed.'
  },
  {
    name: 'config',
    description: 'Rule configuration (turn rules off, change severities), relative to dir.',
    default: DEFAULT_CONFIG_PATH
  },
  { name: 'sarif', description: 'Also write the findings as SARIF 2.1.0 to this file (for code scanning).' },
  {
    name: 'boot',
    description:
      'Opt-in boot-smoke rule: the production start command (e.g. "npm start"), run in dir, gated briefly on boot-url, then stopped.'
  },
  {
    name: 'boot-url',
    description: 'Health URL of the booted app (http://127.0.0.1:PORT/health); required with boot.'
  },
  { name: 'boot-timeout', description: 'Time the booted app has to become healthy.', default: '30s' },
  { name: 'boot-window', description: 'Time the booted app must then stay healthy.', default: '5s' }
];

export const validateCliOptions: OptionSpec[] = [...validateOptions, jsonOption];
