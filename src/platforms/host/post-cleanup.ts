import * as core from '@actions/core';
import { rmSync } from 'node:fs';
import { PostHook } from '../../post-hooks.js';
import { Host } from './transport/host.js';
import { Layout } from './layout.js';
import { releaseLock } from './lock.js';
import { LocalHost } from './transport/local.js';
import { SshSettings } from './open.js';
import { SshHost } from './transport/ssh.js';

/**
 * After a deploy or rollback: when the run was cancelled while it held the lock, release it
 * (only if it is still ours), then remove the private key and known hosts written for SSH.
 */
export const releaseCleanupHook: PostHook = {
  name: 'release cleanup',
  commands: ['deploy', 'rollback', 'releases'],
  async run() {
    const lockState = core.getState('deploy-lock');
    const tempDirs = (() => {
      try {
        return JSON.parse(core.getState('ssh-temp-dir') || '[]') as string[];
      } catch {
        return [];
      }
    })();
    try {
      if (lockState) {
        const { path, createdAt, ssh } = JSON.parse(lockState) as {
          path: string;
          createdAt: string;
          ssh: SshSettings | null;
        };
        const host: Host = ssh
          ? new SshHost({
              host: ssh.host,
              port: ssh.port,
              user: ssh.user,
              keyFile: ssh.keyFile,
              knownHostsFile: ssh.knownHostsFile,
              insecureSkipHostKeyCheck: ssh.insecure,
              controlDir: tempDirs[1] ?? '/tmp'
            })
          : new LocalHost();
        try {
          if (await releaseLock(host, new Layout(path), createdAt)) {
            core.warning(
              `released the deploy lock on ${path} left by this run (it was cancelled or killed mid-deploy)`
            );
          }
        } finally {
          await host.close();
        }
      }
    } finally {
      for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    }
  }
};
