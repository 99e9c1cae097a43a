import { context, trace } from '@opentelemetry/api';

/** A pino `mixin`: the active span's ids on every log line written within a request (pino merges into the object it gets, so a fresh one each time). */
export function traceLogFields(): object {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
