import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LOOPBACK_DIR } from './test/support/loopbackLog.js';

// No test may reach the internet: fakes listen on 127.0.0.1 only, and test/support/loopbackOnly.cjs makes
// any other connection fail and fail its test file, in the workers and (NODE_OPTIONS) in what they start.
const guard = fileURLToPath(new URL('./test/support/loopbackOnly.cjs', import.meta.url));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    setupFiles: ['test/support/loopbackGuard.ts'],
    globalSetup: ['test/support/loopbackLog.ts'],
    env: {
      NO_PROXY: '127.0.0.1,localhost',
      ANTHROPIC_API_KEY: '',
      GITHUB_TOKEN: '',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(guard)}`.trim(),
      LOOPBACK_ONLY_DIR: LOOPBACK_DIR,
    },
  },
});
