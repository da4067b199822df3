// Metrics and traces for the runtimes that run as a process (Node, Bun, Deno), from the settings:
// prom-client's registry behind GET /metrics, and an OpenTelemetry tracer whose spans are
// exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and otherwise only
// give their ids to what reaches MDSS.
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config.ts';
import { createMetrics } from '../metrics.ts';
import type { Observer } from '../observer.ts';
import { createTracing } from '../tracing.ts';

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
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: config.otlpEndpoint
      ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces` }))]
      : [],
  });
  observers.push(createTracing(provider.getTracer('mdss-proxy')));
  return { observers, shutdown: () => provider.shutdown() };
}
