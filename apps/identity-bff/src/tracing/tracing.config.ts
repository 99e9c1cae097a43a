import { OtlpProtocol, TracingEnvironment } from './tracing.environment';

/** Where spans go; without `tracesUrl` nothing is exported, but trace context still propagates. */
export interface TracingConfig {
  /** `OTEL_SDK_DISABLED=true`: no spans, no trace context, no trace ids in logs. */
  disabled: boolean;
  tracesUrl?: string;
  protocol: OtlpProtocol;
  serviceName: string;
}

/** The OTLP traces URL as the specification builds it: the signal's own URL, or `<endpoint>/v1/traces`. */
export function tracingConfigOf(env: TracingEnvironment): TracingConfig {
  const disabled = env.OTEL_SDK_DISABLED === 'true';
  const tracesUrl = disabled
    ? undefined
    : (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      (env.OTEL_EXPORTER_OTLP_ENDPOINT &&
        `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`));
  return {
    disabled,
    tracesUrl: tracesUrl || undefined,
    protocol:
      env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: env.OTEL_SERVICE_NAME ?? 'identity-bff',
  };
}
