import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { HttpAnswer, TransportFailure, withoutBom } from './node-http-transport';

/** One exchange over an undici pool: the path under the pool's origin, the body, the budget. */
export interface PooledCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Over the whole exchange, answer body included; 0 for none. */
  timeoutMs: number;
}

/**
 * One request over a keep-alive undici pool (the API calls' hot path: about half the CPU of
 * `node:http`'s client): no redirects, proxies or decompression (it asks for `identity` and refuses
 * an encoded answer), one wall-clock timeout. Fails with a TransportFailure, as `sendOverNodeHttp`.
 */
export function sendOverUndici(pool: Dispatcher, call: PooledCall): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const exchange = new Exchange(resolve, reject, call.timeoutMs);
    const headers = { 'accept-encoding': 'identity', ...call.headers };
    const { method, path, body } = call;
    try {
      pool.dispatch({ method, path, headers, body }, exchange);
    } catch (error) {
      exchange.onResponseError(undefined, error as Error); // an argument undici refuses
    }
  });
}

/** The dispatch handler: gathers the answer, and ends the exchange once, whoever ends it first. */
class Exchange implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private settled = false;
  private readonly timer?: NodeJS.Timeout;
  private readonly answer: HttpAnswer = { status: 0, statusText: '', headers: {}, data: '' };
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly resolve: (answer: HttpAnswer) => void,
    private readonly reject: (failure: TransportFailure) => void,
    timeoutMs: number,
  ) {
    if (timeoutMs > 0) {
      this.timer = setTimeout(
        () => this.fail(`timeout of ${timeoutMs}ms exceeded`, 'ECONNABORTED'),
        timeoutMs,
      );
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error('the exchange already ended'));
  }

  onResponseStart(
    _: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
    statusText?: string,
  ): void {
    this.answer.status = status;
    this.answer.statusText = statusText ?? '';
    this.answer.headers = asNodeHeaders(headers);
  }

  onResponseData(_: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks, answer } = this;
    const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const encoding = answer.headers['content-encoding'];
    if (raw.length > 0 && encoding && encoding !== 'identity') {
      const message = `answer encoded as ${String(encoding)}, which is not decoded here`;
      return this.fail(message, 'ERR_BAD_RESPONSE', answer);
    }
    answer.data = withoutBom(raw.toString('utf8'));
    if (this.end()) this.resolve(answer);
  }

  onResponseError(_: Dispatcher.DispatchController | undefined, error: Error): void {
    const { code } = error as Error & { code?: unknown };
    const answer = this.answer.status > 0 ? this.answer : undefined;
    if (!this.end()) return; // undici reporting the abort of an exchange already ended here
    const failureCode = typeof code === 'string' ? code : 'ERR_NETWORK';
    this.reject(
      new TransportFailure(error.message, failureCode, undefined, answer, { cause: error }),
    );
  }

  /** Ends the exchange from this side: a connection in an unknown state is closed, not pooled. */
  private fail(message: string, code: string, answer?: HttpAnswer): void {
    if (!this.end()) return;
    this.controller?.abort(new Error(message));
    this.reject(new TransportFailure(message, code, undefined, answer));
  }

  private end(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    return true;
  }
}

/** Headers Node keeps the first of when repeated (of those read here); others it joins. */
const FIRST_ONLY = new Set(['content-type', 'content-length', 'content-encoding', 'retry-after']);

/** undici gives a repeated header as an array: made a string as `node:http` makes it. */
function asNodeHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  for (const name in headers) {
    const value = headers[name];
    if (Array.isArray(value) && name !== 'set-cookie') {
      headers[name] = FIRST_ONLY.has(name) ? value[0] : value.join(', ');
    }
  }
  return headers;
}
