import CircuitBreaker from 'opossum';
import { UpholdError } from '../uphold.error';
import { CircuitState, NO_TELEMETRY } from '../uphold.telemetry';
import { UpstreamCircuit } from './upstream-circuit';

const options = {
  openMs: 60_000,
  volumeThreshold: 4,
  errorThresholdPercentage: 50,
  windowMs: 10_000,
};
const failing = (kind: 'unavailable' | 'rejected') => () =>
  Promise.reject(new UpholdError(kind, 'attempt failed'));

describe('UpstreamCircuit', () => {
  let circuit: UpstreamCircuit;
  let states: CircuitState[];
  beforeEach(() => {
    states = [];
    circuit = new UpstreamCircuit(options, {
      ...NO_TELEMETRY,
      circuitState: (s) => states.push(s),
    });
  });
  afterEach(() => circuit.shutdown());

  it('opens after enough failures and then fails fast, not sent, with a Retry-After', async () => {
    for (let i = 0; i < 4; i++)
      await expect(circuit.run(failing('unavailable'), 'op')).rejects.toThrow();
    expect(circuit.state).toBe('open');
    expect(states).toEqual(['closed', 'open']);
    const attempt = jest.fn(() => Promise.resolve('answer'));
    const error = (await circuit.run(attempt, 'op').catch((e: unknown) => e)) as UpholdError;
    expect(attempt).not.toHaveBeenCalled();
    expect(error.kind).toBe('unavailable');
    expect(error.notSent).toBe(true);
    expect(error.retryAfterSeconds).toBe(60);
  });

  it('does not count answers the upstream gave on purpose (4xx) as failures', async () => {
    for (let i = 0; i < 10; i++)
      await expect(circuit.run(failing('rejected'), 'op')).rejects.toThrow();
    expect(circuit.state).toBe('closed');
  });

  it('passes results and errors of a closed circuit through unchanged', async () => {
    await expect(circuit.run(() => Promise.resolve(42), 'op')).resolves.toBe(42);
    await expect(circuit.run(failing('unavailable'), 'op')).rejects.toThrow('attempt failed');
  });

  it('keeps counts, not a latency per attempt, and computes no percentiles or snapshots', async () => {
    for (let i = 0; i < 100; i++) await circuit.run(() => Promise.resolve(i), 'op');
    const { breaker } = circuit as unknown as { breaker: CircuitBreaker };
    const snapshots = jest.fn();
    breaker.status.on('snapshot', snapshots);
    await new Promise((resolve) => setTimeout(resolve, options.windowMs / 10 + 100));
    expect(breaker.stats).toMatchObject({ fires: 100, successes: 100, latencyTimes: [] });
    expect(snapshots).not.toHaveBeenCalled();
  });
});
