import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // n8n-core require()s n8n-workflow's CJS build; tests must see the same copy (instanceof checks)
  resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
  test: {
    include: ['test/**/*.test.ts'],
    // policy code must never depend on the host zone; tests pin it to UTC
    env: { TZ: 'UTC' },
    pool: 'forks',
    testTimeout: 20_000,
  },
});
