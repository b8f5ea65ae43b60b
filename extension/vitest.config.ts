import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'extension',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Real Chromium with the built extension against the real server: one file at a time.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
