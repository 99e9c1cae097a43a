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

let contextPropagationReady = false;

/** One context manager and one propagator per process, whatever the number of apps in it. */
function ensureContextPropagation(): void {
  if (contextPropagationReady) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  contextPropagationReady = true;
}

/**
 * Without an endpoint, spans get real ids (so trace context propagates and logs carry them) but
 * are recorded only when the caller sampled the trace, and then exported nowhere.
 */
export function startTracing(config: TracingConfig): Tracing {
  ensureContextPropagation();
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
  trace.disable(); // the API keeps the first provider otherwise (tests start several apps)
  trace.setGlobalTracerProvider(provider);
  return { exporting: processors.length > 0, shutdown: () => provider.shutdown() };
}

function exporterFor(protocol: TracingConfig['protocol'], url: string) {
  return protocol === 'http/json'
    ? new OtlpJsonExporter({ url })
    : new OtlpProtobufExporter({ url });
}
