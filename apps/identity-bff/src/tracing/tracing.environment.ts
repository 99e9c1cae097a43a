import { IsIn, IsOptional, IsUrl } from 'class-validator';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** The standard OpenTelemetry variables the service reads itself; the exporter reads the rest. */
export const TRACING_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_SERVICE_NAME',
  'OTEL_SDK_DISABLED',
] as const;

const OTLP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const PROTOCOL_MESSAGE = `$property must be one of ${OTLP_PROTOCOLS.join(', ')} (gRPC is not supported)`;

/** OpenTelemetry's own variables (see the OpenTelemetry SDK specification), as this service reads them. */
export class TracingEnvironment {
  @IsOptional()
  @IsUrl(OTLP_URL)
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(OTLP_URL)
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @IsOptional()
  @IsIn(OTLP_PROTOCOLS, { message: PROTOCOL_MESSAGE })
  OTEL_EXPORTER_OTLP_PROTOCOL?: OtlpProtocol;

  @IsOptional()
  @IsIn(OTLP_PROTOCOLS, { message: PROTOCOL_MESSAGE })
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: OtlpProtocol;

  @IsOptional()
  OTEL_SERVICE_NAME?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  OTEL_SDK_DISABLED?: 'true' | 'false';
}
