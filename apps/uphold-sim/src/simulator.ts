// Plain node:http (no Nest, no Express): the simulator is a benchmark floor and must misbehave precisely (hang, break JSON, drop sockets).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin-routes';
import { authenticateUserCall, rejectToken } from './api-guard';
import {
  DevIdentityProvider,
  devIdentityProviderOptions,
  isDevIdentityPath,
} from './dev-identity-provider';
import { answerWithFault } from './fault-answers';
import type { RouteFault, SimRoute } from './faults';
import { handleCreateFile } from './files-route';
import { mediaType, parseJson, queryRecord, readBody, sendError, type Exchange } from './http-io';
import { handleGetKyc, handlePatchIdentity } from './kyc-routes';
import { routeOf, SimulatorState } from './simulator-state';
import { answerUploadPreflight, sendStorageError, uploadCorsHeaders } from './storage-answers';
import { handleTokenRequest } from './token-endpoint';
import { receiveUpload, uploadIdOf } from './upload-receiver';

/** A stand-in for Uphold's Enterprise Core API: token endpoint, KYC overview and identity, file slots and uploads, faults. */
export class UpholdSimulator extends SimulatorState {
  private server?: Server;
  private baseUrl?: string;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly devIdentity = new DevIdentityProvider(devIdentityProviderOptions(process.env));

  /** Listens; resolves to the base URL, e.g. http://127.0.0.1:41234. */
  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = createServer((req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    this.server = server;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return this.baseUrl;
  }

  /** Closes the server and destroys every open socket, hung ones included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('The Uphold simulator is not started');
    return this.baseUrl;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else sendError({ res }, 500, 'internal_error', 'The simulator failed');
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const mark = target.indexOf('?');
    const path = mark === -1 ? target : target.slice(0, mark);
    const query = new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1));
    const uploadId = uploadIdOf(path);
    if (uploadId !== undefined) return this.handleUpload(req, res, method, path, query, uploadId);
    const body = await readBody(req);
    if (!body) return; // the client went away mid-body
    const json = body.raw === '' ? ({ ok: false } as const) : parseJson(body.raw);
    if (path.startsWith('/__sim/')) {
      return handleAdmin({ req, res, query, rawBody: body.raw, json }, this, method, path);
    }
    if (isDevIdentityPath(path)) {
      return this.devIdentity.handle({ req, res, query, rawBody: body.raw, json }, method, path);
    }
    const route = routeOf(method, path);
    if (route) this.counts[route] += 1;
    const isJson = json.ok && mediaType(req.headers['content-type']) === 'application/json';
    this.record(req, path, query, isJson ? json.value : body.raw === '' ? undefined : body.raw);
    // Order: faults and latency, then forced rejections, then size, auth and validation.
    const fault = route ? this.faults.take(route) : undefined;
    const ex: Exchange = { req, res, query, rawBody: body.raw, json, extraHeaders: fault?.headers };
    await this.delay(fault);
    if (fault && answerWithFault(ex, fault)) return;
    if (!route) return sendError(ex, 404, 'not_found', `No route for ${method} ${path}`);
    if (route !== 'token' && this.pendingRejections > 0) {
      this.pendingRejections -= 1;
      return rejectToken(ex, 'token_invalid');
    }
    if (body.tooLarge) return sendError(ex, 413, 'payload_too_large', 'The body is over 1 MiB');
    this.dispatch(route, ex);
  }

  private dispatch(route: SimRoute, ex: Exchange): void {
    if (route === 'token') return handleTokenRequest(ex, this.state);
    const userId = authenticateUserCall(ex, this.state.tokens);
    if (userId === undefined) return;
    if (route === 'getKyc') return handleGetKyc(ex, this.state, userId);
    if (route === 'patchIdentity') return handlePatchIdentity(ex, this.state, userId);
    handleCreateFile(ex, this.state.files, userId, this.options.publicUrl ?? this.url);
  }

  /** upload.url: the storage side, S3-style; the body is streamed by the receiver, never read here. */
  private async handleUpload(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
    id: string,
  ): Promise<void> {
    const origins = this.options.uploadCorsOrigins ?? [];
    if (method === 'OPTIONS') return answerUploadPreflight(req, res, origins);
    const cors = uploadCorsHeaders(req, origins);
    if (method !== 'POST')
      return sendStorageError(res, 405, 'MethodNotAllowed', 'Only POST is allowed here.', {
        allow: 'POST',
        ...cors,
      });
    this.counts.upload += 1;
    this.record(req, path, query, undefined); // the file's bytes are not kept
    const fault = this.faults.take('upload');
    const extraHeaders = { ...cors, ...fault?.headers };
    await this.delay(fault);
    const ex: Exchange = { req, res, query, rawBody: '', json: { ok: false }, extraHeaders };
    if (fault && answerWithFault(ex, fault)) return;
    receiveUpload(req, res, id, this.state.files, extraHeaders);
  }

  private record(req: IncomingMessage, path: string, query: URLSearchParams, body: unknown): void {
    if (this.options.recordRequests === false) return;
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path,
      query: queryRecord(query),
      headers: { ...req.headers },
      body,
    });
  }

  private async delay(fault: RouteFault | undefined): Promise<void> {
    const ms = this.latencyMs + (fault?.latencyMs ?? 0);
    if (ms > 0) await this.sleep(ms);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
