// The baseline of the benchmark: a bare forwarder, no auth, no validation, no logs.
import { Agent, createServer, IncomingMessage, request, ServerResponse } from 'node:http';

const upstream = new URL(required('UPSTREAM_URL'));
const token = required('UPSTREAM_TOKEN');
const userId = required('UPSTREAM_USER_ID');
const agent = new Agent({
  keepAlive: true,
  maxSockets: 256,
  maxFreeSockets: 64,
  scheduling: 'lifo',
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** The same upstream body the BFF's mapper builds (contract §1.1), without any validation. */
function toUpstreamBody(raw: string): string {
  const { type, media, provider, verifiedAt, document, person } = JSON.parse(raw) as Record<
    string,
    unknown
  >;
  return JSON.stringify({
    ...(type !== undefined && { type }),
    input: { media },
    output: { provider, document, person, verifiedAt },
  });
}

function forward(path: string, method: string, body: string | undefined, res: ServerResponse) {
  const headers: Record<string, string | number> = {
    authorization: `Bearer ${token}`,
    'x-on-behalf-of': `user ${userId}`,
    accept: 'application/json',
  };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  const call = request({
    host: upstream.hostname,
    port: upstream.port,
    path,
    method,
    headers,
    agent,
  });
  call.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
    answer.pipe(res);
  });
  call.on('error', () => {
    res.writeHead(502).end();
  });
  call.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/me/identity') {
    return forward('/core/kyc?detailed=identity', 'GET', undefined, res);
  }
  if (req.method === 'PATCH' && req.url === '/me/identity') {
    readBody(req)
      .then((raw) => forward('/core/kyc/processes/identity', 'PATCH', toUpstreamBody(raw), res))
      .catch(() => res.writeHead(400).end());
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 65_000;
server.listen(Number(required('PORT')), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
