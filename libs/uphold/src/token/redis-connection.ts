import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { RedisTopologyState } from './redis-topology';

const RECHECK_EVERY_MS = 1_000;

/** The SET options the token store and the lock use. */
export interface RedisSetOptions {
  expiration?: { type: 'PX' | 'EX'; value: number };
  condition?: 'NX' | 'XX';
}

/**
 * The commands this service sends, the same on a standalone Redis, a Cluster or Sentinel. Every
 * multi-key script keeps its keys in one hash slot (see token-cache-key.ts).
 */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: RedisSetOptions): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** One Redis connection per process, shared by the token store and the rate limits. */
export interface RedisClient extends RedisCommands {
  /** Ready for commands: connected (standalone), every slot served (cluster), a master known (sentinel). */
  readonly isReady: boolean;
  state(): RedisTopologyState;
  on(event: 'ready', listener: () => void): this;
  once(event: 'ready', listener: () => void): this;
  off(event: 'ready', listener: () => void): this;
  close(): Promise<void>;
  destroy(): void;
}

/** A node-redis client, cluster or sentinel object, as the connection drives it. */
export interface RedisTarget {
  commands: RedisCommands;
  events: EventEmitter;
  /** Starts connecting; a rejection means give up this object and build a new one (after backoff). */
  connect(): Promise<unknown>;
  state(): RedisTopologyState;
  /** Before the connection reports ready: whether the servers agree (e.g. cluster_state:ok). */
  confirmReady?: () => Promise<boolean>;
  /** The node-redis events after which `state()` may have changed. */
  stateEvents: string[];
  close(): Promise<unknown>;
  destroy(): unknown;
}

export interface RedisConnectionOptions {
  /** Names the connection in its log lines. */
  name: string;
  /** Told true when the connection becomes ready, false when it stops being ready. */
  onAvailability: (up: boolean) => void;
  /** Delay before building a new target after `connect()` gave up. */
  retryDelay: (attempt: number) => number;
}

/**
 * Drives one target: connects in the background (the service starts and serves without Redis),
 * rebuilds the target when its first connect gives up, and reports readiness transitions.
 */
export class RedisConnection extends EventEmitter implements RedisClient {
  private readonly logger: Logger;
  private target: RedisTarget;
  private ready = false;
  private reportedDown = false;
  private closed = false;
  private confirming = false;
  private retryTimer?: NodeJS.Timeout;
  /** Catches state changes no event announces (e.g. a cluster node's socket closing quietly). */
  private readonly recheck: NodeJS.Timeout;

  constructor(
    private readonly build: () => RedisTarget,
    private readonly options: RedisConnectionOptions,
  ) {
    super();
    this.logger = new Logger(options.name);
    this.target = this.start(0);
    this.recheck = setInterval(() => this.refresh(), RECHECK_EVERY_MS).unref();
  }

  get isReady(): boolean {
    return this.ready;
  }

  state(): RedisTopologyState {
    return this.target.state();
  }

  get(key: string): Promise<string | null> {
    return this.target.commands.get(key);
  }

  set(key: string, value: string, options?: RedisSetOptions): Promise<string | null> {
    return this.target.commands.set(key, value, options);
  }

  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
    return this.target.commands.eval(script, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.recheck);
    this.removeAllListeners('ready');
    await this.target.close();
  }

  destroy(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.recheck);
    this.removeAllListeners('ready');
    void Promise.resolve(this.target.destroy()).catch(() => undefined);
  }

  private start(attempt: number): RedisTarget {
    const target = this.build();
    target.events.on('error', (error: unknown) => this.reportError(error));
    for (const event of target.stateEvents) target.events.on(event, () => this.refresh());
    target
      .connect()
      .then(() => this.refresh())
      .catch((error: unknown) => {
        this.reportError(error);
        if (this.closed) return;
        void Promise.resolve(target.destroy()).catch(() => undefined);
        this.retryTimer = setTimeout(() => {
          // Stryker disable next-line ConditionalExpression: closing clears this timer first
          if (!this.closed) this.target = this.start(attempt + 1);
        }, this.options.retryDelay(attempt));
      });
    return target;
  }

  private refresh(): void {
    if (this.closed) return;
    const ready = this.target.state().ready;
    if (ready === this.ready) return;
    if (!ready) return this.becomeReady(false);
    const target = this.target;
    const confirm = target.confirmReady;
    if (!confirm) return this.becomeReady(true);
    if (this.confirming) return;
    this.confirming = true;
    // Stryker disable next-line ArrowFunction: undefined, like false, confirms nothing
    const answer = confirm().catch(() => false);
    void answer.then((confirmed) => {
      this.confirming = false;
      // not confirmed: the next event or recheck asks again
      if (confirmed && target === this.target && target.state().ready) this.becomeReady(true);
    });
  }

  private becomeReady(ready: boolean): void {
    if (this.closed || ready === this.ready) return;
    this.ready = ready;
    this.options.onAvailability(ready);
    if (ready) {
      this.reportedDown = false;
      this.logger.log(`connected (${describe(this.target.state())})`);
      this.emit('ready');
    } else {
      this.reportError(new Error(describe(this.target.state())));
    }
  }

  private reportError(error: unknown): void {
    if (this.closed) return;
    this.refresh(); // an error may come before, or instead of, the event of the state change
    if (this.reportedDown || this.ready) return;
    this.reportedDown = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`unavailable, reconnecting in the background: ${reason}`);
  }
}

function describe(state: RedisTopologyState): string {
  switch (state.topology) {
    case 'cluster':
      return `cluster, ${state.slotsServed} of 16384 slots served`;
    case 'sentinel':
      return `sentinel, ${state.masterKnown ? 'master known' : 'no master known'}`;
    default:
      return 'standalone';
  }
}
