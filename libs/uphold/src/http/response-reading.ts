/** An upstream answer as read here: from the direct transport or from axios (the token endpoint). */
export interface UpstreamAnswer {
  status: number;
  headers: object;
  data: unknown;
}

function headerOf(answer: UpstreamAnswer, name: string): unknown {
  return (answer.headers as Record<string, unknown>)[name];
}

/** Parses a JSON body read as text; undefined when it is empty or not JSON. */
export function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function upstreamRequestIdOf(response: UpstreamAnswer): string | undefined {
  const id = headerOf(response, 'x-uphold-request-id');
  return typeof id === 'string' ? id : undefined;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), if the answer gave one. */
export function retryAfterSecondsOf(response: UpstreamAnswer): number | undefined {
  const raw = headerOf(response, 'retry-after');
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
