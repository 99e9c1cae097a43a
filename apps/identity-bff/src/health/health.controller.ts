import { RedisClient, TokenStore, UPHOLD_REDIS } from '@app/uphold';
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthCheckSchema, HealthIndicatorSchema } from '../openapi/health.schema';
import { DrainState } from './drain-state';

const UP = { status: 'ok', info: {}, error: {}, details: {} };
const REDIS_UP = { status: 'up', topology: 'cluster', slotsServed: 16384 };
const REDIS_DOWN = { status: 'down', topology: 'sentinel', masterKnown: false };
const READY = {
  status: 'ok',
  info: { shutdown: { status: 'up' }, redis: REDIS_UP },
  error: {},
  details: { shutdown: { status: 'up' }, redis: REDIS_UP },
};
const NOT_READY = {
  status: 'error',
  info: { shutdown: { status: 'up' } },
  error: { redis: REDIS_DOWN },
  details: { shutdown: { status: 'up' }, redis: REDIS_DOWN },
};

/**
 * Liveness and readiness. Readiness looks at Redis and at shutdown only: an upstream outage must
 * not take every replica out of rotation.
 */
@ApiTags('health')
@ApiExtraModels(HealthCheckSchema, HealthIndicatorSchema)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(TokenStore) private readonly tokenStore: TokenStore,
    @Inject(UPHOLD_REDIS) private readonly redis: RedisClient | null,
    private readonly drain: DrainState,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Whether the process answers',
    security: [],
  })
  @ApiOkResponse({ description: 'The process answers', type: HealthCheckSchema, example: UP })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Whether this replica should get traffic',
    security: [],
  })
  @ApiOkResponse({
    description:
      'Redis is ready (standalone: connected; cluster: every slot served; sentinel: a master known), or the in-process store is used',
    type: HealthCheckSchema,
    example: READY,
  })
  @ApiServiceUnavailableResponse({
    description: 'Redis is not ready, or the service is draining after SIGTERM',
    type: HealthCheckSchema,
    example: NOT_READY,
  })
  async ready(@Res({ passthrough: true }) response: FastifyReply): Promise<unknown> {
    try {
      return await this.health.check([() => this.drainState(), () => this.tokenStoreState()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void response.status(503);
      return error.getResponse();
    }
  }

  private drainState() {
    const indicator = this.indicators.check('shutdown');
    return this.drain.draining ? indicator.down({ draining: true }) : indicator.up();
  }

  /** Standalone: connected; cluster: every slot served; sentinel: a master known and connected. */
  private tokenStoreState() {
    const indicator = this.indicators.check('redis');
    if (!this.tokenStore.shared || !this.redis) return indicator.up({ mode: 'in-process' });
    const { ready, ...state } = this.redis.state();
    const details: Record<string, unknown> = state;
    return ready && this.tokenStore.isAvailable() ? indicator.up(details) : indicator.down(details);
  }
}
