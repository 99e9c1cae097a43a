import { UpholdModuleOptions } from '@app/uphold';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { createPublicKey, KeyObject } from 'node:crypto';
import {
  DEPLOYMENT_VARIABLES,
  Environment,
  ENVIRONMENT_VARIABLES,
  TUNING_VARIABLES,
} from './environment';
import { TracingConfig, tracingConfigOf } from '../tracing/tracing.config';
import { TRACING_VARIABLES } from '../tracing/tracing.environment';
import { productionProblems } from './production-rules';
import { redisProblems, redisTopology } from './redis-topology.config';

/** Per-user requests allowed in each one-minute window. */
export interface RateLimitConfig {
  readsPerMinute: number;
  writesPerMinute: number;
}

export interface AuthConfig {
  issuer: string;
  audience: string;
  jwksUri?: string;
  /** Parsed once at start: verifying against a PEM string would parse it on every request. */
  publicKey?: KeyObject;
  algorithms: string[];
  userIdClaim: string;
}

/** The validated configuration, injected by this class token wherever a part needs it. */
export class AppConfig {
  port!: number;
  trustProxy!: number;
  corsOrigins!: string[];
  logLevel!: string;
  /** After SIGTERM, readiness fails this long before the server stops accepting. */
  shutdownDrainDelayMs!: number;
  auth!: AuthConfig;
  uphold!: UpholdModuleOptions;
  rateLimit!: RateLimitConfig;
  tracing!: TracingConfig;
}

/** Thrown by loadConfig with one line per problem, each naming its variable and never a value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(variables: NodeJS.ProcessEnv): AppConfig {
  const env = plainToInstance(Environment, withoutEmptyValues(variables), {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(env, { forbidUnknownValues: false, stopAtFirstError: true });
  const invalid = new Set(errors.map((error) => error.property));
  const problems = [
    ...errors.map(describe),
    ...[...redisProblems(env), ...productionProblems(env)].filter(
      (problem) =>
        !problem
          .split(':')[0]
          .split(', ')
          .some((name) => invalid.has(name)),
    ),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: env.PORT,
    trustProxy: env.TRUST_PROXY,
    corsOrigins: env.CORS_ORIGINS ?? [],
    logLevel: env.LOG_LEVEL,
    shutdownDrainDelayMs: env.SHUTDOWN_DRAIN_DELAY_MS,
    auth: {
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUri: env.AUTH_JWKS_URI,
      publicKey: env.AUTH_PUBLIC_KEY ? createPublicKey(env.AUTH_PUBLIC_KEY) : undefined,
      algorithms: env.AUTH_ALGORITHMS,
      userIdClaim: env.AUTH_USER_ID_CLAIM,
    },
    uphold: {
      baseUrl: env.UPHOLD_BASE_URL,
      clientId: env.UPHOLD_CLIENT_ID,
      clientSecret: env.UPHOLD_CLIENT_SECRET,
      scopes: env.UPHOLD_SCOPES,
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
      tokenExpirySkewSeconds: env.TOKEN_EXPIRY_SKEW_SECONDS,
      redis: redisTopology(env),
      circuit: { openMs: env.UPSTREAM_CIRCUIT_OPEN_MS },
    },
    rateLimit: {
      readsPerMinute: env.RATE_LIMIT_READS_PER_MINUTE,
      writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE,
    },
    tracing: tracingConfigOf(env),
  };
}

/** Only the variables the service reads, with empty ones treated as unset (so defaults apply). */
function withoutEmptyValues(variables: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    [
      ...ENVIRONMENT_VARIABLES,
      ...DEPLOYMENT_VARIABLES,
      ...TUNING_VARIABLES,
      ...TRACING_VARIABLES,
    ].flatMap((name) => {
      const value = variables[name];
      return value !== undefined && value.trim() !== '' ? [[name, value]] : [];
    }),
  );
}

function describe(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
  );
  return `${error.property}: ${messages.join('; ')}`;
}
