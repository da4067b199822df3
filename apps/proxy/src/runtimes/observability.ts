// Metrics and traces for the runtimes that run as a process (Node, Bun, Deno), from the settings:
// prom-client's registry behind GET /metrics, and the tracer (tracer-provider.ts).
import type { Config } from '../config.ts';
import { createMetrics } from '../metrics.ts';
import type { Observer } from '../observer.ts';
import { createTracing } from '../tracing.ts';
import { tracerProvider } from './tracer-provider.ts';

export interface Observability {
  observers: Observer[];
  /** Exports the spans still held; for a clean stop. */
  shutdown(): Promise<void>;
}

export function observability(
  config: Pick<Config, 'metrics' | 'tracing' | 'otlpEndpoint' | 'serviceName'>,
): Observability {
  const observers: Observer[] = [];
  if (config.metrics) observers.push(createMetrics());
  if (!config.tracing) return { observers, shutdown: async () => {} };
  const provider = tracerProvider(config, 'batch');
  observers.push(createTracing(provider?.getTracer('mdss-proxy')));
  return { observers, shutdown: async () => provider?.shutdown() };
}
