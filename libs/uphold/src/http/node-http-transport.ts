import {
  Agent,
  ClientRequest,
  IncomingHttpHeaders,
  OutgoingHttpHeaders,
  RequestOptions,
} from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where a request goes, as `node:http` takes it (`urlToHttpOptions` of a URL). */
export type HttpTarget = Pick<RequestOptions, 'protocol' | 'hostname' | 'port' | 'path' | 'auth'>;

/** One HTTP exchange: where, how, with which body and within how long. */
export interface HttpCall {
  method: string;
  target: HttpTarget;
  headers: OutgoingHttpHeaders;
  body?: string | Uint8Array;
  /** Over the whole exchange, answer body included; 0 for none. */
  timeoutMs: number;
  agent?: Agent;
  signal?: AbortSignal;
}

/** An answer, its body read as utf-8 text. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  /** Node's, with lower-cased names. */
  headers: IncomingHttpHeaders;
  data: string;
}

/**
 * A failed exchange, with the code transport-errors.ts maps: Node's (`ECONNREFUSED`,
 * `ECONNRESET`…), `ECONNABORTED` for a timeout, `ERR_CANCELED`, or `ERR_BAD_RESPONSE` for an answer
 * cut or encoded (with the answer so far).
 */
export class TransportFailure extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly request: ClientRequest,
    readonly answer?: HttpAnswer,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TransportFailure';
  }
}

/**
 * `node:http(s).request()` over the given keep-alive agent: one request, no redirects, proxies or
 * decompression (it asks for `identity` and refuses an encoded answer), one wall-clock timeout.
 */
export function sendOverNodeHttp(call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let done = false;
    const end = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (message: string, code: string, answer?: HttpAnswer, cause?: unknown): void => {
      if (!end()) return;
      req.destroy(); // a socket in an unknown state is not given back to the pool
      reject(new TransportFailure(message, code, req, answer, { cause }));
    };

    const send = call.target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: OutgoingHttpHeaders = { 'Accept-Encoding': 'identity', ...call.headers };
    if (call.body !== undefined) headers['Content-Length'] = Buffer.byteLength(call.body);
    const options = { ...call.target, method: call.method, headers, agent: call.agent };
    const req = send(options, (res) => {
      const { statusCode: status = 0, statusMessage: statusText = '' } = res;
      const answer: HttpAnswer = { status, statusText, headers: res.headers, data: '' };
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => fail(error.message, 'ERR_BAD_RESPONSE', answer, error));
      res.on('end', () => {
        const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        if (raw.length > 0 && encoding && encoding !== 'identity') {
          return fail(
            `answer encoded as ${encoding}, which is not decoded here`,
            'ERR_BAD_RESPONSE',
            answer,
          );
        }
        answer.data = withoutBom(raw.toString('utf8'));
        if (end()) resolve(answer);
      });
    });
    req.on('error', (error: Error & { code?: string }) =>
      fail(error.message, error.code ?? 'ERR_NETWORK', undefined, error),
    );

    const onAbort = (): void => fail('canceled', 'ERR_CANCELED');
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      call.timeoutMs > 0
        ? setTimeout(
            () => fail(`timeout of ${call.timeoutMs}ms exceeded`, 'ECONNABORTED'),
            call.timeoutMs,
          )
        : undefined;
    req.end(call.body);
  });
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
