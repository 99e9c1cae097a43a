import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ProblemCode, ProblemException } from './problem.exception';
import { requestIdOf } from './request-id';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'request_header_fields_too_large',
};

/** Errors of a request body the client stopped sending (it hung up, or was timed out). */
const CLIENT_GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Every error leaves as `application/problem+json` (RFC 9457), with no stack and no upstream body. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    // the client's doing, and nobody is left to answer: its request's log line says "aborted"
    if (clientWentAway(exception, request)) return;
    const problem = this.toProblem(exception);
    const body = problemBody(problem, requestIdOf(request));
    sendProblem(http.getResponse<FastifyReply>(), problem, body);
  }

  private toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    // a docs asset path the static server refuses (dot files, names too long): nothing there
    const status = statusOf(exception) === 403 ? 404 : statusOf(exception);
    const code = status === undefined ? undefined : CODE_BY_STATUS[status];
    if (status !== undefined && code !== undefined) {
      return new ProblemException(status, code, detailFor(code));
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return new ProblemException(500, 'internal_error', 'Something went wrong on our side.');
  }
}

/** The RFC 9457 body of a problem, for the filter and for errors answered before routing. */
export function problemBody(problem: ProblemException, requestId: string): string {
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    requestId,
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
  });
}

/** On Fastify's reply: routes, hooks, its error and not-found handlers (the app has no Nest middleware). */
function sendProblem(response: FastifyReply, problem: ProblemException, body: string): void {
  const headers = { ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (response.sent || response.raw.headersSent) return;
  void response.status(problem.status).headers(headers).send(body);
}

/** The request body stream failed because its client hung up or was cut off for being too slow. */
function clientWentAway(exception: unknown, request: FastifyRequest): boolean {
  const { raw } = request;
  return CLIENT_GONE.has(errorCode(exception) ?? '') && (raw.readableAborted || raw.destroyed);
}

function errorCode(exception: unknown): string | undefined {
  const { code } = (exception ?? {}) as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

/**
 * The status of a Nest HttpException or of an error Fastify raised about the request itself (its
 * `FST_ERR_CTP_*` body errors: 413 over the body limit, 400 for a bad Content-Length...).
 */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const { statusCode } = (exception ?? {}) as { statusCode?: unknown };
  const fromFastify = errorCode(exception)?.startsWith('FST_') === true;
  return fromFastify && typeof statusCode === 'number' ? statusCode : undefined;
}

function detailFor(code: ProblemCode): string {
  switch (code) {
    case 'validation_failed':
      return 'The request body is not valid JSON.';
    case 'bad_request':
      return 'The request is not valid HTTP.';
    case 'not_found':
      return 'No such resource.';
    case 'request_timeout':
      return 'The request was not received in time.';
    case 'payload_too_large':
      return 'The request body is larger than 64 KiB.';
    case 'uri_too_long':
      return 'The request path is too long.';
    case 'unsupported_media_type':
      return 'The request body must be application/json.';
    case 'rate_limited':
      return 'Too many requests; retry later.';
    case 'request_header_fields_too_large':
      return 'The request headers are too large.';
    case 'unauthorized':
      return 'A valid bearer token is required.';
    default:
      return 'The request failed.';
  }
}
