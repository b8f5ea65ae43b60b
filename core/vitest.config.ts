import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Every test client connects from loopback: the per-address limits would make them one client.
    // The tests of those limits set addressLimitsExempt: [] and clients on other 127.0.0.x addresses.
    env: { VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback' },
    name: 'core',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
