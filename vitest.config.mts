import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // policy code must never depend on the host zone; tests pin it to UTC
    env: { TZ: 'UTC' },
    pool: 'forks',
    testTimeout: 20_000,
  },
});
