import { defineProject } from 'vitest/config';

// Tests of the repository's own scripts (no server, no browser): `npx vitest run --project scripts`.
export default defineProject({
  test: {
    name: 'scripts',
    environment: 'node',
    include: ['lib/**/*.test.ts', 'test-tools/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
