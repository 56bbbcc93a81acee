import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // No test may reach the internet: fakes listen on 127.0.0.1 only.
    env: { NO_PROXY: '127.0.0.1,localhost', ANTHROPIC_API_KEY: '', GITHUB_TOKEN: '' },
  },
});
