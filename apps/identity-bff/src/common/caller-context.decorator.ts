import { UserContext } from '@app/uphold';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AuthUser } from '../auth/auth-user';
import { requestIdOf } from './request-id';

const MAX_HEADER_LENGTH = 512;

/**
 * Whom the upstream call is for and the end user's context: the user id from the verified JWT
 * only; the IP as Express resolved it through TRUST_PROXY hops; a few headers passed through.
 */
export const CallerContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserContext => {
    const request = context.switchToHttp().getRequest<Request & { user: AuthUser }>();
    return {
      userId: request.user.userId,
      requestId: requestIdOf(request),
      ip: request.ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, ''),
      userAgent: headerOf(request, 'user-agent'),
      origin: headerOf(request, 'origin'),
      acceptLanguage: headerOf(request, 'accept-language'),
    };
  },
);

function headerOf(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length <= MAX_HEADER_LENGTH ? value : undefined;
}
