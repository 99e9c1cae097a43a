import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { AuthUser } from '../auth/auth-user';
import { IS_PUBLIC } from '../auth/public.decorator';
import { ProblemException } from '../common/problem.exception';
import { RateLimitMetrics } from '../metrics/rate-limit.metrics';

/**
 * Per-user limits on every authenticated route. Registered after the JWT guard, so it counts
 * verified users only: an unauthenticated caller gets 401, never 429.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: RateLimitMetrics,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return Promise.resolve(isPublic === true);
  }

  /** The verified upstream user id; nothing the caller sends besides the JWT can change it. */
  protected override getTracker(request: { user?: AuthUser }): Promise<string> {
    if (!request.user) throw new Error('rate limit checked before authentication');
    return Promise.resolve(request.user.userId);
  }

  /** One count per user and throttler, whichever route of its kind is called. */
  protected override generateKey(_: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof ProblemException) this.metrics.rateLimited(request.throttler.name ?? '');
      throw error;
    }
  }

  protected override throwThrottlingException(
    _: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ProblemException(
      429,
      'rate_limited',
      'Too many requests for this user; retry later.',
      undefined,
      { 'Retry-After': String(Math.max(1, detail.timeToBlockExpire)) },
    );
  }
}
