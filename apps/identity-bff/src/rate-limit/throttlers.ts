import { ExecutionContext } from '@nestjs/common';
import { ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitConfig } from '../config/app-config';

/** Reads (GET): counted in process memory, so a read never waits on Redis. */
export const READS = 'reads';
/** Writes (every other method): counted in Redis, so the limit holds across replicas. */
export const WRITES = 'writes';
export const RATE_WINDOW_MS = 60_000;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isRead(context: ExecutionContext): boolean {
  return READ_METHODS.has(context.switchToHttp().getRequest<FastifyRequest>().method);
}

/** The two named throttlers; a request meets exactly one of them. */
export function throttlersFor(limits: RateLimitConfig): ThrottlerOptions[] {
  return [
    {
      name: READS,
      limit: limits.readsPerMinute,
      ttl: RATE_WINDOW_MS,
      skipIf: (context) => !isRead(context),
    },
    { name: WRITES, limit: limits.writesPerMinute, ttl: RATE_WINDOW_MS, skipIf: isRead },
  ];
}
