import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** A pino `mixin`: the active span's ids on every log line written within a request (pino merges into the object it gets, so a fresh one each time). */
export function traceLogFields(): object {
  const ids = trace.getSpan(context.active())?.spanContext();
  return ids && isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
