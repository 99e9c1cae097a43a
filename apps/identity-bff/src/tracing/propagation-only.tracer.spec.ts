import {
  context,
  createTraceState,
  isSpanContextValid,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { PropagationOnlyTracerProvider } from './propagation-only.tracer';

const tracer = new PropagationOnlyTracerProvider().getTracer();
const parent = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
  traceState: createTraceState('gw=7'),
  isRemote: true,
};
const under = (ids: typeof parent) => trace.setSpanContext(context.active(), ids);

describe('the propagation-only tracer (no exporter configured)', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it("continues the parent's trace: its trace id, flags and trace state, with a span id of its own", () => {
    const ids = tracer.startSpan('child', {}, under(parent)).spanContext();
    expect(ids).toMatchObject({
      traceId: parent.traceId,
      traceFlags: TraceFlags.SAMPLED,
      traceState: parent.traceState,
      isRemote: false,
    });
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(ids.spanId).not.toBe(parent.spanId);
  });

  it('starts a new, unsampled trace without a parent, or when asked for a root', () => {
    for (const span of [
      tracer.startSpan('root'),
      tracer.startSpan('root', { root: true }, under(parent)),
    ]) {
      const ids = span.spanContext();
      expect(isSpanContextValid(ids)).toBe(true);
      expect(ids.traceId).not.toBe(parent.traceId);
      expect(ids.traceFlags).toBe(TraceFlags.NONE);
      expect(span.isRecording()).toBe(false);
    }
    expect(tracer.startSpan('a').spanContext().traceId).not.toBe(
      tracer.startSpan('b').spanContext().traceId,
    );
  });

  it('runs startActiveSpan with the new span active, under the given parent', () => {
    const seen = tracer.startActiveSpan('active', {}, under(parent), (span) => ({
      active: trace.getSpan(context.active()),
      span,
    }));
    expect(seen.active).toBe(seen.span);
    expect(seen.span.spanContext().traceId).toBe(parent.traceId);
  });
});
