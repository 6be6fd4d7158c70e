import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    // Fault tests measure how fast things answer; running them one file at a time keeps a
    // 2-core machine from turning CPU contention into false latency.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
