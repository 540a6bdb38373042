/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Sources import './x.js' (what ESM needs); jest resolves the .ts file.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Examples import the package by name, as users do; resolve it to the sources.
    '^rx-graph-lro$': '<rootDir>/src/index.ts',
    '^rx-graph-lro/testing$': '<rootDir>/src/testing/index.ts',
    '^rx-graph-lro/graph$': '<rootDir>/src/graph/index.ts',
    '^rx-graph-lro/http$': '<rootDir>/src/http/index.ts',
    '^rx-graph-lro/instrumentation$': '<rootDir>/src/instrumentation/index.ts',
    '^rx-graph-lro/msal$': '<rootDir>/src/msal/index.ts',
    '^rx-graph-lro/bullmq$': '<rootDir>/src/bullmq/index.ts',
    '^rx-graph-lro/opentelemetry$': '<rootDir>/src/opentelemetry/index.ts',
  },
  // A test that leaves a socket or timer behind fails instead of hanging CI.
  testTimeout: 20000,
};
