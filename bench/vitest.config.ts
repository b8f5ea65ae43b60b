import { defineProject } from 'vitest/config';

// Unit tests of the benchmark's pure helpers (no browsers, no servers): `npx vitest run --project bench`.
export default defineProject({
  test: {
    name: 'bench',
    environment: 'node',
    include: ['lib/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
