import { UserContext } from '@app/uphold';
import { createParamDecorator, ExecutionContext, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import { AuthUser } from '../auth/auth-user';
import { requestIdOf } from './request-id';

const MAX_HEADER_LENGTH = 512;
const IPV4_MAPPED = /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i;

const logger = new Logger('CallerContext');

/**
 * Whom the upstream call is for and the end user's context: the user id from the verified JWT
 * only; the IP as Fastify resolved it through TRUST_PROXY hops; a few headers passed through.
 */
export const CallerContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: AuthUser }>();
    return {
      userId: request.user.userId,
      requestId: requestIdOf(request),
      ip: clientIpOf(request),
      userAgent: headerOf(request, 'user-agent'),
      origin: headerOf(request, 'origin'),
      acceptLanguage: headerOf(request, 'accept-language'),
    };
  },
);

/**
 * The client IP, only when it is an IP address (the trusted hop of `X-Forwarded-For` is whatever
 * was written there), without an IPv6 zone (`%eth0`: local to a host, and of any length).
 */
function clientIpOf(request: FastifyRequest): string | undefined {
  const ip = request.ip.replace(IPV4_MAPPED, '');
  if (isIP(ip) !== 0) return ip.split('%')[0];
  logger.debug('client IP not forwarded: the trusted X-Forwarded-For hop is not an IP address');
  return undefined;
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= MAX_HEADER_LENGTH ? value : undefined;
}
