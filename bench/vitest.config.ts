import { defineProject } from 'vitest/config';

export default defineProject({
  // Only the bench's own checks: the benchmarks themselves run with `pnpm bench`, never here.
  test: { name: 'bench', include: ['*.test.ts'] },
});
