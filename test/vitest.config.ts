import { defineConfig } from 'vitest/config';

// Repository-wide checks: the GraphQL contract and what is generated from it.
export default defineConfig({
  test: {
    name: 'contract',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
  },
});
