/**
 * Jest runs TypeScript through @swc/jest (type checking is `npm run typecheck`, a separate
 * step of `npm test`). jose, pkijs and the ES-module-only packages pkijs pulls in (asn1js,
 * bytestreamjs, @peculiar/utils, @noble/hashes) are transformed too (Node 20.19+ requires them
 * as ES modules in production); everything else in node_modules is left alone.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/connectors', '<rootDir>/simulators', '<rootDir>/test'],
  testMatch: ['**/__tests__/**/*.test.ts', '**/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|pkijs|asn1js|bytestreamjs|@peculiar/utils|@noble/hashes)/)'],
  testTimeout: 30000,
  // Jest's default is one worker per core but one; most suites wait on loopback servers, so
  // on a 2-core machine two workers take the run from about 6 minutes to 3.5.
  maxWorkers: '100%',
  // The suite starts hundreds of loopback servers and pools; every test closes its own
  // (a run with --detectOpenHandles reports none), but one test failing mid-way must not
  // leave CI waiting on a socket for the rest of its time budget.
  forceExit: true,
  reporters: ['default', ['<rootDir>/test/utils/summary-reporter.js', {}]],
};
