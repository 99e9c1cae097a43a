import { createServer, Server } from 'node:http';
import { KeyObject } from 'node:crypto';

/** A real JWKS endpoint: serves the public keys it holds, counts its fetches, can fail on demand. */
export class JwksServer {
  fetches = 0;
  /** The status it answers with; anything but 200 comes without a key set. */
  status = 200;
  private readonly keys = new Map<string, KeyObject>();
  private server?: Server;
  url = '';

  addKey(kid: string, publicKey: KeyObject): void {
    this.keys.set(kid, publicKey);
  }

  removeKey(kid: string): void {
    this.keys.delete(kid);
  }

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      if (this.status !== 200) {
        res.writeHead(this.status).end();
        return;
      }
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

  /** Stops listening: from then on a fetch is refused (safe to call twice). */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      return this.server ? this.server.close(() => resolve()) : resolve();
    });
  }
}
