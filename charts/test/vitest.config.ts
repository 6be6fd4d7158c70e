import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    // Unpacks helm once before the test files run side by side.
    globalSetup: ['./global-setup.ts'],
    // Test files share a worker's module cache, so the schema and type indexes load once per worker.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
