import axios, { AxiosError, AxiosResponse, CanceledError, InternalAxiosRequestConfig } from 'axios';
import { ClientRequest, RequestOptions, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

type Config = InternalAxiosRequestConfig;
type Body = string | Uint8Array | undefined;

const ABSOLUTE_URL = /^[a-z][a-z\d+\-.]*:\/\//i;
const USER_AGENT = `axios/${axios.VERSION}`; // what axios's own adapter sent

/**
 * An axios adapter straight over `node:http(s).request()` with the instance's agents: one request,
 * the answer read as utf-8 text; no redirects, proxies or decompression (it asks for `identity`
 * and refuses an encoded answer); a wall-clock timeout over the whole exchange; `signal` cancels.
 * axios still merges the config and runs the interceptors, `transformRequest` and `transformResponse`.
 */
export function nodeHttpAdapter(config: Config): Promise<AxiosResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(fullUrl(config));
    const https = url.protocol === 'https:';
    const body = bodyOf(config);
    let done = false;
    const end = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      config.signal?.removeEventListener?.('abort', onAbort);
      return true;
    };
    const fail = (error: AxiosError): void => {
      if (!end()) return;
      req.destroy(); // a socket in an unknown state is not given back to the pool
      reject(error);
    };

    const send = https ? httpsRequest : httpRequest;
    const req: ClientRequest = send(url, optionsOf(config, https, body), (res) => {
      const { statusCode: status = 0, statusMessage: statusText = '', headers } = res;
      // headers keep Node's lower-cased names; axios wraps them in AxiosHeaders afterwards
      const response: AxiosResponse = {
        data: '',
        status,
        statusText,
        headers,
        config,
        request: req,
      };
      const badAnswer = (error: Error): void =>
        fail(AxiosError.from(error, AxiosError.ERR_BAD_RESPONSE, config, req, response));
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', badAnswer);
      res.on('end', () => {
        const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        if (raw.length > 0 && encoding && encoding !== 'identity') {
          return badAnswer(new Error(`answer encoded as ${encoding}, which is not decoded here`));
        }
        response.data = withoutBom(raw.toString('utf8'));
        if (end()) settle(response, resolve, reject);
      });
    });
    req.on('error', (error) => fail(AxiosError.from(error, undefined, config, req)));

    const onAbort = (): void => fail(new CanceledError(undefined, config, req));
    config.signal?.addEventListener?.('abort', onAbort, { once: true });
    const timeoutMs = Number(config.timeout) || 0;
    const timer =
      timeoutMs > 0 ? setTimeout(() => fail(timeoutError(config, req)), timeoutMs) : undefined;
    req.end(body);
  });
}

function optionsOf(config: Config, https: boolean, body: Body): RequestOptions {
  if (config.params) {
    throw new AxiosError(
      'params are not supported: put the query in url',
      'ERR_BAD_OPTION',
      config,
    );
  }
  const headers: RequestOptions['headers'] = config.headers.toJSON(); // drops null and undefined
  if (!config.headers.has('User-Agent')) headers['User-Agent'] = USER_AGENT;
  if (!config.headers.has('Accept-Encoding')) headers['Accept-Encoding'] = 'identity';
  if (body !== undefined) headers['Content-Length'] = Buffer.byteLength(body);
  const agent: unknown = https ? config.httpsAgent : config.httpAgent;
  return {
    method: (config.method ?? 'get').toUpperCase(),
    headers,
    agent: agent as RequestOptions['agent'],
  };
}

/** axios's `settle`: a status that `validateStatus` refuses rejects, the response attached. */
function settle(
  response: AxiosResponse,
  resolve: (r: AxiosResponse) => void,
  reject: (e: AxiosError) => void,
): void {
  const { status, config } = response;
  if (!config.validateStatus || config.validateStatus(status)) return resolve(response);
  const code = status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE';
  const message = `Request failed with status code ${status}`;
  reject(new AxiosError(message, code, config, response.request as unknown, response));
}

function fullUrl({ baseURL, url = '', allowAbsoluteUrls }: Config): string {
  if (!baseURL || (ABSOLUTE_URL.test(url) && allowAbsoluteUrls !== false)) return url;
  return url ? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}

/** `transformRequest` has already serialised the data: a string, bytes or nothing. */
function bodyOf(config: Config): Body {
  const data: unknown = config.data;
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  throw new AxiosError('the request body must be a string or bytes', 'ERR_BAD_REQUEST', config);
}

function timeoutError(config: Config, req: ClientRequest): AxiosError {
  const message = config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`;
  const code = config.transitional?.clarifyTimeoutError ? 'ETIMEDOUT' : 'ECONNABORTED';
  return new AxiosError(message, code, config, req);
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
