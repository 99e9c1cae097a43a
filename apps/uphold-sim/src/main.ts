import { UpholdSimulator } from './simulator';

/** A non-negative integer from the environment, or the fallback when unset. */
function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer`);
    process.exit(1);
  }
  return value;
}

/** A comma-separated list from the environment (empty when unset). */
const envList = (name: string): string[] =>
  (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

async function main(): Promise<void> {
  const simulator = new UpholdSimulator({
    port: envInteger('SIM_PORT', 8080),
    host: process.env.SIM_HOST || '127.0.0.1',
    clientId: process.env.SIM_CLIENT_ID || 'local-client',
    clientSecret: process.env.SIM_CLIENT_SECRET || 'local-secret',
    tokenLifetimeSeconds: envInteger('SIM_TOKEN_LIFETIME_SECONDS', 600),
    latencyMs: envInteger('SIM_LATENCY_MS', 0),
    recordRequests: process.env.SIM_RECORD_REQUESTS !== 'false',
    publicUrl: process.env.SIM_PUBLIC_URL || undefined,
    uploadedFileIds: envList('SIM_UPLOADED_FILE_IDS'),
    uploadCorsOrigins: envList('SIM_CORS_ORIGINS'),
  });
  const url = await simulator.start();
  console.log(`Uphold simulator listening on ${url}`);

  const shutdown = (): void => {
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(
    `Uphold simulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
