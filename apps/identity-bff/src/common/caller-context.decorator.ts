import { UserContext } from '@app/uphold';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { requestIdOf } from './request-id';

const MAX_HEADER_LENGTH = 512;

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
      ip: request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''),
      userAgent: headerOf(request, 'user-agent'),
      origin: headerOf(request, 'origin'),
      acceptLanguage: headerOf(request, 'accept-language'),
    };
  },
);

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= MAX_HEADER_LENGTH ? value : undefined;
}
