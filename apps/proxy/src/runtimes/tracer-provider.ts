// The OpenTelemetry tracer of every runtime, when OTEL_EXPORTER_OTLP_ENDPOINT is set: its spans
// carry the service's name and go over OTLP/HTTP (JSON). The exporter sends with node:http on
// Node, Bun and Deno, and with fetch on Workers (its non-Node build falls back to fetch where
// XMLHttpRequest is missing). Unset, there is no provider: spans are ids only (tracing.ts).
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
): BasicTracerProvider | undefined {
  if (!config.otlpEndpoint) return undefined;
  const exporter = new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces` });
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [
      processing === 'batch' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter),
    ],
  });
}
