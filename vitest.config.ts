// One entry point for `pnpm vitest` at the root: every workspace package is a project with its
// own config. `pnpm test` runs the same projects one package at a time through turbo's cache.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
  },
});
