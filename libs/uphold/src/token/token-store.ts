/** Where the sealed token is shared between replicas (Redis), or kept alone (memory). */
export interface TokenStore {
  /** True when replicas share this store; false for the in-process fallback. */
  readonly shared: boolean;
  /** Whether the store can currently be reached. */
  isAvailable(): boolean;
  get(key: string): Promise<string | null>;
  /** Stores the value for ttlMs; the entry disappears when it should no longer be used. */
  set(
    key: string,
    value: string,
    ttlMs: number,
    options?: { onlyIfAbsent?: boolean },
  ): Promise<void>;
  /** Deletes the key only while its value still starts with prefix (a token dropped once stays dropped). */
  deleteIfStartsWith(key: string, prefix: string): Promise<boolean>;
  /** Takes the lock if nobody holds it; it frees itself after ttlMs. */
  tryLock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Frees the lock only if owner still holds it. */
  unlock(key: string, owner: string): Promise<void>;
  /** Resolves true once reachable, or false after timeoutMs (start-up waits this, bounded). */
  waitUntilAvailable(timeoutMs: number): Promise<boolean>;
  /** Calls listener each time the store becomes reachable again (e.g. Redis reconnected). */
  onAvailable(listener: () => void): void;
  close(): Promise<void>;
}

export const TokenStore = Symbol('TokenStore');
