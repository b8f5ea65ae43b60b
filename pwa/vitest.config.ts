import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'pwa',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
