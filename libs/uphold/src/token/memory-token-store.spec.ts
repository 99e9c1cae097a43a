import { MemoryTokenStore } from './memory-token-store';

describe('MemoryTokenStore', () => {
  let store: MemoryTokenStore;
  beforeEach(() => (store = new MemoryTokenStore()));

  it('is always available, and not shared', async () => {
    expect(store.shared).toBe(false);
    expect(store.isAvailable()).toBe(true);
    await expect(store.waitUntilAvailable()).resolves.toBe(true);
  });

  it('keeps a value until its TTL ends', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await store.set('k', 'v', 1_000);
      clock.mockReturnValue(now + 999);
      expect(await store.get('k')).toBe('v');
      clock.mockReturnValue(now + 1_000);
      expect(await store.get('k')).toBeNull();
      expect(await store.tryLock('k', 'owner', 1_000)).toBe(true); // the expired entry is gone
    } finally {
      clock.mockRestore();
    }
  });

  it('overwrites, unless asked to write only when absent', async () => {
    await store.set('k', 'first', 1_000);
    await store.set('k', 'second', 1_000);
    expect(await store.get('k')).toBe('second');
    await store.set('k', 'third', 1_000, { onlyIfAbsent: true });
    expect(await store.get('k')).toBe('second');
    await store.set('other', 'value', 1_000, { onlyIfAbsent: true });
    expect(await store.get('other')).toBe('value');
  });

  it('deletes only a value that starts with the prefix', async () => {
    await store.set('k', 'v2.abc.sealed', 1_000);
    expect(await store.deleteIfStartsWith('k', 'v2.xyz.')).toBe(false);
    expect(await store.get('k')).toBe('v2.abc.sealed');
    expect(await store.deleteIfStartsWith('k', 'v2.abc.')).toBe(true);
    expect(await store.get('k')).toBeNull();
    expect(await store.deleteIfStartsWith('missing', '')).toBe(false);
  });

  it('gives a lock to one owner at a time, and frees it only for that owner', async () => {
    expect(await store.tryLock('lock', 'a', 1_000)).toBe(true);
    expect(await store.tryLock('lock', 'b', 1_000)).toBe(false);
    await store.unlock('lock', 'b');
    expect(await store.tryLock('lock', 'b', 1_000)).toBe(false);
    await store.unlock('lock', 'a');
    expect(await store.tryLock('lock', 'b', 1_000)).toBe(true);
  });

  it('frees a lock whose TTL ended', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await store.tryLock('lock', 'a', 500);
      clock.mockReturnValue(now + 500);
      expect(await store.tryLock('lock', 'b', 500)).toBe(true);
    } finally {
      clock.mockRestore();
    }
  });

  it('forgets everything on close', async () => {
    await store.set('k', 'v', 1_000);
    await store.close();
    expect(await store.get('k')).toBeNull();
  });
});
