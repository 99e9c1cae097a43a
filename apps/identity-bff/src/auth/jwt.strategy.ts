import { Injectable } from '@nestjs/common';
import type { Request } from 'express'; // passport's types are Express's; Fastify's request has `headers`
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, StrategyOptionsWithoutRequest } from 'passport-jwt';
import { AppConfig, AuthConfig } from '../config/app-config';
import { ProblemException } from '../common/problem.exception';
import { AuthUser } from './auth-user';
import { VerifiedTokenCache } from './verified-token.cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const CLOCK_TOLERANCE_SECONDS = 30;
/** jwks-rsa counts per minute: 2 means an unknown `kid` refetches the set at most about every 30 s. */
const JWKS_FETCHES_PER_MINUTE = 2;
const bearerTokenOf = ExtractJwt.fromAuthHeaderAsBearerToken();

/** Verifies the end user's JWT (contract §2) and reads the upstream user id from the configured claim. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly userIdClaim: string;
  private readonly verified = new VerifiedTokenCache({
    maxEntries: 10_000,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    maxEntryMs: 5 * 60_000,
  });

  constructor(config: AppConfig) {
    super(strategyOptions(config.auth));
    this.userIdClaim = config.auth.userIdClaim;
  }

  /**
   * A token verified before (and still within its life) is accepted without verifying its
   * signature again; any other goes through passport-jwt and, once accepted, is remembered.
   * Passport calls this on a per-request copy of the strategy, so wrapping `success` is local.
   */
  override authenticate(request: Request, options?: object): void {
    const token = bearerTokenOf(request);
    const known = token ? this.verified.get(token) : undefined;
    if (known) return this.success(known);
    if (token) {
      const succeed = this.success.bind(this);
      this.success = (user: AuthUser, info?: object) => {
        this.verified.remember(token, user);
        succeed(user, info);
      };
    }
    super.authenticate(request, options);
  }

  validate(payload: Record<string, unknown>): AuthUser {
    const userId = payload[this.userIdClaim];
    if (typeof userId !== 'string' || !UUID.test(userId)) {
      throw new ProblemException(
        403,
        'user_not_linked',
        'The access token does not carry a usable user id.',
      );
    }
    return { userId: userId.toLowerCase() };
  }
}

function strategyOptions(auth: AuthConfig): StrategyOptionsWithoutRequest {
  const keys = auth.publicKey
    ? // a KeyObject parsed once (jsonwebtoken accepts it; passport-jwt's types say string)
      { secretOrKey: auth.publicKey as unknown as string }
    : {
        secretOrKeyProvider: passportJwtSecret({
          jwksUri: auth.jwksUri ?? '',
          cache: true,
          rateLimit: true,
          jwksRequestsPerMinute: JWKS_FETCHES_PER_MINUTE,
          timeout: 5_000,
        }),
      };
  return {
    ...keys,
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    issuer: auth.issuer,
    audience: auth.audience,
    algorithms: auth.algorithms as StrategyOptionsWithoutRequest['algorithms'],
    ignoreExpiration: false,
    jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
  };
}
