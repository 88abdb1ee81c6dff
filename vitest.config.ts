import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code and failure paths, next to the code), `data` (repositories on
 * DynamoDB Local) and `twin` (integration tests against the whole local twin; see test/).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'functions/**/*.test.ts',
            'infra/**/*.test.ts',
            'admin-ui/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'data',
          include: ['test/data/**/*.test.ts'],
          globalSetup: ['test/setup/dynamodb.ts'],
          setupFiles: ['test/setup/env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'twin',
          include: ['test/twin/**/*.test.ts', 'test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/twin.ts'],
          setupFiles: ['test/setup/twin-env.ts'],
          // One twin, one clock and one mail store for the whole run: files take turns.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
