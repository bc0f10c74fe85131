// npm run bench: prints one table per area. Medians over several runs; this machine is shared
// and noisy, so these are measurements, not pass/fail tests.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { printTable, repoRoot } from '../bench/util.mjs';

execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', join(repoRoot, 'tsconfig.json')], {
  stdio: 'inherit'
});
const only = process.argv[2];

const sections = [
  [
    'gate',
    async () => {
      const { detectionLatency, coldStart } = await import('../bench/gate.mjs');
      return [...(await detectionLatency()), ...(await coldStart())];
    }
  ],
  [
    'deploy',
    async () => {
      const { recovery, failedRequests } = await import('../bench/deploy.mjs');
      return [...(await recovery()), ...(await failedRequests())];
    }
  ],
  [
    'deploy-baseline',
    async () => {
      const { deployBaseline } = await import('../bench/deploy-baseline.mjs');
      return deployBaseline();
    }
  ],
  [
    'pm2-list',
    async () => {
      const { pm2ListReadings } = await import('../bench/pm2-list.mjs');
      return pm2ListReadings();
    }
  ],
  [
    'bluegreen',
    async () => {
      const { bluegreen } = await import('../bench/bluegreen.mjs');
      return bluegreen();
    }
  ],
  [
    'ssh',
    async () => {
      const { sshDeploys } = await import('../bench/ssh.mjs');
      return sshDeploys();
    }
  ],
  [
    'ecs',
    async () => {
      const { ecsSideBySide } = await import('../bench/ecs.mjs');
      return ecsSideBySide();
    }
  ],
  [
    'validate',
    async () => {
      const { validateStartup } = await import('../bench/validate.mjs');
      return validateStartup();
    }
  ],
  [
    'validate-real',
    async () => {
      const { scoreCorpus } = await import('../bench/validate-real.mjs');
      const { rows, repos, summary, unclassified } = scoreCorpus();
      printTable(repos);
      console.log('');
      printTable(rows);
      console.log('');
      for (const line of unclassified) console.log(`unclassified: ${line}`);
      return [summary];
    }
  ],
  [
    'cache',
    async () => {
      const { history, throughput } = await import('../bench/cache.mjs');
      printTable(await history());
      console.log('');
      return throughput();
    }
  ]
];

for (const [name, run] of sections) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}\n`);
  printTable(await run());
}
