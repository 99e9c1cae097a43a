import { once } from 'node:events';
import { join } from 'node:path';
import { DIST, run, Run, waitFor } from './support/built-service';

const LOGGERS = JSON.stringify(join(DIST, 'logging', 'loggers.js'));

/** A process that logs one line on each logger of the production stdout, then does `then`. */
function logOnce(then: string): Run {
  const script = [
    `const { createLoggers } = require(${LOGGERS});`,
    "const loggers = createLoggers('info');",
    "loggers.requests.info({ n: 1 }, 'request line');",
    "loggers.app.info('app line');",
    then,
  ].join('\n');
  return run('-e', {}, [script]);
}

describe('stdout log lines, written in batches', () => {
  let probe: Run | undefined;
  afterEach(() => probe?.child.kill('SIGKILL'));

  it('are written when the process exits, though the batch is not full', async () => {
    probe = logOnce('process.exit(0);');
    const [code] = (await once(probe.child, 'exit')) as [number];
    expect(code).toBe(0);
    const lines = probe
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    expect(lines).toEqual([
      expect.objectContaining({ n: 1, msg: 'request line' }),
      expect.objectContaining({ msg: 'app line' }),
    ]);
  });

  it('are written while the process runs, though no more lines come', async () => {
    probe = logOnce('setTimeout(() => {}, 60_000);');
    await waitFor(probe, /"msg":"app line"/);
    expect(probe.output()).toContain('"msg":"request line"');
    expect(probe.child.exitCode).toBeNull();
  });
});
