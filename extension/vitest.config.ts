import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Every test client connects from loopback: the per-address limits would make them one client.
    // The tests of those limits set addressLimitsExempt: [] and clients on other 127.0.0.x addresses.
    env: { VOXLAY_ADDRESS_LIMITS_EXEMPT: 'loopback' },
    name: 'extension',
    // One module graph per worker for all of this project's files: each file would otherwise import the
    // server app, mediasoup and the browser drivers again (about 1 s a file; 151 s of a CI run's 1,000).
    // Every file starts and stops its own servers and browsers, so nothing else carries over.
    isolate: false,
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Real Chromium with the built extension against the real server: one file at a time.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
