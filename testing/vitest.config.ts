import { defineProject } from 'vitest/config';

// Unit tests of the test kit's own pure helpers (no server, no browser): `npx vitest run --project testing`.
export default defineProject({
  test: {
    name: 'testing',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
