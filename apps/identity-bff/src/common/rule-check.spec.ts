import {
  IsInt,
  IsOptional,
  IsString,
  validateSync,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidatePromise,
  Validator,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { BODY_VALIDATOR_OPTIONS } from './body-validation.pipe';
import { CORPUS } from './body-corpus.fixture';
import { toInstanceTree } from './instance-tree';
import { passesEveryRule } from './rule-check';

const errorsOf = (instance: object) => validateSync(instance, BODY_VALIDATOR_OPTIONS);

/** The corpus bodies that the pipe hands to the check: objects, built as instances of the DTO. */
const INSTANCES = CORPUS.flatMap(([name, metatype, json]) => {
  const instance = toInstanceTree(json === undefined ? {} : JSON.parse(json), metatype);
  const isObject = instance !== null && typeof instance === 'object' && !Array.isArray(instance);
  return isObject ? [[name, instance] as const] : [];
});

describe('passesEveryRule', () => {
  it.each(INSTANCES)('agrees with validateSync on %s', (_name, instance) => {
    expect(passesEveryRule(instance)).toBe(errorsOf(instance).length === 0);
  });

  it('meets many bodies that pass and many that do not', () => {
    const passing = INSTANCES.filter(([, instance]) => passesEveryRule(instance)).length;
    expect(passing).toBeGreaterThanOrEqual(20);
    expect(INSTANCES.length - passing).toBeGreaterThanOrEqual(300);
  });

  describe('rule kinds it runs as class-validator does', () => {
    class Leaf {
      @IsInt() n!: number;
    }
    class Root {
      @IsOptional() @IsString() note?: string;
      @ValidateIf((o: Root) => o.note !== 'skip') @IsString() named?: string;
      @ValidateNested({ each: true }) leaves?: unknown;
      @IsOptional() @IsString({ each: true }) tags?: unknown;
      @IsInt({ validateIf: (o: Root) => o.note !== 'skip' }) count?: unknown;
    }
    const root = (fields: Record<string, unknown>) =>
      Object.assign(new Root(), { count: 1 }, fields);
    const leaf = (n: unknown) => Object.assign(new Leaf(), { n });

    it.each<[string, Record<string, unknown>, boolean]>([
      ['every rule met', { named: 'a', leaves: [leaf(1)], tags: ['x'] }, true],
      ['an optional property null', { note: null, named: 'a' }, true],
      ['an optional property wrong', { note: 1, named: 'a' }, false],
      ['a property its @ValidateIf skips', { note: 'skip', named: 1 }, true],
      ['a property its @ValidateIf keeps', { note: 'keep', named: 1 }, false],
      ['a rule its validateIf option skips', { note: 'skip', count: 'x' }, true],
      ['a rule its validateIf option keeps', { named: 'a', count: 'x' }, false],
      ['a property with no rule', { named: 'a', extra: 1 }, false],
      ['a nested item breaking its rule', { named: 'a', leaves: [leaf(1), leaf('x')] }, false],
      ['a nested item with an unknown key', { named: 'a', leaves: [{ ...leaf(1), x: 1 }] }, false],
      ['a nested plain object with a key', { named: 'a', leaves: [{ n: 1 }] }, false],
      ['a nested empty plain object', { named: 'a', leaves: [{}] }, true],
      ['a nested primitive', { named: 'a', leaves: [1] }, false],
      ['nested arrays of valid items', { named: 'a', leaves: [[leaf(2)], []] }, true],
      ['nested null', { named: 'a', leaves: null }, false],
      ['an each rule broken by one item', { named: 'a', tags: ['x', 2] }, false],
      ['an each rule on a non-array', { named: 'a', tags: 'x' }, true],
    ])('%s', (_name, fields, passes) => {
      const instance = root(fields);
      expect(errorsOf(instance).length === 0).toBe(passes);
      expect(passesEveryRule(instance)).toBe(passes);
    });

    it('whitelists own keys only, as class-validator does', () => {
      class Inheriting extends Root {}
      (Inheriting.prototype as unknown as Record<string, unknown>).inherited = 1;
      const instance = Object.assign(new Inheriting(), { count: 1, named: 'a' });
      expect(errorsOf(instance)).toEqual([]);
      expect(passesEveryRule(instance)).toBe(true);
    });
  });

  describe('leaves to class-validator what it cannot run as it does', () => {
    @ValidatorConstraint({ async: true })
    class AlwaysAsync implements ValidatorConstraintInterface {
      validate = () => Promise.resolve(true);
    }
    class WithAsync {
      @Validate(AlwaysAsync) a?: string;
    }
    class WithPromise {
      @ValidatePromise() @IsString() p?: unknown;
    }
    class AnswersPromise {
      @ValidateBy({ name: 'later', validator: { validate: () => Promise.resolve(true) } })
      later?: string;
    }
    class WithSet {
      @ValidateBy({ name: 'truthy', validator: { validate: Boolean } }, { each: true })
      flags?: unknown;
      @IsOptional() @ValidateNested() leaves?: unknown;
    }
    class Leaf {
      @IsInt() n!: number;
    }

    it.each<[string, object]>([
      ['an asynchronous constraint', Object.assign(new WithAsync(), { a: 'x' })],
      ['a promise rule', Object.assign(new WithPromise(), { p: 'x' })],
      ['a validator answering a promise', Object.assign(new AnswersPromise(), { later: 'x' })],
      ['a Set checked item by item', Object.assign(new WithSet(), { flags: new Set([0]) })],
      ['a Map checked item by item', Object.assign(new WithSet(), { flags: new Map([['k', 0]]) })],
      [
        'a Set of nested objects',
        Object.assign(new WithSet(), { flags: [1], leaves: new Set([new Leaf()]) }),
      ],
      ['an object without a constructor', Object.create(null) as object],
    ])('%s', (_name, instance) => {
      expect(passesEveryRule(instance)).toBe(false);
    });

    it('gives each validator the arguments class-validator gives it', () => {
      const seen: unknown[] = [];
      const record = (value: unknown, args: unknown) => (
        seen.push({ value, args: { ...(args as object) } }),
        true
      );
      class Recorded {
        @ValidateBy({ name: 'first', constraints: [7], validator: { validate: record } })
        @ValidateBy({ name: 'second', constraints: [8], validator: { validate: record } })
        r?: string;
        @ValidateBy({ name: 'third', constraints: [9], validator: { validate: record } })
        s?: string;
      }
      const instance = Object.assign(new Recorded(), { r: 'x', s: 'y' });
      new Validator().validateSync(instance, BODY_VALIDATOR_OPTIONS);
      const byClassValidator = seen.splice(0);
      passesEveryRule(instance);
      expect(seen).toEqual(byClassValidator);
      const args = { targetName: 'Recorded', property: 'r', object: instance, value: 'x' };
      expect(byClassValidator).toEqual(
        expect.arrayContaining([
          { value: 'x', args: { ...args, constraints: [7] } },
          { value: 'x', args: { ...args, constraints: [8] } },
          { value: 'y', args: { ...args, property: 's', value: 'y', constraints: [9] } },
        ]),
      );
    });
  });
});
