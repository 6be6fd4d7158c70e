import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Each file makes its own database, so files may run side by side.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
