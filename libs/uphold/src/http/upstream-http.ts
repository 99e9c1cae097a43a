import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { nodeHttpAdapter } from './node-http.adapter';
import { traceRequests } from './traced-requests';

/**
 * The one axios instance for the upstream: keep-alive sockets, a timeout, bodies read as text, a
 * CLIENT span and `traceparent` on every request. Its adapter sends over `node:http(s)` directly
 * and follows no redirect, uses no proxy and decodes no compressed answer (it asks for none).
 */
export function createUpstreamHttp(baseUrl: string, timeoutMs: number): AxiosInstance {
  const agentOptions = {
    keepAlive: true,
    maxSockets: 256,
    maxFreeSockets: 64,
    scheduling: 'lifo' as const,
  };
  const http = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    adapter: nodeHttpAdapter,
    timeout: timeoutMs,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    responseType: 'text',
    transformResponse: (body: unknown) => body,
    validateStatus: () => true,
  });
  traceRequests(http, new URL(baseUrl));
  return http;
}
