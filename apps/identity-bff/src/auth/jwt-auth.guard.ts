import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException } from '../common/problem.exception';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every route needs a valid JWT unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic || super.canActivate(context);
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
