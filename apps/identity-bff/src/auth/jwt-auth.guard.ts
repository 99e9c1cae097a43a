import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { ProblemException } from '../common/problem.exception';
import { AuthUser } from './auth-user';
import { JwtStrategy } from './jwt.strategy';
import { IS_PUBLIC } from './public.decorator';

interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  user?: AuthUser;
}

/**
 * Global guard: every route needs a valid JWT unless marked @Public(). A token the strategy
 * verified before is taken from its cache without passport's per-request machinery.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const known = this.strategy.knownUser(request.headers);
    if (!known) return super.canActivate(context);
    request.user = known;
    return true;
  }

  /** 401 only for a refused token: a 403 or 503 the strategy raised, or a fault, stays what it is. */
  override handleRequest<TUser>(error: Error | null, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) {
      throw new ProblemException(
        401,
        'unauthorized',
        'A valid bearer token is required.',
        undefined,
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    }
    return user;
  }
}
