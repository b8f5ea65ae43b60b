import { defineConfig } from 'vitest/config';

// One `npm test` for every workspace; each workspace's own vitest.config.ts says how its tests run.
export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts'],
  },
});
