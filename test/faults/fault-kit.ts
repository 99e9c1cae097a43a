import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { validIdentityRequest } from '../../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { userToken } from '../support/test-keys';

export { sleep, until } from '../support/eventually';

/** Tokens of `size` different users, handed out in turn: load spread as real traffic is, under any per-user limit. */
export function userPool(size: number): () => string {
  const tokens = Array.from({ length: size }, () => userToken({}, { sub: randomUUID() }));
  let next = 0;
  return () => tokens[next++ % tokens.length];
}

export interface Answer {
  status: number;
  body: { code?: string };
  retryAfter: string | null;
  latencyMs: number;
}

/** One request to the BFF with a valid user token; a GET, or a valid PATCH. */
export async function callBff(
  baseUrl: string,
  method: 'GET' | 'PATCH' = 'GET',
  token = userToken(),
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/me/identity`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: method === 'PATCH' ? JSON.stringify(validIdentityRequest()) : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as { code?: string }) : {},
    retryAfter: response.headers.get('retry-after'),
    latencyMs: performance.now() - started,
  };
}

/** What a batch of requests got: counted by status, with the slowest answer. */
export interface BatchOutcome {
  sent: number;
  answered: number;
  byStatus: Record<number, number>;
  codes: Set<string>;
  maxLatencyMs: number;
}

/** `count` requests, `concurrency` at a time; a request that gets no HTTP answer is not "answered". */
export async function batch(
  count: number,
  concurrency: number,
  send: () => Promise<Answer>,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    sent: 0,
    answered: 0,
    byStatus: {},
    codes: new Set(),
    maxLatencyMs: 0,
  };
  const worker = async () => {
    while (outcome.sent < count) {
      outcome.sent += 1;
      const answer = await send().catch(() => undefined);
      if (!answer) continue;
      outcome.answered += 1;
      outcome.byStatus[answer.status] = (outcome.byStatus[answer.status] ?? 0) + 1;
      if (answer.body.code) outcome.codes.add(answer.body.code);
      outcome.maxLatencyMs = Math.max(outcome.maxLatencyMs, answer.latencyMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcome;
}

export interface ReportRow {
  fault: string;
  clientSees: string;
  outcome: BatchOutcome;
  tokenRequests: number;
}

/** The figures of the fault table in docs/reliability.md: printed at the end of each fault suite. */
export class FaultReport {
  private readonly rows: ReportRow[] = [];

  constructor(private readonly title: string) {}

  add(row: ReportRow): void {
    this.rows.push(row);
  }

  print(): void {
    if (this.rows.length === 0) return;
    const lines = [
      `### ${this.title}`,
      '| fault | client sees | sent | answered | by status | token requests | max latency |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...this.rows.map(({ fault, clientSees, outcome, tokenRequests }) => {
        const statuses = Object.entries(outcome.byStatus)
          .map(([status, n]) => `${status}×${n}`)
          .join(', ');
        const latency = `${Math.round(outcome.maxLatencyMs)} ms`;
        return `| ${fault} | ${clientSees} | ${outcome.sent} | ${outcome.answered} | ${statuses} | ${tokenRequests} | ${latency} |`;
      }),
    ];
    console.log(lines.join('\n'));
  }
}
