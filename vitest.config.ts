import { defineConfig } from 'vitest/config';

const conditions = ['@lakmoes/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      'packages/*',
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts', 'benchmarks/**/*.test.ts'] } },
    ],
  },
});
