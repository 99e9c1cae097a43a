import { once } from 'node:events';
import { join } from 'node:path';
import { DIST, run, Run, waitFor } from './support/built-service';

const LOGGERS = JSON.stringify(join(DIST, 'logging', 'loggers.js'));

/** A process that logs an app line, then a request line, on the production stdout, then does `then`. */
function logBoth(then: string): Run {
  const script = [
    `const { createLoggers } = require(${LOGGERS});`,
    "const loggers = createLoggers('info');",
    "loggers.app.warn('app line');",
    "loggers.requests.info({ n: 1 }, 'request line');",
    then,
  ].join('\n');
  return run('-e', {}, [script]);
}

function linesOf(probe: Run): object[] {
  return probe
    .output()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as object);
}

describe('log lines on stdout', () => {
  let probe: Run | undefined;
  afterEach(() => probe?.child.kill('SIGKILL'));

  it('app lines are written at once; request lines wait in a batch, which is lost if the process is killed', async () => {
    probe = logBoth("process.kill(process.pid, 'SIGKILL');");
    await once(probe.child, 'exit');
    expect(linesOf(probe)).toEqual([expect.objectContaining({ msg: 'app line' })]);
  });

  it('request lines still waiting are written when the process exits', async () => {
    probe = logBoth('process.exit(0);');
    const [code] = (await once(probe.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(linesOf(probe)).toEqual([
      expect.objectContaining({ msg: 'app line' }),
      expect.objectContaining({ n: 1, msg: 'request line' }),
    ]);
  });

  it('request lines are written while the process runs, though no more lines come', async () => {
    probe = logBoth('setTimeout(() => {}, 60_000);');
    await waitFor(probe, /"msg":"request line"/);
    expect(probe.child.exitCode).toBeNull();
  });
});
