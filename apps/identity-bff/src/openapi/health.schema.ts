import { ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';

/** The state of one thing readiness looks at (`shutdown`, `redis`). */
@ApiSchema({ name: 'HealthIndicator', description: 'The state of one checked part' })
export class HealthIndicatorSchema {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({
    enum: ['in-process'],
    description: '`redis` only: the in-process token store is used (no Redis configured)',
  })
  mode?: 'in-process';

  @ApiPropertyOptional({ description: '`shutdown` only: SIGTERM received, draining' })
  draining?: boolean;
}

const INDICATORS = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(HealthIndicatorSchema) },
} as const;

/** A liveness or readiness answer (the `@nestjs/terminus` shape). */
@ApiSchema({
  name: 'HealthCheck',
  description:
    'The checked parts by name (`shutdown`, `redis`): `info` up, `error` down, `details` all',
})
export class HealthCheckSchema {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ ...INDICATORS, description: 'The parts that are up' })
  info?: Record<string, HealthIndicatorSchema>;

  @ApiPropertyOptional({ ...INDICATORS, description: 'The parts that are down' })
  error?: Record<string, HealthIndicatorSchema>;

  @ApiProperty({ ...INDICATORS, description: 'Every part' })
  details!: Record<string, HealthIndicatorSchema>;
}
