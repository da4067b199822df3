import { defineConfig } from 'tsdown';

// The published build: ESM with declarations, one file per entry point (the bin included). In
// the workspace, packages export their source.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/browser.ts', 'src/server.ts', 'src/bin.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  // Rolldown's note that its plugins took a while: on this busy machine, always; nothing to act on.
  checks: { pluginTimings: false },
  deps: {
    // Node's own modules stay imports (only ./server and the bin use them): the `neutral`
    // platform resolves none of them, and would warn of each.
    neverBundle: [/^node:/],
    // openapi-msw (a devDependency) is bundled, and nothing else: its peer range ends at MSW 2
    // while its code (MSW's `http` and `HttpResponse`) runs on MSW 3 as well, so as a dependency
    // it would put an MSW 2 peer in a user's tree. Its MIT licence ships beside it (`copy`).
    onlyBundle: ['openapi-msw'],
  },
  copy: [{ from: 'node_modules/openapi-msw/LICENSE', to: 'dist/licenses/openapi-msw' }],
});
