/**
 * Which code serves, on a local target with real PM2: the matrix of PM2 shapes (issue 10).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pm2Bin, usePm2Home } from './helpers/pm2.js';
import { pm2As, proofMatrix } from './helpers/proof-matrix.js';

const pm2 = usePm2Home();
afterAll(() => pm2.kill());
const work = mkdtempSync(join(tmpdir(), 'shipgate-proof-local-'));

describe('local target, real PM2: every shape serves the code of the release that passed', () => {
  proofMatrix({
    name: 'local',
    flags: () => ['--target', 'local', '--pm2-bin', pm2Bin],
    workDir: () => work,
    pm2: (args, cwd) => pm2As(pm2Bin, { ...process.env, PM2_HOME: pm2.home })(args, cwd)
  });
});
