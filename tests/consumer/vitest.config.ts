import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'consumer',
    // Packing and an npm install from the registry take a while.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
