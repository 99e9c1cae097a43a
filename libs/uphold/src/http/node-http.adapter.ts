import axios, { AxiosError, AxiosResponse, CanceledError, InternalAxiosRequestConfig } from 'axios';
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import { urlToHttpOptions } from 'node:url';
import { HttpAnswer, sendOverNodeHttp, TransportFailure } from './node-http-transport';

type Config = InternalAxiosRequestConfig;

const ABSOLUTE_URL = /^[a-z][a-z\d+\-.]*:\/\//i;
const USER_AGENT = `axios/${axios.VERSION}`; // what axios's own adapter sent

/**
 * An axios adapter over `sendOverNodeHttp` with the instance's agents: the answer read as utf-8
 * text; no redirects, proxies or decompression; a wall-clock timeout over the whole exchange;
 * `signal` cancels. axios still merges the config and runs the interceptors, `transformRequest`
 * and `transformResponse`.
 */
export async function nodeHttpAdapter(config: Config): Promise<AxiosResponse> {
  const url = new URL(fullUrl(config));
  const https = url.protocol === 'https:';
  let answer: HttpAnswer;
  try {
    answer = await sendOverNodeHttp({
      method: (config.method ?? 'get').toUpperCase(),
      target: urlToHttpOptions(url),
      headers: headersOf(config),
      body: bodyOf(config),
      timeoutMs: Number(config.timeout) || 0,
      agent: (https ? config.httpsAgent : config.httpAgent) as Agent | undefined,
      signal: config.signal as AbortSignal | undefined,
    });
  } catch (error) {
    throw error instanceof TransportFailure ? axiosErrorOf(error, config) : error;
  }
  return settle({ ...answer, config, request: undefined });
}

function headersOf(config: Config): OutgoingHttpHeaders {
  if (config.params) {
    throw new AxiosError(
      'params are not supported: put the query in url',
      'ERR_BAD_OPTION',
      config,
    );
  }
  const headers: OutgoingHttpHeaders = config.headers.toJSON(); // drops null and undefined
  if (!config.headers.has('User-Agent')) headers['User-Agent'] = USER_AGENT;
  return headers;
}

function axiosErrorOf(failure: TransportFailure, config: Config): AxiosError {
  const { code, request, answer } = failure;
  if (code === 'ERR_CANCELED') return new CanceledError(undefined, config, request);
  if (code === 'ECONNABORTED') {
    const message = config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`;
    const timeoutCode = config.transitional?.clarifyTimeoutError ? 'ETIMEDOUT' : 'ECONNABORTED';
    return new AxiosError(message, timeoutCode, config, request);
  }
  const response = answer && ({ ...answer, config, request } as AxiosResponse);
  const cause = failure.cause instanceof Error ? failure.cause : failure;
  return AxiosError.from(cause, code, config, request, response);
}

/** axios's `settle`: a status that `validateStatus` refuses rejects, the response attached. */
function settle(response: AxiosResponse): AxiosResponse {
  const { status, config } = response;
  if (!config.validateStatus || config.validateStatus(status)) return response;
  const code = status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE';
  const message = `Request failed with status code ${status}`;
  throw new AxiosError(message, code, config, response.request as unknown, response);
}

function fullUrl({ baseURL, url = '', allowAbsoluteUrls }: Config): string {
  if (!baseURL || (ABSOLUTE_URL.test(url) && allowAbsoluteUrls !== false)) return url;
  return url ? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}

/** `transformRequest` has already serialised the data: a string, bytes or nothing. */
function bodyOf(config: Config): string | Uint8Array | undefined {
  const data: unknown = config.data;
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  throw new AxiosError('the request body must be a string or bytes', 'ERR_BAD_REQUEST', config);
}
