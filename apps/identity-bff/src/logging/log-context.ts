import { Context, context, createContextKey } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { traceLogFields } from '../tracing/trace-log-fields';

const REQUEST_ID = createContextKey('identity-bff request id');
const APP_LOGGER = createContextKey('identity-bff app logger');

/**
 * The request's context (the one tracing keeps active for its whole life) also holds its id and
 * its app's logger: a log written anywhere during the request finds both, without a logger per
 * request.
 */
export function withLogContext(parent: Context, requestId: string, logger: Logger): Context {
  return parent.setValue(REQUEST_ID, requestId).setValue(APP_LOGGER, logger);
}

/** The logger of the app whose request is running, if one is. */
export function loggerInContext(): Logger | undefined {
  return context.active().getValue(APP_LOGGER) as Logger | undefined;
}

/** A pino `mixin`: the request id and the trace ids on every line written during a request. */
export function requestLogFields(): object {
  const reqId = context.active().getValue(REQUEST_ID);
  return reqId === undefined ? traceLogFields() : { reqId, ...traceLogFields() };
}
