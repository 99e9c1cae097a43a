import { UpholdModuleOptions } from '@app/uphold';
import { InjectionToken } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/identity-bff/src/app.module';
import { loadConfig } from '../../apps/identity-bff/src/config/app-config';
import { configureApp } from '../../apps/identity-bff/src/configure-app';
import { createHttpAdapter } from '../../apps/identity-bff/src/http-adapter';
import { validIdentityRequest } from '../../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { AUDIENCE, ISSUER, publicKeyPem } from './test-keys';

/** Client credentials of the tests: the secret has every character RFC 6749 encoding must survive. */
export const CLIENT_ID = 'bff-test-client';
export const CLIENT_SECRET = 'p@ss:w0rd+with%25&é spaces';

export type Env = Record<string, string | undefined>;

export interface TestBff {
  app: NestFastifyApplication;
  url: string;
  /** Every log line the app wrote, as pino wrote it. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The fixture's file ids, which the suites' simulators know as uploaded: the simulator refuses any
 * other file id that was not reserved and uploaded (test/local-flow does that whole flow).
 */
export const FIXTURE_FILE_IDS = validIdentityRequest().media.map((item) => item.fileId);

export function startSimulator(): Promise<UpholdSimulator> {
  const simulator = new UpholdSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    uploadedFileIds: FIXTURE_FILE_IDS,
  });
  return simulator.start().then(() => simulator);
}

/** The environment of a test BFF pointed at the simulator; overrides win. */
export function testEnv(upstreamUrl: string, overrides: Env = {}): Env {
  return {
    UPHOLD_BASE_URL: upstreamUrl,
    UPHOLD_CLIENT_ID: CLIENT_ID,
    UPHOLD_CLIENT_SECRET: CLIENT_SECRET,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_PUBLIC_KEY: publicKeyPem,
    AUTH_ALGORITHMS: 'RS256,ES256',
    LOG_LEVEL: 'info',
    // out of the way of suites about other things; test/rate-limit sets its own
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    ...overrides,
  };
}

export interface StartOptions {
  /** false drops the app's log lines (load tests, whose memory they would skew). */
  keepLogs?: boolean;
  /** Providers replaced by value, such as a clock a test drives itself. */
  overrides?: { provide: InjectionToken; useValue: unknown }[];
  /** Uphold module options no environment variable sets, such as the Redis command timeout. */
  uphold?: Partial<UpholdModuleOptions>;
}

/** The real app, configured from the environment as main.ts does, listening on a free port. */
export async function startBff(
  env: Env,
  { keepLogs = true, overrides = [], uphold = {} }: StartOptions = {},
): Promise<TestBff> {
  const config = loadConfig(env);
  config.uphold = { ...config.uphold, ...uphold };
  const logs: string[] = [];
  const write = keepLogs ? (line: string) => logs.push(line) : () => undefined;
  const builder = Test.createTestingModule({ imports: [AppModule.forRoot(config, { write })] });
  for (const { provide, useValue } of overrides)
    builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createHttpAdapter(config.trustProxy),
    { bodyParser: false, bufferLogs: true },
  );
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, logs, close: () => app.close() };
}

/** Starts the simulator and one BFF (with env overrides) before the suite and stops both after it. */
export function useSimulatorAndBff(overrides: Env = {}): { sim: UpholdSimulator; bff: TestBff } {
  const suite = {} as { sim: UpholdSimulator; bff: TestBff };
  beforeAll(async () => {
    suite.sim = await startSimulator();
    suite.bff = await startBff(testEnv(suite.sim.url, overrides));
  });
  afterAll(async () => {
    await suite.bff?.close();
    await suite.sim?.stop();
  });
  return suite;
}
