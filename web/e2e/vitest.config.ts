import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    // One production build (and one api build) per run, shared by every file.
    globalSetup: ['support/global-setup.ts'],
    // Each file starts its own database, api and web server; one file at a time keeps a
    // 2-core CI machine responsive.
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    // A page settles after a Server Action's answer and its re-render, which on a busy 2-core
    // machine can take longer than expect.poll's default second; what is awaited stays the same.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});
