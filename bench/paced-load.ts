import { Request } from 'autocannon';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Measured } from './load';

const TICK_MS = 1;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * An open-loop load at a steady rate: requests leave evenly spaced (every millisecond, the number
 * due so far), whatever the answers do. autocannon's `overallRate` sends each second's quota in a
 * burst at the start of the second, which measures latency under a burst, not at that rate.
 */
export async function drivePaced(
  url: string,
  requests: Request[],
  ratePerSecond: number,
  durationSeconds: number,
  record?: (sentAtEpochMs: number, latencyMs: number) => void,
): Promise<Measured> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let sent = 0;
  let failures = 0;
  let inFlight = 0;
  const total = Math.round(ratePerSecond * durationSeconds);
  const started = performance.now();

  const sendOne = (index: number) => {
    const spec = requests[index % requests.length];
    const sentAt = performance.now();
    inFlight += 1;
    const call = request(
      {
        host: target.hostname,
        port: target.port,
        method: spec.method,
        path: spec.path,
        headers: {
          ...spec.headers,
          ...(spec.body !== undefined && { 'content-length': Buffer.byteLength(spec.body) }),
        },
        agent,
      },
      (answer) => {
        answer.resume();
        answer.on('end', () => {
          inFlight -= 1;
          if ((answer.statusCode ?? 0) >= 300) failures += 1;
          const latency = performance.now() - sentAt;
          latencies.push(latency);
          record?.(performance.timeOrigin + sentAt, latency);
        });
      },
    );
    call.on('error', () => {
      inFlight -= 1;
      failures += 1;
    });
    call.end(spec.body);
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(
        total,
        Math.floor(((performance.now() - started) / 1000) * ratePerSecond),
      );
      while (sent < due) sendOne(sent++);
      if (sent >= total) {
        clearInterval(timer);
        const drained = setInterval(() => {
          if (inFlight === 0) {
            clearInterval(drained);
            resolve();
          }
        }, 10);
      }
    }, TICK_MS);
  });
  agent.destroy();
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    total: latencies.length,
    failures,
  };
}
