// The OpenTelemetry tracer provider of every runtime: its spans carry the service's name, and go
// over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it they only give their
// ids to what reaches MDSS. The exporter sends with node:http on Node, Bun and Deno, and with
// fetch on Workers (its non-Node build falls back to fetch where XMLHttpRequest is missing).
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config.ts';

/**
 * `batch` for a process, which outlives its requests; `simple` (one export per span, awaited by
 * `forceFlush`) for a Worker, whose work past a response must be handed to `waitUntil`.
 */
export function tracerProvider(
  config: Pick<Config, 'otlpEndpoint' | 'serviceName'>,
  processing: 'batch' | 'simple',
): BasicTracerProvider {
  const exporter = config.otlpEndpoint
    ? new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces` })
    : undefined;
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: exporter
      ? [
          processing === 'batch'
            ? new BatchSpanProcessor(exporter)
            : new SimpleSpanProcessor(exporter),
        ]
      : [],
  });
}
