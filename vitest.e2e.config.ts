import { defineConfig } from 'vitest/config';

// Browser journeys and server lifecycle tests, against the built app (npm run test:e2e builds it).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    setupFiles: ['tests/support/fail-on-console-error.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // One browser at a time fits a 2-core machine.
    fileParallelism: false,
  },
});
