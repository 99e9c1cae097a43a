import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';

/**
 * `GET /metrics` in the Prometheus text format. Public here so Prometheus can scrape each
 * replica directly: the API gateway must not route it from the internet.
 */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @ApiOperation({ operationId: 'getMetrics', summary: 'Prometheus metrics', security: [] })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The Prometheus text format', schema: { type: 'string' } })
  async scrape(@Res() response: FastifyReply): Promise<void> {
    const body = await this.registry.metrics();
    void response.type(this.registry.contentType).send(body);
  }
}
