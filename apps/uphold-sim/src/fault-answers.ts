import type { RouteFault } from './faults';
import { sendJson, sendMalformedJson, type Exchange } from './http-io';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'token_invalid',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** Plays the answer part of a fault (latency is already spent); false when the request goes on normally. */
export function answerWithFault(ex: Exchange, fault: RouteFault): boolean {
  if (fault.destroy) {
    ex.req.socket.destroy();
    return true;
  }
  if (fault.hang) return true; // left open: the client gives up, or stop() destroys the socket
  if (fault.malformed) {
    sendMalformedJson(ex);
    return true;
  }
  if (fault.status === undefined) return false;
  const code = CODE_BY_STATUS[fault.status] ?? 'simulated_fault';
  const body =
    fault.body !== undefined ? fault.body : { code, message: `Simulated ${fault.status}` };
  // The docs say a 429 carries Retry-After; fault headers may override it.
  sendJson(ex, fault.status, body, fault.status === 429 ? { 'retry-after': '1' } : undefined);
  return true;
}
