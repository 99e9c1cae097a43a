import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { STATUS_CODES, ServerResponse } from 'node:http';
import { ProblemCode, ProblemException } from './problem.exception';
import { requestIdOf } from './request-id';

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Every error leaves as `application/problem+json` (RFC 9457), with no stack and no upstream body. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ id?: unknown }>();
    const problem = this.toProblem(exception);
    const body = JSON.stringify({
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      requestId: requestIdOf(request),
      ...(problem.errors?.length ? { errors: problem.errors } : {}),
    });
    sendProblem(http.getResponse<FastifyReply | ServerResponse>(), problem, body);
  }

  private toProblem(exception: unknown): ProblemException {
    if (exception instanceof ProblemException) return exception;
    const status = statusOf(exception);
    const code = status === undefined ? undefined : CODE_BY_STATUS[status];
    if (status !== undefined && code !== undefined) {
      return new ProblemException(status, code, detailFor(code));
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return new ProblemException(500, 'internal_error', 'Something went wrong on our side.');
  }
}

/**
 * Fastify's reply (routes, its error and not-found handlers) or, for an exception thrown by Nest
 * middleware, the raw response.
 */
function sendProblem(
  response: FastifyReply | ServerResponse,
  problem: ProblemException,
  body: string,
): void {
  const headers = { ...problem.headers, 'Content-Type': PROBLEM_TYPE };
  if (response instanceof ServerResponse) {
    if (response.headersSent) return;
    response.writeHead(problem.status, headers).end(body);
    return;
  }
  if (response.sent || response.raw.headersSent) return;
  void response.status(problem.status).headers(headers).send(body);
}

/**
 * The status of a Nest HttpException or of an error Fastify raised about the request itself (its
 * `FST_ERR_CTP_*` body errors: 413 over the body limit, 400 for a bad Content-Length...).
 */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const { code, statusCode } = (exception ?? {}) as { code?: unknown; statusCode?: unknown };
  const fromFastify = typeof code === 'string' && code.startsWith('FST_');
  return fromFastify && typeof statusCode === 'number' ? statusCode : undefined;
}

function detailFor(code: ProblemCode): string {
  switch (code) {
    case 'validation_failed':
      return 'The request body is not valid JSON.';
    case 'not_found':
      return 'No such resource.';
    case 'payload_too_large':
      return 'The request body is larger than 64 KiB.';
    case 'unsupported_media_type':
      return 'The request body must be application/json.';
    case 'rate_limited':
      return 'Too many requests; retry later.';
    case 'unauthorized':
      return 'A valid bearer token is required.';
    default:
      return 'The request failed.';
  }
}
