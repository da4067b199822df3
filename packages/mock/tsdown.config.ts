import { defineConfig } from 'tsdown';

// The published build: ESM with declarations, one file per entry point (the bin included). In
// the workspace, packages export their source.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/browser.ts', 'src/server.ts', 'src/bin.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
});
