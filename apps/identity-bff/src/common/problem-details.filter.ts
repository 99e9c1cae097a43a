import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ProblemCode, ProblemException } from './problem.exception';
import { requestIdOf } from './request-id';

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
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: STATUS_CODES[problem.status] ?? 'Error',
          status: problem.status,
          detail: problem.detail,
          code: problem.code,
          requestId: requestIdOf(request),
          ...(problem.errors?.length ? { errors: problem.errors } : {}),
        }),
      );
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

/** The status of a Nest HttpException or of a body-parser error (which carries `status`). */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown } | null)?.status;
  const fromBodyParser = typeof (exception as { type?: unknown } | null)?.type === 'string';
  return fromBodyParser && typeof status === 'number' ? status : undefined;
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
