import { Test } from '@nestjs/testing';
import { generateKeyPairSync } from 'node:crypto';
import { AppConfig, AuthConfig } from '../config/app-config';
import { AppConfigModule } from '../config/app-config.module';
import { AuthModule } from './auth.module';
import { KeysUnavailableError } from './jwks-key-set';
import { DEFAULT_JWKS_TIMING, JwksTiming } from './jwks-timing';
import { JwtKeys } from './jwt-keys';
import { JwtStrategy } from './jwt.strategy';

const header = { alg: 'RS256', kid: 'k1' };
const token = { payload: '', signature: '' };

async function compile(keys: Partial<AuthConfig>, timing?: JwksTiming) {
  const auth = { issuer: 'i', audience: 'a', algorithms: ['RS256'], userIdClaim: 'sub', ...keys };
  const builder = Test.createTestingModule({
    imports: [AppConfigModule.forRoot({ auth } as AppConfig), AuthModule],
  });
  if (timing) builder.overrideProvider(JwksTiming).useValue(timing);
  return builder.compile();
}

describe('AuthModule', () => {
  it('provides the production timing and the strategy', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const moduleRef = await compile({ publicKey });
    expect(moduleRef.get(JwksTiming)).toBe(DEFAULT_JWKS_TIMING);
    expect(moduleRef.get(JwtStrategy)).toBeInstanceOf(JwtStrategy);
    expect(await moduleRef.get<JwtKeys>(JwtKeys)(header, token)).toBe(publicKey);
  });

  it('builds the JWKS key set with the timing provided', async () => {
    const now = jest.fn(() => 0);
    const timing = { ...DEFAULT_JWKS_TIMING, fetchTimeoutMs: 1, now };
    const moduleRef = await compile({ jwksUri: 'http://192.0.2.1/jwks.json' }, timing);
    await expect(moduleRef.get<JwtKeys>(JwtKeys)(header, token)).rejects.toBeInstanceOf(
      KeysUnavailableError,
    );
    expect(now).toHaveBeenCalled();
  });
});
