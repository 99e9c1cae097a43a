import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { RedisEntry } from './redis-cluster';
import { freePort } from './free-port';
import { makeTempDir, RedisProcess, removeTempDir } from './redis-process';

const run = promisify(execFile);

/** The ACL user the BFF connects as: its own keys only. */
export const BFF_USER = { name: 'identity-bff', password: 'bff-redis-pw' };
const ADMIN = { name: 'test-admin', password: 'admin-redis-pw' };

/**
 * A TLS-only redis-server (no plain port) with a throwaway CA and server certificate made by
 * openssl at start, the default user off, and an ACL user for the BFF limited to its key prefix.
 */
export class TestRedisTls {
  private constructor(
    private readonly dir: string,
    readonly port: number,
    readonly caFile: string,
    private readonly server: RedisProcess,
  ) {}

  static async start(): Promise<TestRedisTls> {
    const dir = makeTempDir('tls');
    const file = (name: string) => join(dir, name);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=bff-test-ca',
    ]);
    await run('openssl', [
      'req',
      ...ec,
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=127.0.0.1',
    ]);
    writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.crt'),
      '-days',
      '1',
      '-extfile',
      file('san.ext'),
    ]);
    writeFileSync(
      file('users.acl'),
      [
        'user default off',
        `user ${BFF_USER.name} on >${BFF_USER.password} ~identity-bff:* +@all -@admin -@dangerous`,
        `user ${ADMIN.name} on >${ADMIN.password} ~* +@all`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const server = new RedisProcess([
      ...['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1'],
      ...['--tls-cert-file', file('server.crt'), '--tls-key-file', file('server.key')],
      ...['--tls-ca-cert-file', file('ca.crt'), '--tls-auth-clients', 'no'],
      ...['--aclfile', file('users.acl'), '--dir', dir, '--save', '', '--appendonly', 'no'],
    ]);
    const redis = new TestRedisTls(dir, port, file('ca.crt'), server);
    try {
      await server.start();
    } catch (error) {
      await redis.stop();
      throw error;
    }
    return redis;
  }

  /** The value of REDIS_URL for the BFF: rediss:// with the ACL user's credentials. */
  get url(): string {
    return `rediss://${BFF_USER.name}:${BFF_USER.password}@127.0.0.1:${this.port}`;
  }

  /** The BFF's variables: the URL, and the CA to trust. */
  env(): Record<string, string> {
    return { REDIS_URL: this.url, REDIS_TLS_CA_FILE: this.caFile };
  }

  async inspect<T>(fn: (client: ReturnType<typeof adminClient>) => Promise<T>): Promise<T> {
    const client = adminClient(this.port, readFileSync(this.caFile, 'utf8'));
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      client.destroy();
    }
  }

  entries(): Promise<RedisEntry[]> {
    return this.inspect(async (client) => {
      const keys = await client.keys('*');
      return Promise.all(
        keys.map(async (key) => ({
          key,
          value: await client.get(key),
          ttlMs: await client.pTTL(key),
        })),
      );
    });
  }

  async flush(): Promise<void> {
    await this.inspect((client) => client.flushAll());
  }

  async stop(): Promise<void> {
    await this.server.stop();
    removeTempDir(this.dir);
  }
}

function adminClient(port: number, ca: string) {
  return createClient({
    url: `rediss://${ADMIN.name}:${ADMIN.password}@127.0.0.1:${port}`,
    socket: { tls: true, ca, reconnectStrategy: false },
  });
}
