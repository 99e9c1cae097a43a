import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../config/app-config';
import { DEFAULT_JWKS_TIMING, JwksTiming } from './jwks-timing';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtKeys, jwtKeysFor } from './jwt-keys';
import { JwtStrategy } from './jwt.strategy';

@Module({
  imports: [PassportModule.register({ session: false })],
  providers: [
    { provide: JwksTiming, useValue: DEFAULT_JWKS_TIMING },
    {
      provide: JwtKeys,
      useFactory: (config: AppConfig, timing: JwksTiming) => jwtKeysFor(config.auth, timing),
      inject: [AppConfig, JwksTiming],
    },
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
})
export class AuthModule {}
