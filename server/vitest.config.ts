import { defineConfig } from 'vitest/config';

// Integration tests run a real app (HTTP + graphql-ws + mediasoup workers) per file, one file at a time.
export default defineConfig({
  test: {
    // Every test client connects from loopback: the per-address limits would make them one client.
    // The tests of those limits set addressLimitsExempt: [] and clients on other 127.0.0.x addresses.
    env: { VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback' },
    name: 'server',
    include: [
      'test/integration/**/*.test.ts',
      'test/browser/**/*.test.ts',
      'test/faults/**/*.test.ts',
      'test/soak/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
      'test/cluster/**/*.test.ts',
      'src/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
