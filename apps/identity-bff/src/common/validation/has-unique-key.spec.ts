import { validateSync } from 'class-validator';
import { HasUniqueKey } from './has-unique-key';

class WithItems {
  @HasUniqueKey('context') items?: unknown;
}

function isValid(items: unknown): boolean {
  return validateSync(Object.assign(new WithItems(), { items })).length === 0;
}

describe('HasUniqueKey', () => {
  it.each<[string, unknown, boolean]>([
    ['distinct keys', [{ context: 'a' }, { context: 'b' }], true],
    ['a repeated key', [{ context: 'a' }, { context: 'b' }, { context: 'a' }], false],
    ['items without the key', [{}, {}, { context: 'a' }], true],
    ['keys that are not strings', [{ context: 1 }, { context: 1 }, null, 'a', 'a'], true],
    ['an empty array', [], true],
    ['no array at all', 'a', true],
  ])('%s: %s', (_name, items, valid) => {
    expect(isValid(items)).toBe(valid);
  });

  it('names the key in its message', () => {
    const [error] = validateSync(
      Object.assign(new WithItems(), { items: [{ context: 'a' }, { context: 'a' }] }),
    );
    expect(error.constraints).toEqual({
      hasUniqueKey: 'items must not have two items with the same context',
    });
  });
});
