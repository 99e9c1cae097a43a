import { Deadline } from './deadline';

const later = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('Deadline', () => {
  it('lets work that finishes in time through', async () => {
    await expect(new Deadline(200).race(later(5, 'done'), () => new Error('late'))).resolves.toBe(
      'done',
    );
  });

  it('throws the expiry error when the budget runs out first', async () => {
    const deadline = new Deadline(20);
    await expect(deadline.race(later(500, 'done'), () => new Error('late'))).rejects.toThrow(
      'late',
    );
    expect(deadline.remainingMs()).toBe(0);
  });

  it('allows a pause only when an attempt still fits after it', () => {
    const deadline = new Deadline(1_000);
    expect(deadline.allows(100, 50)).toBe(true);
    expect(deadline.allows(980, 50)).toBe(false);
  });
});
