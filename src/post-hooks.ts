import { cacheSaveHook } from './commands/cache.js';
import { releaseCleanupHook } from './platforms/host/post-cleanup.js';

/** Cleanup work run by the post step for the commands that need it (none for gate). */
export interface PostHook {
  name: string;
  commands: string[];
  run(): Promise<void>;
}

export const postHooks: PostHook[] = [cacheSaveHook, releaseCleanupHook];
