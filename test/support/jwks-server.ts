import { createServer, Server } from 'node:http';
import { KeyObject } from 'node:crypto';

/** A real JWKS endpoint: serves the public keys it holds, counts its fetches. */
export class JwksServer {
  fetches = 0;
  private readonly keys = new Map<string, KeyObject>();
  private server?: Server;
  url = '';

  addKey(kid: string, publicKey: KeyObject): void {
    this.keys.set(kid, publicKey);
  }

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      const keys = [...this.keys].map(([kid, key]) => ({
        ...key.export({ format: 'jwk' }),
        kid,
        use: 'sig',
        alg: 'RS256',
      }));
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
