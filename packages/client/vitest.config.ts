import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
