/**
 * Jest runs the TypeScript sources as ESM through ts-jest (NODE_OPTIONS=--experimental-vm-modules).
 *
 * Two tiers (docs/development.md): `*.unit.test.ts` is the fast tier (pure logic and in-process
 * code: no PM2, no sshd, no emulator, no server that takes seconds), `npm run test:unit`; every
 * other `*.test.ts` is the integration tier against real peers, `npm run test:integration`. A new
 * test file is integration unless it is named `.unit.test.ts`. `npm test` runs both.
 */
const project = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }]
  }
};

export default {
  projects: [
    { ...project, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    {
      ...project,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.unit\\.test\\.ts$']
    }
  ],
  // only a hung test reaches it: every wait inside a test has its own bounded deadline
  testTimeout: 300_000,
  // the integration tier mostly waits on peers (PM2, sshd, nginx, gate windows): more workers than cores
  maxWorkers: 4,
  // test.concurrent (the proof matrix): at most this many cases of one file at once
  maxConcurrency: 3
};
