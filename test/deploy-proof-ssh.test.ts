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
import { sshFlags } from './helpers/sites.js';
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
  await sshd?.stop();
});

describe('over SSH as a non-root user with an nvm-style pm2: every shape serves the code of the release that passed', () => {
  proofMatrix({
    name: 'ssh',
    flags: () => sshFlags(sshd),
    workDir: () => work,
    own: path => user.own(path),
    pm2Daemon: name => user.pm2Daemon(name),
    pm2: (bin, args, cwd) => user.run([bin, ...args], { cwd })
  });
});
