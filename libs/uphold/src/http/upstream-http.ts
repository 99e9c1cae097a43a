import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { nodeHttpAdapter } from './node-http.adapter';
import { HttpAnswer, HttpTarget, sendOverNodeHttp, TransportFailure } from './node-http-transport';
import { endClientSpan, Peer, peerOf, startClientSpan, traceRequests } from './traced-requests';

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
 * The upstream over HTTP: keep-alive sockets shared by the API calls, sent straight over
 * `node:http(s)` (the hot path), and the axios instance the token endpoint uses. Every request
 * has a CLIENT span and a `traceparent`.
 */
export class UpstreamHttp implements UpstreamSender {
  readonly axios: AxiosInstance;
  /** The base URL's scheme, host, port and credentials, read once. */
  private readonly origin: HttpTarget;
  /** The base URL's path, without a trailing slash: each request's path goes after it. */
  private readonly basePath: string;
  private readonly peer: Peer;
  private readonly agent: HttpAgent;

  constructor(baseUrl: string, timeoutMs: number) {
    this.axios = createUpstreamHttp(baseUrl, timeoutMs);
    const base = new URL(baseUrl);
    const { protocol, hostname, port, auth } = urlToHttpOptions(base);
    this.origin = { protocol, hostname, port, auth };
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.peer = peerOf(base);
    const https = base.protocol === 'https:';
    const agent: unknown = https ? this.axios.defaults.httpsAgent : this.axios.defaults.httpAgent;
    this.agent = agent as HttpAgent;
  }

  async send({ method, path, headers, body, timeoutMs }: UpstreamRequest): Promise<HttpAnswer> {
    const span = startClientSpan(method, path, this.peer, headers);
    const target = { ...this.origin, path: this.basePath + path };
    try {
      const answer = await sendOverNodeHttp({
        method,
        target,
        headers,
        body,
        timeoutMs,
        agent: this.agent,
      });
      endClientSpan(span, answer.status);
      return answer;
    } catch (error) {
      endClientSpan(span, undefined, error instanceof TransportFailure ? error.code : 'error');
      throw error;
    }
  }

  /** Closes the pooled sockets (the app is stopping). */
  destroy(): void {
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
