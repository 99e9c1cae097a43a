import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Pool } from 'undici';
import { nodeHttpAdapter } from './node-http.adapter';
import { HttpAnswer, TransportFailure } from './node-http-transport';
import { endClientSpan, Peer, peerOf, startClientSpan, traceRequests } from './traced-requests';
import { sendOverUndici } from './undici-transport';

const AGENT_OPTIONS = {
  keepAlive: true,
  maxSockets: 256,
  maxFreeSockets: 64,
  scheduling: 'lifo' as const,
};

/** A request to the upstream: the path (and query) under its base URL. */
export interface UpstreamRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** What sends the Core API calls (UpholdClient's view of UpstreamHttp). */
export interface UpstreamSender {
  send(request: UpstreamRequest): Promise<HttpAnswer>;
}

/**
 * The upstream over HTTP: the API calls (the hot path) over a keep-alive undici pool, and the
 * axios instance the token endpoint uses, over `node:http(s)` agents. Every request has a CLIENT
 * span and a `traceparent`.
 */
export class UpstreamHttp implements UpstreamSender {
  readonly axios: AxiosInstance;
  /** The base URL's path, without a trailing slash: each request's path goes after it. */
  private readonly basePath: string;
  private readonly peer: Peer;
  private readonly pool: Pool;

  constructor(baseUrl: string, timeoutMs: number) {
    this.axios = createUpstreamHttp(baseUrl, timeoutMs);
    const base = new URL(baseUrl);
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.peer = peerOf(base);
    // the wall-clock timeout of each exchange bounds it; undici's own 300 s timers are left off
    this.pool = new Pool(base.origin, {
      connections: AGENT_OPTIONS.maxSockets,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  async send({ method, path, headers, body, timeoutMs }: UpstreamRequest): Promise<HttpAnswer> {
    const span = startClientSpan(method, path, this.peer, headers);
    try {
      const call = { method, path: this.basePath + path, headers, body, timeoutMs };
      const answer = await sendOverUndici(this.pool, call);
      endClientSpan(span, answer.status);
      return answer;
    } catch (error) {
      endClientSpan(span, undefined, error instanceof TransportFailure ? error.code : 'error');
      throw error;
    }
  }

  /** Closes the pooled sockets (the app is stopping). */
  destroy(): void {
    void this.pool.destroy();
    for (const agent of [this.axios.defaults.httpAgent, this.axios.defaults.httpsAgent]) {
      if (agent instanceof HttpAgent) agent.destroy();
    }
  }
}

/**
 * The axios instance for the upstream (the token endpoint): keep-alive sockets, a timeout, bodies
 * read as text, a CLIENT span and `traceparent` on every request. Its adapter sends over
 * `node:http(s)` directly and follows no redirect, uses no proxy and decodes no compressed answer
 * (it asks for none).
 */
export function createUpstreamHttp(baseUrl: string, timeoutMs: number): AxiosInstance {
  const http = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    adapter: nodeHttpAdapter,
    timeout: timeoutMs,
    httpAgent: new HttpAgent(AGENT_OPTIONS),
    httpsAgent: new HttpsAgent(AGENT_OPTIONS),
    responseType: 'text',
    transformResponse: (body: unknown) => body,
    validateStatus: () => true,
  });
  traceRequests(http, new URL(baseUrl));
  return http;
}
