import { defineConfig } from 'vitest/config';

const webRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  resolve: { alias: { '@': webRoot.replace(/\/$/, '') } },
  test: {
    root: webRoot,
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
  },
});
