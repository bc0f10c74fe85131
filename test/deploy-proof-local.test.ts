/**
 * Which code serves, on a local target with real PM2: the matrix of PM2 shapes (issue 10).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pm2Daemon } from './helpers/pm2.js';
import { pm2Here, proofMatrix } from './helpers/proof-matrix.js';

const work = mkdtempSync(join(tmpdir(), 'shipgate-proof-local-'));

describe('local target, real PM2: every shape serves the code of the release that passed', () => {
  proofMatrix({
    name: 'local',
    flags: () => ['--target', 'local'],
    workDir: () => work,
    pm2Daemon,
    pm2: pm2Here
  });
});
