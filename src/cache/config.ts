import { ConfigurationError } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';

/** The option table of `cache`: CLI flags and action inputs (action.yml) are read from it. */
export const cacheOptions: OptionSpec[] = [
  {
    name: 'presets',
    description:
      'What to cache: auto (detect), none, or names: npm, pnpm, yarn, yarn-classic, yarn-berry, go, next, turbo, tsbuildinfo, buildx. Lines or commas.',
    default: 'auto',
    multiple: true
  },
  {
    name: 'paths',
    description:
      'Extra paths to cache as one more dependency preset named paths (one per line; ~ is the home folder).',
    multiple: true,
    linesOnly: true
  },
  {
    name: 'key-files',
    description:
      'Files whose content keys the paths preset (workspace-relative; default: the lockfiles found).',
    multiple: true
  },
  {
    name: 'working-directory',
    description: 'Folder (inside the workspace) where lockfiles and build configs are looked for.',
    default: '.'
  },
  {
    name: 'save-on-failure',
    description:
      'Save dependency presets also when the job failed (decided in the post step from job-status).',
    default: 'true'
  },
  {
    name: 'job-status',
    description: 'Status of the job, read by the post step. Leave the default: the runner fills it in.',
    default: '${{ job.status }}'
  },
  {
    name: 'buildx-images',
    description:
      'Images built with docker buildx: one cache scope each for the cache-from / cache-to outputs (implies the buildx preset).',
    multiple: true
  },
  {
    name: 'dry-run',
    description: 'Print the detected presets, paths and keys; restore and save nothing.',
    flag: true,
    cliOnly: true
  }
];

export interface CacheConfig {
  presets: string[];
  paths: string[];
  keyFiles: string[];
  workingDirectory: string;
  saveOnFailure: boolean;
  buildxImages: string[];
  dryRun: boolean;
}

export function parseCacheConfig(inputs: Inputs): CacheConfig {
  const workingDirectory = (inputs.string('working-directory') ?? '.').replace(/\\/g, '/');
  if (workingDirectory.startsWith('/') || workingDirectory.split('/').includes('..')) {
    throw new ConfigurationError(
      `'${workingDirectory}' must be a relative path inside the workspace`,
      'working-directory'
    );
  }
  const presets = inputs.list('presets').map(p => p.toLowerCase());
  const buildxImages = inputs.list('buildx-images');
  if (buildxImages.length > 0 && !presets.includes('buildx')) presets.push('buildx');
  for (const image of buildxImages) {
    if (!/^[a-z0-9][a-z0-9._\-/:@]*$/i.test(image))
      throw new ConfigurationError(`'${image}' is not an image name`, 'buildx-images');
  }
  return {
    presets,
    paths: inputs.list('paths'),
    keyFiles: inputs.list('key-files'),
    workingDirectory:
      workingDirectory === '.' ? '' : workingDirectory.replace(/^\.\//, '').replace(/\/+$/, ''),
    saveOnFailure: inputs.boolean('save-on-failure'),
    buildxImages,
    dryRun: inputs.has('dry-run') && inputs.boolean('dry-run')
  };
}
