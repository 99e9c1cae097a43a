import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem-details.filter';
import { ProblemException } from './problem.exception';

const logger = new Logger('HttpEdge');

/**
 * Node's `clientError` (Fastify's `clientErrorHandler`): a request its HTTP parser refused (400,
 * 431), or one not received within the body timeout (408), gets a problem+json answer with an
 * `X-Request-Id`, and the connection is closed, since nothing more can be read from it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    logger.debug(`client connection reset before a request was read (${error.code ?? 'closed'})`);
    return;
  }
  const problem = parserProblem(error.code);
  logger.debug(`request refused before routing: ${problem.status} (${error.code ?? error.name})`);
  const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!socket.writable || response?.headersSent) {
    socket.destroy(error);
    return;
  }
  const given = response?.getHeader('x-request-id');
  const requestId = typeof given === 'string' ? given : randomUUID();
  const body = problemBody(problem, requestId);
  const headers = {
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Request-Id': requestId,
    Connection: 'close',
  };
  if (response) {
    // a request already routed (timed out mid-body) is answered on its response: its log line
    // shows the status
    response.writeHead(problem.status, headers).end(body, () => socket.destroy());
    return;
  }
  const head = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: a path that is not a valid URL (400), or a route parameter over
 * its length limit (414), answered as problem+json before any route or hook runs.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = frameworkProblem(error);
  logger.debug(`request refused before routing: ${problem.status} (${error.code})`);
  void reply
    .status(problem.status)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .header('X-Request-Id', request.id)
    .send(problemBody(problem, request.id));
}

function parserProblem(code: string | undefined): ProblemException {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ProblemException(408, 'request_timeout', 'The request was not received in time.');
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemException(
        431,
        'request_header_fields_too_large',
        'The request headers are too large.',
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ProblemException(
        413,
        'payload_too_large',
        'The request body has oversized chunk extensions.',
      );
    default:
      return new ProblemException(400, 'bad_request', 'The request is not valid HTTP.');
  }
}

function frameworkProblem(error: FastifyError): ProblemException {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new ProblemException(400, 'bad_request', 'The request path is not a valid URL.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(414, 'uri_too_long', 'The request path is too long.');
    default:
      logger.error(`request failed before routing: ${error.code}: ${error.message}`);
      return new ProblemException(500, 'internal_error', 'Something went wrong on our side.');
  }
}
