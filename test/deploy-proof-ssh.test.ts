/**
 * Which code serves over SSH (issue 10): a real OpenSSH server on 127.0.0.1, logged in as a
 * non-root user whose home is not the deploy path, pm2 found only through --pm2-bin (an
 * nvm-style install), real rsync. The matrix of PM2 shapes, the same as on a local target.
 */
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployUser } from './helpers/deploy-user.js';
import { proofMatrix } from './helpers/proof-matrix.js';
import { startSshd, TestSshd } from './helpers/sshd.js';

const user = deployUser('proof-ssh');
const work = mkdtempSync(join(tmpdir(), 'shipgate-proof-ssh-'));
chmodSync(work, 0o755);
user.own(work);
let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startSshd({ user: user.name });
});
afterAll(async () => {
  try {
    user.run([user.pm2Bin, 'kill']);
  } catch {
    // no daemon
  }
  await sshd?.stop();
});

describe('over SSH as a non-root user with an nvm-style pm2: every shape serves the code of the release that passed', () => {
  proofMatrix({
    name: 'ssh',
    flags: () => [
      '--target',
      'ssh',
      '--host',
      '127.0.0.1',
      '--port',
      String(sshd.port),
      '--user',
      sshd.user,
      '--ssh-key-file',
      sshd.keyFile,
      '--known-hosts-file',
      sshd.knownHostsFile,
      '--pm2-bin',
      user.pm2Bin
    ],
    workDir: () => work,
    own: path => user.own(path),
    pm2: (args, cwd) => user.run([user.pm2Bin, ...args], { cwd })
  });
});
