import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../common/problem.exception';
import { JwtAuthGuard } from './jwt-auth.guard';
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

const contextOf = (handler: () => void, cls: object) =>
  ({ getHandler: () => handler, getClass: () => cls }) as unknown as ExecutionContext;

describe('JwtAuthGuard', () => {
  const guard = new JwtAuthGuard(new Reflector());
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
    const context = contextOf(Routes.prototype.closed, Routes);
    expect(await guard.canActivate(context)).toBe(true);
    expect(passportCheck).toHaveBeenCalledWith(context);
  });

  it('gives the user of an accepted token', () => {
    const user = { userId: '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d21' };
    expect(guard.handleRequest(null, user)).toBe(user);
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
