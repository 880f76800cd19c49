import type { Config } from 'jest';

/** Jest runs TypeScript through SWC (fast, no type-check; `tsc --noEmit` in `npm test` checks types). */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // middy and echarts' modular entries (with zrender) are published as ESM only: let SWC turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|echarts|zrender)/)'],
  // Generous: integration tests run real servers and state machines on 2 shared cores in CI.
  testTimeout: 180_000,
  // Two workers on CI's two cores (Jest's default is cores − 1 = one): suites wait on child
  // processes and loopback servers often enough that the second core pays (clean-clone CI: 9 m 45 s
  // on one worker, 6 m 59 s on two, 143 suites).
  maxWorkers: 2,
};

export default config;
