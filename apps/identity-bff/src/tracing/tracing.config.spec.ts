import { plainToInstance } from 'class-transformer';
import { loadConfig } from '../config/app-config';
import { tracingConfigOf } from './tracing.config';
import { TracingEnvironment } from './tracing.environment';

const required = {
  UPHOLD_CLIENT_ID: 'id',
  UPHOLD_CLIENT_SECRET: 'secret',
  AUTH_ISSUER: 'https://issuer.example',
  AUTH_AUDIENCE: 'identity-bff',
  AUTH_JWKS_URI: 'https://issuer.example/jwks.json',
};
const tracingOf = (env: Record<string, string>) =>
  tracingConfigOf(plainToInstance(TracingEnvironment, env));

describe('tracing configuration', () => {
  it('exports nothing without an endpoint, and names the service identity-bff', () => {
    expect(tracingOf({})).toEqual({
      disabled: false,
      tracesUrl: undefined,
      protocol: 'http/protobuf',
      serviceName: 'identity-bff',
    });
  });

  it('sends traces to <endpoint>/v1/traces, or to the traces endpoint as given', () => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesUrl).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      tracingOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
      }).tracesUrl,
    ).toBe('http://traces:4318/custom');
  });

  it('prefers the traces protocol over the general one', () => {
    expect(
      tracingOf({
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      }).protocol,
    ).toBe('http/json');
    expect(tracingOf({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol).toBe('http/json');
  });

  it('exports nothing when OTEL_SDK_DISABLED is true', () => {
    expect(
      tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })
        .tracesUrl,
    ).toBeUndefined();
  });

  it('is read by loadConfig, which refuses gRPC and a malformed endpoint, naming the variables', () => {
    expect(
      loadConfig({ ...required, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing
        .tracesUrl,
    ).toBe('http://collector:4318/v1/traces');
    expect(() =>
      loadConfig({
        ...required,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: /),
          'OTEL_EXPORTER_OTLP_PROTOCOL: must be one of http/protobuf, http/json (gRPC is not supported)',
        ],
      }),
    );
  });
});
