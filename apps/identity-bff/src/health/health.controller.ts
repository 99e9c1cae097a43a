import { TokenStore } from '@app/uphold';
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
const READY = {
  status: 'ok',
  info: { shutdown: { status: 'up' }, redis: { status: 'up' } },
  error: {},
  details: { shutdown: { status: 'up' }, redis: { status: 'up' } },
};
const NOT_READY = {
  status: 'error',
  info: { shutdown: { status: 'up' } },
  error: { redis: { status: 'down' } },
  details: { shutdown: { status: 'up' }, redis: { status: 'down' } },
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
    description: 'Redis is reachable (or the in-process store is used)',
    type: HealthCheckSchema,
    example: READY,
  })
  @ApiServiceUnavailableResponse({
    description: 'Redis is unreachable, or the service is draining after SIGTERM',
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

  private tokenStoreState() {
    const indicator = this.indicators.check('redis');
    if (!this.tokenStore.shared) return indicator.up({ mode: 'in-process' });
    return this.tokenStore.isAvailable() ? indicator.up() : indicator.down();
  }
}
