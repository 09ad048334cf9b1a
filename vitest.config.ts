import { defineConfig } from 'vitest/config';

// Unit tests (pure rules) and database tests (use cases against PGlite by default, or the
// PostgreSQL server named by TEST_DATABASE_URL). Browser journeys: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    setupFiles: ['tests/support/fail-on-console-error.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          globalSetup: ['tests/support/db-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
