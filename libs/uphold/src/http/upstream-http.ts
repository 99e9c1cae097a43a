import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { traceRequests } from './traced-requests';

/**
 * The one axios instance for the upstream: keep-alive sockets, a timeout, bodies read as text, a
 * CLIENT span and `traceparent` on every request.
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
    adapter: 'http', // named: axios otherwise probes xhr, http and fetch on every request
    timeout: timeoutMs,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    responseType: 'text',
    transformResponse: (body: unknown) => body,
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
  });
  traceRequests(http, new URL(baseUrl));
  return http;
}
