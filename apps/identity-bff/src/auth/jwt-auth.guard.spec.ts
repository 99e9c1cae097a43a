import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../common/problem.exception';
import { AuthUser } from './auth-user';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { Public } from './public.decorator';

class Routes {
  open(): void {}
  closed(): void {}
}
Public()(Routes.prototype, 'open', Object.getOwnPropertyDescriptor(Routes.prototype, 'open')!);

@Public()
class OpenRoutes {
  any(): void {}
}

const USER: AuthUser = { userId: '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d21' };
const KNOWN_TOKEN = 'Bearer known';

interface TestRequest {
  headers: { authorization?: string };
  user?: AuthUser;
}

const contextOf = (handler: () => void, cls: object, request: TestRequest = { headers: {} }) =>
  ({
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request }),
  }) as unknown as ExecutionContext;

/** Stands in for the strategy's cache of verified tokens: it knows one. */
const strategy = {
  knownUser: ({ authorization }: TestRequest['headers']) =>
    authorization === KNOWN_TOKEN ? USER : undefined,
} as JwtStrategy;

describe('JwtAuthGuard', () => {
  const guard = new JwtAuthGuard(new Reflector(), strategy);
  const passportCheck = jest
    .spyOn(Object.getPrototypeOf(JwtAuthGuard.prototype) as JwtAuthGuard, 'canActivate')
    .mockReturnValue(Promise.resolve(true));
  beforeEach(() => passportCheck.mockClear());

  it('lets a route marked @Public() through without a token', () => {
    expect(guard.canActivate(contextOf(Routes.prototype.open, Routes))).toBe(true);
    expect(guard.canActivate(contextOf(OpenRoutes.prototype.any, OpenRoutes))).toBe(true);
    expect(passportCheck).not.toHaveBeenCalled();
  });

  it('has passport check the JWT on any other route', async () => {
    const context = contextOf(Routes.prototype.closed, Routes, {
      headers: { authorization: 'Bearer new' },
    });
    expect(await guard.canActivate(context)).toBe(true);
    expect(passportCheck).toHaveBeenCalledWith(context);
  });

  it('takes a token the strategy verified before from its cache, with its user, without passport', () => {
    const request: TestRequest = { headers: { authorization: KNOWN_TOKEN } };
    expect(guard.canActivate(contextOf(Routes.prototype.closed, Routes, request))).toBe(true);
    expect(request.user).toBe(USER);
    expect(passportCheck).not.toHaveBeenCalled();
  });

  it('gives the user of an accepted token', () => {
    expect(guard.handleRequest(null, USER)).toBe(USER);
  });

  it('answers a refused token with 401 unauthorized and WWW-Authenticate', () => {
    let thrown: unknown;
    try {
      guard.handleRequest(null, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown).toMatchObject({
      status: 401,
      code: 'unauthorized',
      detail: 'A valid bearer token is required.',
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  });

  it('lets the problem the strategy raised, or a fault, through unchanged (never a 401)', () => {
    const unavailable = new ProblemException(503, 'identity_provider_unavailable', 'down');
    expect(() => guard.handleRequest(unavailable, false)).toThrow(unavailable);
    const fault = new Error('bug');
    expect(() => guard.handleRequest(fault, false)).toThrow(fault);
  });
});
