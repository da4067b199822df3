import { defineConfig } from 'tsdown';

// The published build: ESM with declarations. In the workspace, packages export their source.
export default defineConfig({
  entry: ['src/index.ts', 'src/validate.ts', 'src/events.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  // Rolldown's note that its plugins took a while: on this busy machine, always; nothing to act on.
  checks: { pluginTimings: false },
});
