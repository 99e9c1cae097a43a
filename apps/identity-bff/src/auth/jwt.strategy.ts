import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { JWTPayload, jwtVerify, JWTVerifyOptions } from 'jose';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-custom';
import { ProblemException } from '../common/problem.exception';
import { AppConfig } from '../config/app-config';
import { AuthUser } from './auth-user';
import { KeysUnavailableError } from './jwks-key-set';
import { JwtKeys } from './jwt-keys';
import { VerifiedTokenCache } from './verified-token.cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer +(\S+)$/i;
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies the end user's bearer JWT (contract §2) with jose and reads the upstream user id from
 * the configured claim. A token verified before, and still within its life, is not verified again.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly userIdClaim: string;
  private readonly options: JWTVerifyOptions;
  private readonly verified = new VerifiedTokenCache({
    maxEntries: 10_000,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    maxEntryMs: 5 * 60_000,
  });

  constructor(
    config: AppConfig,
    @Inject(JwtKeys) private readonly keys: JwtKeys,
  ) {
    super();
    const { issuer, audience, algorithms, userIdClaim } = config.auth;
    this.userIdClaim = userIdClaim;
    this.options = {
      issuer,
      audience,
      algorithms,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp'],
    };
  }

  /** The user of a bearer JWT verified before and still within its life; undefined otherwise. */
  knownUser(headers: IncomingHttpHeaders): AuthUser | undefined {
    const token = bearerTokenOf(headers);
    return token ? this.verified.get(token) : undefined;
  }

  /** The caller, or false (401) when the request has no valid bearer JWT. */
  async validate(request: { headers: IncomingHttpHeaders }): Promise<AuthUser | false> {
    const token = bearerTokenOf(request.headers);
    if (!token) return false;
    const known = this.verified.get(token);
    if (known) return known;
    const claims = await this.claimsOf(token);
    if (!claims) return false;
    const user = this.userOf(claims);
    this.verified.remember(token, user);
    return user;
  }

  /** The verified claims; undefined for a token that fails verification in any way. */
  private async claimsOf(token: string): Promise<JWTPayload | undefined> {
    try {
      return (await jwtVerify(token, this.keys, this.options)).payload;
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        throw new ProblemException(
          503,
          'identity_provider_unavailable',
          'The identity provider cannot be reached to verify the access token; retry later.',
          undefined,
          { 'Retry-After': String(error.retryAfterSeconds) },
        );
      }
      return undefined; // jose errors, and a key that does not fit the token's alg
    }
  }

  private userOf(claims: JWTPayload): AuthUser {
    const userId = claims[this.userIdClaim];
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

function bearerTokenOf(headers: IncomingHttpHeaders): string | undefined {
  return BEARER.exec(headers.authorization ?? '')?.[1];
}
