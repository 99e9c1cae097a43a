import { TokenStore } from './token-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/** The in-process store used when no REDIS_URL is set: one replica, nothing shared. */
export class MemoryTokenStore implements TokenStore {
  readonly shared = false;
  private readonly entries = new Map<string, Entry>();

  isAvailable(): boolean {
    return true;
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read(key) ?? null);
  }

  set(
    key: string,
    value: string,
    ttlMs: number,
    options: { onlyIfAbsent?: boolean } = {},
  ): Promise<void> {
    if (!(options.onlyIfAbsent && this.read(key) !== undefined)) {
      this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    }
    return Promise.resolve();
  }

  deleteIfStartsWith(key: string, prefix: string): Promise<boolean> {
    const matches = this.read(key)?.startsWith(prefix) ?? false;
    if (matches) this.entries.delete(key);
    return Promise.resolve(matches);
  }

  tryLock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== undefined) return Promise.resolve(false);
    this.entries.set(key, { value: owner, expiresAt: Date.now() + ttlMs });
    return Promise.resolve(true);
  }

  async unlock(key: string, owner: string): Promise<void> {
    await this.deleteIfStartsWith(key, owner);
  }

  waitUntilAvailable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  onAvailable(): void {
    // always available: nothing to wait for
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  private read(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) this.entries.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }
}
