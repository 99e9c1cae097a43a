import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsOptional,
  IsUrl,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { TracingEnvironment } from '../tracing/tracing.environment';
import { IsPublicKeyPem } from './is-public-key-pem';

export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** High enough for load tests to set the limits out of the way. */
const MAX_RATE_LIMIT = 1_000_000_000;

/** Every variable the service reads (contract §5). */
export const ENVIRONMENT_VARIABLES = [
  'PORT',
  'UPHOLD_BASE_URL',
  'UPHOLD_CLIENT_ID',
  'UPHOLD_CLIENT_SECRET',
  'UPHOLD_SCOPES',
  'REDIS_URL',
  'REDIS_CLUSTER_NODES',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_MASTER',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URI',
  'AUTH_PUBLIC_KEY',
  'AUTH_ALGORITHMS',
  'AUTH_USER_ID_CLAIM',
  'UPSTREAM_TIMEOUT_MS',
  'TOKEN_EXPIRY_SKEW_SECONDS',
  'TRUST_PROXY',
  'CORS_ORIGINS',
  'LOG_LEVEL',
] as const;

/** Read besides contract §5: how the process is deployed (see production-rules.ts). */
export const DEPLOYMENT_VARIABLES = [
  'NODE_ENV',
  'ALLOW_INSECURE_LOCAL_RUN',
  'REDIS_TLS_CA_FILE',
] as const;

/** Read besides contract §5: operational tuning, each with a default that suits production. */
export const TUNING_VARIABLES = [
  'UPSTREAM_CIRCUIT_OPEN_MS',
  'SHUTDOWN_DRAIN_DELAY_MS',
  'RATE_LIMIT_READS_PER_MINUTE',
  'RATE_LIMIT_WRITES_PER_MINUTE',
] as const;

const REDIS_URL_OPTIONS = {
  protocols: ['redis', 'rediss'],
  require_protocol: true,
  require_tld: false,
};

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/** The environment of contract §5, with its defaults; validated once, before the app starts. */
export class Environment extends TracingEnvironment {
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT: number = 3000;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  UPHOLD_BASE_URL: string = 'https://api.enterprise.sandbox.uphold.com';

  @IsNotEmpty({ message: '$property is required' })
  UPHOLD_CLIENT_ID!: string;

  @IsNotEmpty({ message: '$property is required' })
  UPHOLD_CLIENT_SECRET!: string;

  @IsOptional()
  @IsString()
  UPHOLD_SCOPES?: string;

  @IsOptional()
  @IsUrl(REDIS_URL_OPTIONS)
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toList)
  @IsUrl(REDIS_URL_OPTIONS, {
    each: true,
    message: 'REDIS_CLUSTER_NODES must be a comma-separated list of redis:// or rediss:// URLs',
  })
  REDIS_CLUSTER_NODES?: string[];

  @IsOptional()
  @Transform(toList)
  @IsUrl(REDIS_URL_OPTIONS, {
    each: true,
    message: 'REDIS_SENTINELS must be a comma-separated list of redis:// or rediss:// URLs',
  })
  REDIS_SENTINELS?: string[];

  @IsOptional()
  @IsString()
  REDIS_SENTINEL_MASTER?: string;

  /** A PEM file of the CA that signed the Redis servers' certificates (for rediss:// URLs). */
  @IsOptional()
  @IsString()
  REDIS_TLS_CA_FILE?: string;

  @IsNotEmpty({ message: '$property is required' })
  AUTH_ISSUER!: string;

  @IsNotEmpty({ message: '$property is required' })
  AUTH_AUDIENCE!: string;

  @ValidateIf((env: Environment) => env.AUTH_JWKS_URI !== undefined || !env.AUTH_PUBLIC_KEY)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'AUTH_JWKS_URI must be an http(s) URL (or set AUTH_PUBLIC_KEY instead)' },
  )
  AUTH_JWKS_URI?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\\n/g, '\n') : value,
  )
  @IsPublicKeyPem()
  AUTH_PUBLIC_KEY?: string;

  @Transform(toList)
  @IsIn(ASYMMETRIC_ALGORITHMS, {
    each: true,
    message: `AUTH_ALGORITHMS must list only ${ASYMMETRIC_ALGORITHMS.join(', ')}`,
  })
  AUTH_ALGORITHMS: string[] = ['RS256', 'ES256'];

  @IsNotEmpty({ message: '$property is required' })
  AUTH_USER_ID_CLAIM: string = 'sub';

  @Min(100)
  @Max(120_000)
  @IsInt()
  UPSTREAM_TIMEOUT_MS: number = 10_000;

  /** How long the upstream circuit stays open before one probe goes through. */
  @Min(100)
  @Max(300_000)
  @IsInt()
  UPSTREAM_CIRCUIT_OPEN_MS: number = 5_000;

  /** After SIGTERM, readiness fails this long before the server stops accepting (load balancers catch up). */
  @Min(0)
  @Max(60_000)
  @IsInt()
  SHUTDOWN_DRAIN_DELAY_MS: number = 2_000;

  @Min(0)
  @Max(3600)
  @IsInt()
  TOKEN_EXPIRY_SKEW_SECONDS: number = 60;

  @Min(0)
  @Max(10)
  @IsInt()
  TRUST_PROXY: number = 1;

  /** Per user and per replica: an app polling its verification status stays far below it. */
  @Min(1)
  @Max(MAX_RATE_LIMIT)
  @IsInt()
  RATE_LIMIT_READS_PER_MINUTE: number = 120;

  /** Per user across replicas: a whole KYC submission (5 upload slots, a few PATCHes) needs about 10. */
  @Min(1)
  @Max(MAX_RATE_LIMIT)
  @IsInt()
  RATE_LIMIT_WRITES_PER_MINUTE: number = 20;

  @IsOptional()
  @Transform(toList)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { each: true, message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins' },
  )
  CORS_ORIGINS?: string[];

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  ALLOW_INSECURE_LOCAL_RUN?: 'true' | 'false';
}
