import {
  Context,
  context,
  isSpanContextValid,
  Span,
  SpanOptions,
  trace,
  TraceFlags,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace';

/**
 * Tracing with nowhere to export: spans that are only ids, so trace context still propagates and
 * log lines still carry them. A child continues its parent's trace (flags and trace state
 * included); a root starts a new, unsampled one. The SDK would make the same spans (non-recording)
 * through a sampler, span limits and its own metrics, at a cost the bench measures.
 */
export class PropagationOnlyTracerProvider implements TracerProvider {
  private readonly tracer = new PropagationOnlyTracer();

  getTracer(): Tracer {
    return this.tracer;
  }
}

class PropagationOnlyTracer implements Tracer {
  private readonly ids = new RandomIdGenerator();

  startSpan(_name: string, options?: SpanOptions, parentContext = context.active()): Span {
    const parent = options?.root ? undefined : trace.getSpanContext(parentContext);
    if (parent && isSpanContextValid(parent)) {
      return trace.wrapSpanContext({
        ...parent,
        spanId: this.ids.generateSpanId(),
        isRemote: false,
      });
    }
    return trace.wrapSpanContext({
      traceId: this.ids.generateTraceId(),
      spanId: this.ids.generateSpanId(),
      traceFlags: TraceFlags.NONE,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...args: unknown[]
  ): ReturnType<F> {
    const fn = args.pop() as (span: Span) => ReturnType<F>;
    const [options, parentContext = context.active()] = args as [SpanOptions?, Context?];
    const span = this.startSpan(name, options, parentContext);
    return context.with(trace.setSpan(parentContext, span), fn, undefined, span);
  }
}
