import { Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { UpstreamHttp } from './http/upstream-http';
import { MemoryTokenStore } from './token/memory-token-store';
import { createRedisClient } from './token/redis-client.factory';
import { RedisClient } from './token/redis-connection';
import { RedisTokenStore } from './token/redis-token-store';
import { tokenCacheKey } from './token/token-cache-key';
import { TokenCipher } from './token/token-cipher';
import { TokenEndpoint } from './token/token-endpoint';
import { TokenStore } from './token/token-store';
import { tokenTimings } from './token/token-timings';
import { TokenService } from './token/token.service';
import { DEFAULT_CIRCUIT_OPTIONS, UpstreamCircuit } from './resilience/upstream-circuit';
import { DEFAULT_UPSTREAM_RETRY, UpholdClient } from './uphold.client';
import {
  DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  RESOLVED_TELEMETRY,
  UPHOLD_HTTP,
  UPHOLD_REDIS,
  UPHOLD_TOKEN_CACHE_KEY,
} from './uphold.constants';
import { NO_TELEMETRY, UPHOLD_TELEMETRY, UpholdTelemetry } from './uphold.telemetry';
import { UPHOLD_OPTIONS, UpholdConfigurableModule } from './uphold.module-definition';
import { UpholdModuleOptions } from './uphold.options';

type Options = UpholdModuleOptions;

const STARTUP_STORE_WAIT_MS = 1_000;

/** The upstream client and its token lifecycle; `UpholdModule.forRoot(Async)` from the builder. */
@Module({
  providers: [
    {
      provide: UPHOLD_HTTP,
      inject: [UPHOLD_OPTIONS],
      useFactory: (o: Options) => new UpstreamHttp(o.baseUrl, o.timeoutMs),
    },
    {
      provide: UPHOLD_TOKEN_CACHE_KEY,
      inject: [UPHOLD_OPTIONS],
      useFactory: (o: Options) => tokenCacheKey(o),
    },
    {
      provide: UPHOLD_REDIS,
      inject: [UPHOLD_OPTIONS, RESOLVED_TELEMETRY],
      useFactory: (o: Options, telemetry: UpholdTelemetry): RedisClient | null => {
        if (!o.redis) return null;
        const timeoutMs = o.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
        return createRedisClient(o.redis, 4 * timeoutMs, {
          onAvailability: (up) => telemetry.redisUp(up),
        });
      },
    },
    {
      provide: TokenStore,
      inject: [UPHOLD_OPTIONS, UPHOLD_REDIS],
      useFactory: (o: Options, client: RedisClient | null): TokenStore => {
        if (!client) {
          new Logger('UpholdModule').warn(
            'No Redis is configured (REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS): the token is kept in this process only; replicas will not share it',
          );
          return new MemoryTokenStore();
        }
        return new RedisTokenStore(
          client,
          o.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
        );
      },
    },
    {
      provide: TokenService,
      inject: [UPHOLD_OPTIONS, UPHOLD_HTTP, TokenStore, UPHOLD_TOKEN_CACHE_KEY, RESOLVED_TELEMETRY],
      useFactory: (
        o: Options,
        http: UpstreamHttp,
        store: TokenStore,
        key: string,
        telemetry: UpholdTelemetry,
      ) => {
        const endpoint = new TokenEndpoint(http.axios, o, telemetry);
        const commandMs = o.redisCommandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS;
        return new TokenService(
          store,
          endpoint,
          new TokenCipher(o.clientSecret, key),
          key,
          o.tokenExpirySkewSeconds,
          tokenTimings(endpoint.longestFetchMs, commandMs),
          telemetry,
        );
      },
    },
    {
      provide: RESOLVED_TELEMETRY,
      inject: [{ token: UPHOLD_TELEMETRY, optional: true }],
      useFactory: (telemetry?: UpholdTelemetry) => telemetry ?? NO_TELEMETRY,
    },
    {
      provide: UpstreamCircuit,
      inject: [UPHOLD_OPTIONS, RESOLVED_TELEMETRY],
      useFactory: (o: Options, telemetry: UpholdTelemetry) =>
        new UpstreamCircuit({ ...DEFAULT_CIRCUIT_OPTIONS, ...o.circuit }, telemetry),
    },
    {
      provide: UpholdClient,
      inject: [UPHOLD_OPTIONS, UPHOLD_HTTP, TokenService, UpstreamCircuit, RESOLVED_TELEMETRY],
      useFactory: (
        o: Options,
        http: UpstreamHttp,
        tokens: TokenService,
        circuit: UpstreamCircuit,
        telemetry: UpholdTelemetry,
      ) =>
        new UpholdClient(
          http,
          tokens,
          circuit,
          { timeoutMs: o.timeoutMs, retry: DEFAULT_UPSTREAM_RETRY },
          telemetry,
        ),
    },
  ],
  exports: [UpholdClient, TokenService, TokenStore, UPHOLD_REDIS],
})
export class UpholdModule
  extends UpholdConfigurableModule
  implements OnModuleInit, OnApplicationShutdown
{
  constructor(
    @Inject(TokenStore) private readonly store: TokenStore,
    @Inject(UPHOLD_HTTP) private readonly http: UpstreamHttp,
    private readonly circuit: UpstreamCircuit,
  ) {
    super();
  }

  /** A replica that serves before Redis answers would fetch a token of its own; wait, briefly. */
  async onModuleInit(): Promise<void> {
    await this.store.waitUntilAvailable(STARTUP_STORE_WAIT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.circuit.shutdown();
    await this.store.close();
    this.http.destroy();
  }
}
