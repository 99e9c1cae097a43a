import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { PropagationOnlyTracerProvider } from './propagation-only.tracer';
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
 * Without an endpoint, spans are only ids (so trace context propagates and logs carry them): there
 * is nothing to record them for. Disabled, the API's no-op tracer and propagator stay in place:
 * requests still have a context (for logs).
 */
export function startTracing(config: TracingConfig): Tracing {
  ensureContextManager();
  trace.disable(); // the API keeps the first provider otherwise (tests start several apps)
  propagation.disable();
  if (config.disabled) return { exporting: false, shutdown: () => Promise.resolve() };
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!config.tracesUrl) {
    trace.setGlobalTracerProvider(new PropagationOnlyTracerProvider());
    return { exporting: false, shutdown: () => Promise.resolve() };
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: exporterFor(config.protocol, config.tracesUrl) }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  return { exporting: true, shutdown: () => provider.shutdown() };
}

function exporterFor(protocol: TracingConfig['protocol'], url: string) {
  return protocol === 'http/json'
    ? new OtlpJsonExporter({ url })
    : new OtlpProtobufExporter({ url });
}
