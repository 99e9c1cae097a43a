import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { RedisConnection, RedisTarget } from './redis-connection';
import { RedisTopologyState } from './redis-topology';

/** A node-redis object as the connection sees it: its state, events and connect are the test's. */
class FakeTarget implements RedisTarget {
  readonly events = new EventEmitter();
  readonly commands = {
    get: jest.fn((key: string) => Promise.resolve(`value of ${key}`)),
    set: jest.fn(() => Promise.resolve('OK')),
    eval: jest.fn(() => Promise.resolve(1)),
  };
  readonly stateEvents = ['ready', 'end'];
  current: RedisTopologyState = { topology: 'standalone', ready: false };
  connectResult: Promise<unknown> = Promise.resolve();
  confirmReady?: () => Promise<boolean>;
  readonly connect = jest.fn(() => this.connectResult);
  readonly close = jest.fn(() => Promise.resolve());
  readonly destroy = jest.fn((): unknown => undefined);

  state(): RedisTopologyState {
    return this.current;
  }

  /** Changes the state and announces it, as node-redis does. */
  become(ready: boolean, event = ready ? 'ready' : 'end'): void {
    this.current = { ...this.current, ready };
    this.events.emit(event);
  }
}

const RECHECK_MS = 1_000;
/** Lets every promise callback queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RedisConnection', () => {
  let logs: string[];
  let open: RedisConnection[];

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    logs = [];
    open = [];
    for (const level of ['log', 'warn'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (
        this: Logger,
        message: unknown,
        ..._rest: unknown[]
      ) {
        const context = (this as unknown as { context: string }).context;
        logs.push(`${level} ${context}: ${String(message)}`);
      });
    }
  });
  afterEach(() => {
    for (const connection of open) connection.destroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** A connection over fake targets, built one per (re)connect, with what it reported. */
  function connect(makeTarget = () => new FakeTarget()) {
    const built: FakeTarget[] = [];
    const availability: boolean[] = [];
    const retries: number[] = [];
    const connection = new RedisConnection(
      () => {
        const target = makeTarget();
        built.push(target);
        return target;
      },
      {
        name: 'TestRedis',
        onAvailability: (up) => availability.push(up),
        retryDelay: (attempt) => (retries.push(attempt), 100),
      },
    );
    open.push(connection);
    return { connection, built, availability, retries, target: () => built[built.length - 1] };
  }

  /** A target whose first connect gives up, as a cluster's or sentinel's does. */
  const failingOnce = () => {
    let first = true;
    return () => {
      const target = new FakeTarget();
      if (first) target.connectResult = Promise.reject(new Error('ECONNREFUSED'));
      first = false;
      return target;
    };
  };

  it('starts connecting at once and is not ready before the target is', async () => {
    const { connection, built, availability } = connect();
    expect(built).toHaveLength(1);
    expect(built[0].connect).toHaveBeenCalledTimes(1);
    expect(connection.isReady).toBe(false);
    await settle();
    expect(connection.isReady).toBe(false);
    expect(availability).toEqual([]);
  });

  it('sends commands to the current target', async () => {
    const { connection, target } = connect();
    await expect(connection.get('k')).resolves.toBe('value of k');
    await expect(connection.set('k', 'v', { condition: 'NX' })).resolves.toBe('OK');
    const script = { keys: ['k'], arguments: ['a'] };
    await expect(connection.eval('return 1', script)).resolves.toBe(1);
    expect(target().commands.set).toHaveBeenCalledWith('k', 'v', { condition: 'NX' });
    expect(target().commands.eval).toHaveBeenCalledWith('return 1', script);
  });

  it("reports the target's state", () => {
    const { connection, target } = connect();
    target().current = { topology: 'sentinel', ready: true, masterKnown: true };
    expect(connection.state()).toEqual({ topology: 'sentinel', ready: true, masterKnown: true });
  });

  it('is ready as soon as the connect resolves on a ready target, and says so', async () => {
    const ready = jest.fn();
    const { connection, availability } = connect(() => {
      const target = new FakeTarget();
      target.current = { topology: 'standalone', ready: true };
      return target;
    });
    connection.on('ready', ready);
    await settle();
    expect(connection.isReady).toBe(true);
    expect(availability).toEqual([true]);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(logs).toContain('log TestRedis: connected (standalone)');
  });

  it('follows the state events of the target, and only those', async () => {
    const { connection, target, availability } = connect();
    await settle();
    target().current = { topology: 'standalone', ready: true };
    target().events.emit('some-other-event');
    expect(connection.isReady).toBe(false);
    target().events.emit('ready');
    expect(connection.isReady).toBe(true);
    target().become(false, 'end');
    expect(connection.isReady).toBe(false);
    expect(availability).toEqual([true, false]);
  });

  it('notices within a second a change no event announced', async () => {
    const { connection, target } = connect();
    await settle();
    target().current = { topology: 'standalone', ready: true };
    expect(connection.isReady).toBe(false);
    await jest.advanceTimersByTimeAsync(RECHECK_MS);
    expect(connection.isReady).toBe(true);
  });

  it('reports each transition once, however many events repeat it', async () => {
    const { target, availability } = connect();
    await settle();
    target().become(true);
    target().become(true);
    target().become(false);
    target().become(false);
    expect(availability).toEqual([true, false]);
  });

  it('warns once per outage, naming the state or the error, and again after a recovery', async () => {
    const { target } = connect();
    await settle();
    target().events.emit('error', new Error('ECONNREFUSED'));
    target().events.emit('error', new Error('ECONNREFUSED again'));
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([
      'warn TestRedis: unavailable, reconnecting in the background: ECONNREFUSED',
    ]);
    target().become(true);
    target().current = { topology: 'cluster', ready: false, slotsServed: 100 };
    target().events.emit('end');
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([
      'warn TestRedis: unavailable, reconnecting in the background: ECONNREFUSED',
      'warn TestRedis: unavailable, reconnecting in the background: cluster, 100 of 16384 slots served',
    ]);
  });

  it('names a failure that is not an Error', async () => {
    const { target } = connect();
    await settle();
    target().events.emit('error', 'socket closed');
    expect(logs).toContain(
      'warn TestRedis: unavailable, reconnecting in the background: socket closed',
    );
  });

  it('does not warn about an error while the target is still ready', () => {
    const { connection, target } = connect();
    target().become(true);
    target().events.emit('error', new Error('one command failed'));
    expect(connection.isReady).toBe(true);
    expect(logs.filter((line) => line.startsWith('warn'))).toEqual([]);
  });

  it('goes down on an error that arrives before any state event', () => {
    const { connection, target, availability } = connect();
    target().become(true);
    target().current = { topology: 'standalone', ready: false };
    target().events.emit('error', new Error('socket closed'));
    expect(connection.isReady).toBe(false);
    expect(availability).toEqual([true, false]);
  });

  it('describes each topology when it connects', () => {
    const states: RedisTopologyState[] = [
      { topology: 'cluster', ready: true, slotsServed: 16_384 },
      { topology: 'sentinel', ready: true, masterKnown: true },
    ];
    for (const state of states) {
      const { target } = connect();
      target().current = state;
      target().events.emit('ready');
    }
    expect(logs).toEqual([
      'log TestRedis: connected (cluster, 16384 of 16384 slots served)',
      'log TestRedis: connected (sentinel, master known)',
    ]);
  });

  it('says when a sentinel knows no master', () => {
    const { target } = connect();
    target().become(true);
    target().current = { topology: 'sentinel', ready: false, masterKnown: false };
    target().events.emit('end');
    expect(logs).toContain(
      'warn TestRedis: unavailable, reconnecting in the background: sentinel, no master known',
    );
  });

  describe('when the first connect gives up', () => {
    it('drops that target and builds a new one after the backoff, counting the attempts', async () => {
      const { built, retries } = connect(() => {
        const target = new FakeTarget();
        target.connectResult = Promise.reject(new Error('no seed answered'));
        return target;
      });
      await settle();
      expect(built[0].destroy).toHaveBeenCalled();
      expect(built).toHaveLength(1);
      expect(logs).toContain(
        'warn TestRedis: unavailable, reconnecting in the background: no seed answered',
      );
      await jest.advanceTimersByTimeAsync(99);
      expect(built).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(built).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(100);
      expect(built).toHaveLength(3);
      expect(retries).toEqual([0, 1, 2]);
    });

    it('sends commands to the new target and becomes ready on it', async () => {
      const { connection, built, target } = connect(failingOnce());
      await settle();
      await jest.advanceTimersByTimeAsync(100);
      expect(built).toHaveLength(2);
      target().become(true);
      expect(connection.isReady).toBe(true);
      await connection.get('k');
      expect(built[1].commands.get).toHaveBeenCalledWith('k');
      expect(built[0].commands.get).not.toHaveBeenCalled();
    });

    it('survives a target whose destroy fails', async () => {
      const { built } = connect(() => {
        const target = new FakeTarget();
        target.connectResult = Promise.reject(new Error('refused'));
        target.destroy.mockImplementation(() => Promise.reject(new Error('already gone')));
        return target;
      });
      await settle();
      await jest.advanceTimersByTimeAsync(100);
      expect(built).toHaveLength(2);
    });

    it('builds nothing more once closed', async () => {
      const { connection, built } = connect(failingOnce());
      await settle();
      await connection.close();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(built).toHaveLength(1);
    });

    it('builds nothing when closed before the connect gave up', async () => {
      let giveUp: (error: Error) => void = () => undefined;
      const { connection, built } = connect(() => {
        const target = new FakeTarget();
        target.connectResult = new Promise((_, reject) => (giveUp = reject));
        return target;
      });
      connection.destroy();
      giveUp(new Error('refused'));
      await settle();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(built).toHaveLength(1);
      expect(built[0].destroy).toHaveBeenCalledTimes(1);
      expect(logs).toEqual([]);
    });
  });

  describe('a target that confirms readiness (cluster)', () => {
    function confirming(answers: (() => Promise<boolean>)[]) {
      const confirm = jest.fn(() => (answers.shift() ?? (() => Promise.resolve(true)))());
      const harness = connect(() => {
        const target = new FakeTarget();
        target.confirmReady = confirm;
        return target;
      });
      return { ...harness, confirm };
    }

    it('is ready only once the servers confirm', async () => {
      const { connection, target, confirm } = confirming([() => Promise.resolve(false)]);
      target().become(true);
      await settle();
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(connection.isReady).toBe(false);
      target().events.emit('ready');
      await settle();
      expect(confirm).toHaveBeenCalledTimes(2);
      expect(connection.isReady).toBe(true);
    });

    it('treats a failed confirmation as not confirmed, and asks again later', async () => {
      const { connection, target } = confirming([() => Promise.reject(new Error('timed out'))]);
      target().become(true);
      await settle();
      expect(connection.isReady).toBe(false);
      await jest.advanceTimersByTimeAsync(RECHECK_MS);
      await settle();
      expect(connection.isReady).toBe(true);
    });

    it('asks one question at a time', async () => {
      let answer: (confirmed: boolean) => void = () => undefined;
      const { connection, target, confirm } = confirming([
        () => new Promise((resolve) => (answer = resolve)),
      ]);
      target().become(true);
      target().events.emit('ready');
      await jest.advanceTimersByTimeAsync(RECHECK_MS);
      expect(confirm).toHaveBeenCalledTimes(1);
      answer(true);
      await settle();
      expect(connection.isReady).toBe(true);
      target().events.emit('ready');
      expect(confirm).toHaveBeenCalledTimes(1);
    });

    it('ignores a confirmation that comes after the state fell back', async () => {
      let answer: (confirmed: boolean) => void = () => undefined;
      const { connection, target } = confirming([
        () => new Promise((resolve) => (answer = resolve)),
      ]);
      target().become(true);
      target().current = { topology: 'cluster', ready: false, slotsServed: 0 };
      answer(true);
      await settle();
      expect(connection.isReady).toBe(false);
    });

    it('ignores a confirmation about a target given up meanwhile', async () => {
      let answer: (confirmed: boolean) => void = () => undefined;
      let first = true;
      const confirm = () => new Promise<boolean>((resolve) => (answer = resolve));
      const { connection, built } = connect(() => {
        const target = new FakeTarget();
        target.current = { topology: 'cluster', ready: true, slotsServed: 16_384 };
        target.confirmReady = confirm;
        let fail: (error: Error) => void = () => undefined;
        if (first) target.connectResult = new Promise((_, reject) => (fail = reject));
        first = false;
        target.events.once('give-up', () => fail(new Error('gave up')));
        return target;
      });
      built[0].events.emit('ready'); // asks the first target
      built[0].events.emit('give-up');
      await settle();
      await jest.advanceTimersByTimeAsync(100);
      expect(built).toHaveLength(2);
      answer(true); // the first target's answer
      await settle();
      expect(connection.isReady).toBe(false);
    });

    it('goes down without asking, and asks again to come back', async () => {
      const { connection, target, confirm, availability } = confirming([]);
      target().become(true);
      await settle();
      target().become(false);
      expect(connection.isReady).toBe(false);
      target().become(true);
      await settle();
      expect(confirm).toHaveBeenCalledTimes(2);
      expect(availability).toEqual([true, false, true]);
    });

    it('reports nothing when the confirmation comes after it was closed', async () => {
      let answer: (confirmed: boolean) => void = () => undefined;
      const { connection, target, availability } = confirming([
        () => new Promise((resolve) => (answer = resolve)),
      ]);
      target().become(true);
      connection.destroy();
      answer(true);
      await settle();
      expect(connection.isReady).toBe(false);
      expect(availability).toEqual([]);
      expect(logs).toEqual([]);
    });

    it('asks nothing once closed', async () => {
      const { connection, target, confirm } = confirming([]);
      await connection.close();
      target().become(true);
      await jest.advanceTimersByTimeAsync(RECHECK_MS);
      expect(confirm).not.toHaveBeenCalled();
    });
  });

  describe('closing', () => {
    it('closes the target gracefully, stops its timers and forgets its listeners', async () => {
      const { connection, target } = connect(failingOnce());
      connection.on('ready', () => undefined);
      await settle();
      await connection.close();
      expect(target().close).toHaveBeenCalledTimes(1);
      expect(connection.listenerCount('ready')).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('drops the target, stops its timers and forgets its listeners', async () => {
      const { connection, target } = connect(failingOnce());
      connection.on('ready', () => undefined);
      await settle(); // the failed connect dropped the target once, and waits to rebuild it
      connection.destroy();
      expect(target().destroy).toHaveBeenCalledTimes(2);
      expect(connection.listenerCount('ready')).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('survives a target whose destroy fails', async () => {
      const { connection, target } = connect();
      target().destroy.mockImplementation(() => Promise.reject(new Error('already gone')));
      connection.destroy();
      await settle();
      expect(target().destroy).toHaveBeenCalled();
    });

    it('reports nothing after it is closed', async () => {
      for (const end of ['close', 'destroy'] as const) {
        const { connection, target, availability } = connect();
        await settle();
        await connection[end]();
        target().become(true);
        target().events.emit('error', new Error('late'));
        await jest.advanceTimersByTimeAsync(RECHECK_MS);
        expect(connection.isReady).toBe(false);
        expect(availability).toEqual([]);
      }
      expect(logs).toEqual([]);
    });
  });
});
