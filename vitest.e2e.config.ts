import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built renderer in Debian's Chromium against the
// browser host. One file at a time: two Chromiums on two cores starve each other.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
