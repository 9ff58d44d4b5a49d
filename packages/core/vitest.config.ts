import { defineProject } from 'vitest/config';

const conditions = ['@lakmoes/source'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: 'core', environment: 'node' },
});
