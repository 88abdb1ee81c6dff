import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit` (pure code and failure paths, next to the code), `data` (repositories on
 * DynamoDB Local), `twin` (integration tests against the whole local twin; see test/) and `e2e`
 * (browser tests of the admin UI and the portal against the twin).
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
      {
        test: {
          name: 'e2e',
          // Chromium (Debian's) through playwright-core against a twin that serves the built admin UI.
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
