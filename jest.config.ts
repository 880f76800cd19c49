import type { Config } from 'jest';

type Project = NonNullable<Config['projects']>[number] & object;

// Jest's `testTimeout` is global only: each tier sets `globals.tierTimeout`, applied by test/support/tier-timeout.ts.

/** What every tier shares: Jest runs TypeScript through SWC (fast, no type-check; `tsc --noEmit` in `npm test` checks types). */
const common = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // middy and echarts' modular entries (with zrender) are published as ESM only: let SWC turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|echarts|zrender)/)'],
} satisfies Project;

/**
 * The test tiers, each a Jest project with its own timeout (`npm run test:<tier>`, or
 * `jest --selectProjects <tier>`):
 * - `unit`: pure code, in process: no network, no child processes, no servers (a guard fails any test that tries);
 * - `cdk`: CDK synthesis and template assertions (the whole stack is synthesized once per run and shared);
 * - `integration`: real parts over loopback (dynalite, the API server, the embedded default, the CLI as a process);
 * - `browser`: the demo organization, loaded once per run, through the API and in the console in Debian's Chromium.
 */
const projects: Project[] = [
  {
    ...common,
    displayName: 'unit',
    testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts', '<rootDir>/test/support/unit-guard.ts'],
    globals: { tierTimeout: 10_000 },
  },
  {
    ...common,
    displayName: 'cdk',
    testMatch: ['<rootDir>/test/cdk/**/*.test.ts'],
    globalSetup: '<rootDir>/test/cdk/global-setup.ts',
    setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts'],
    globals: { tierTimeout: 120_000 },
  },
  {
    ...common,
    displayName: 'integration',
    testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts'],
    // Generous: integration tests run real servers and state machines on 2 shared cores in CI.
    globals: { tierTimeout: 180_000 },
  },
  {
    ...common,
    displayName: 'browser',
    testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts'],
    globals: { tierTimeout: 180_000 },
  },
];

const config: Config = {
  projects,
  // Two workers on CI's two cores (Jest's default is cores − 1 = one): suites wait on child
  // processes and loopback servers often enough that the second core pays (clean-clone CI: 9 m 45 s
  // on one worker, 6 m 59 s on two, 143 suites).
  maxWorkers: 2,
};

export default config;
