import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { TracingConfig } from './tracing.config';

/** The process's tracing: spans exported over OTLP when configured; W3C trace context always. */
export interface Tracing {
  readonly exporting: boolean;
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

let contextManagerReady = false;

/** One context manager per process, whatever the number of apps in it: each request's context lives in it. */
function ensureContextManager(): void {
  if (contextManagerReady) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerReady = true;
}

/**
 * Without an endpoint, spans get real ids (so trace context propagates and logs carry them) but
 * are recorded only when the caller sampled the trace, and then exported nowhere. Disabled, the
 * API's no-op tracer and propagator stay in place: requests still have a context (for logs).
 */
export function startTracing(config: TracingConfig): Tracing {
  ensureContextManager();
  trace.disable(); // the API keeps the first provider otherwise (tests start several apps)
  propagation.disable();
  if (config.disabled) return { exporting: false, shutdown: () => Promise.resolve() };
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const processors: SpanProcessor[] = config.tracesUrl
    ? [new BatchSpanProcessor({ exporter: exporterFor(config.protocol, config.tracesUrl) })]
    : [];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: new ParentBasedSampler({
      root: config.tracesUrl ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    }),
    spanProcessors: processors,
  });
  trace.setGlobalTracerProvider(provider);
  return { exporting: processors.length > 0, shutdown: () => provider.shutdown() };
}

function exporterFor(protocol: TracingConfig['protocol'], url: string) {
  return protocol === 'http/json'
    ? new OtlpJsonExporter({ url })
    : new OtlpProtobufExporter({ url });
}
