import { defineConfig } from 'tsdown';

// The published build: ESM with declarations. In the workspace, packages export their source.
export default defineConfig({
  entry: { index: 'src/index.ts', validate: 'src/validate.ts', events: 'src/events/index.ts' },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  // Rolldown's note that its plugins took a while: on this busy machine, always; nothing to act on.
  checks: { pluginTimings: false },
});
