import { defineConfig } from 'vitest/config';

// Integration tests run a real app (HTTP + graphql-ws + mediasoup workers) per file, one file at a time.
export default defineConfig({
  test: {
    // Every test client connects from loopback: the per-address limits would make them one client.
    // The tests of those limits set addressLimitsExempt: [] and clients on other 127.0.0.x addresses.
    env: { VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback' },
    name: 'server',
    // One module graph per worker for all of this project's files: each file would otherwise import the
    // server app, mediasoup and the browser drivers again (about 1 s a file; 151 s of a CI run's 1,000).
    // Every file starts and stops its own servers and browsers, so nothing else carries over.
    isolate: false,
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
