// A contract suite's cases served from workerd (through Miniflare): the handler module bundled
// for the Worker runtime, with node:assert (the cases assert with it) and whatever else the
// suite binds (the fleet's Durable Object namespace).
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

export async function startContractWorker(
  handlerPath: string,
  extra: { durableObjects?: Record<string, string> } = {},
): Promise<Miniflare> {
  const bundle = await build({
    entryPoints: [handlerPath],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['node:*'],
    write: false,
    logLevel: 'warning',
  });
  const workerd = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents: bundle.outputFiles[0]?.text ?? '' }],
    compatibilityDate: '2026-04-26',
    compatibilityFlags: ['nodejs_compat'],
    ...extra,
  });
  await workerd.ready;
  return workerd;
}
