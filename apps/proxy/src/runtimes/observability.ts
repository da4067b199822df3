// Metrics and traces for the runtimes that run as a process (Node, Bun, Deno), from the settings:
// prom-client's registry behind GET /metrics, and the tracer (tracer-provider.ts). Each is loaded
// only when it is on, so a proxy with both off carries neither library in its heap.
import type { Config } from '../config.ts';
import type { MetricsOptions } from '../observe/metrics.ts';
import type { Observer } from '../observe/observer.ts';

export interface Observability {
  observers: Observer[];
  /** Exports the spans still held; for a clean stop. */
  shutdown(): Promise<void>;
}

export async function observability(
  config: Pick<Config, 'metrics' | 'tracing' | 'otlpEndpoint' | 'serviceName'>,
  processMetrics: NonNullable<MetricsOptions['processMetrics']>,
): Promise<Observability> {
  const observers: Observer[] = [];
  if (config.metrics) {
    observers.push((await import('../observe/metrics.ts')).createMetrics({ processMetrics }));
  }
  if (!config.tracing) return { observers, shutdown: async () => {} };
  const [{ createTracing }, { tracerProvider }] = await Promise.all([
    import('../observe/tracing.ts'),
    import('./tracer-provider.ts'),
  ]);
  const provider = tracerProvider(config, 'batch');
  observers.push(createTracing(provider?.getTracer('mdss-proxy')));
  return { observers, shutdown: async () => provider?.shutdown() };
}
