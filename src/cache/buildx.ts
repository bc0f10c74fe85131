import { keyComponent } from './keys.js';

/**
 * Docker buildx uses its own `type=gha` cache backend: no local directory (which grows without
 * bound), the entries live in the Actions cache and are evicted with it. These strings are what
 * `docker buildx build --cache-from/--cache-to` (or docker/build-push-action) take.
 */
export interface BuildxCacheSpec {
  image: string;
  scope: string;
  cacheFrom: string;
  /** Empty when the cache mode does not permit writes. */
  cacheTo: string;
}

/** The variables the gha backend of buildkit reads from the environment of later steps. */
export const BUILDX_RUNTIME_VARIABLES = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2'
] as const;

export function buildxScope(image: string): string {
  // registry/owner/name:tag -> owner_name: one scope per image, independent of the tag
  const withoutTag = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const parts = withoutTag.split('/');
  const isRegistry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost');
  const short = isRegistry ? parts.slice(1) : parts;
  return `shipgate-${keyComponent(short.join('_'))}`;
}

export function buildxCacheSpecs(images: string[], writable: boolean): BuildxCacheSpec[] {
  const list = images.length > 0 ? images : ['default'];
  return list.map(image => {
    const scope = buildxScope(image);
    return {
      image,
      scope,
      cacheFrom: `type=gha,scope=${scope}`,
      cacheTo: writable ? `type=gha,scope=${scope},mode=max,ignore-error=true` : ''
    };
  });
}
