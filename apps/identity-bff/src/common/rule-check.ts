import {
  getMetadataStorage,
  ValidationArguments,
  ValidationTypes,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { Class } from './class-plan';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** One rule of a property: its decorator's metadata and the constraint instances that check it. */
interface Rule {
  readonly metadata: ValidationMetadata;
  readonly validators: readonly ValidatorConstraintInterface[];
}

/** The rules of one property, sorted by kind as class-validator's executor sorts them. */
interface PropertyRules {
  readonly name: string;
  /** `@ValidateIf` and `@IsOptional`: when one answers false, the property is not checked. */
  readonly conditions: readonly ValidationMetadata[];
  /** The `IS_DEFINED` rules first, then the custom ones. */
  readonly rules: readonly Rule[];
  /** Whether it has `@ValidateNested`. */
  readonly nested: boolean;
}

interface ClassRules {
  /** The properties with any rule: every other own key is refused by the whitelist. */
  readonly allowed: ReadonlySet<string>;
  readonly properties: readonly PropertyRules[];
}

type Condition = (object: object, value: unknown) => boolean;

/** The rule kinds this check runs as the executor does; a class with any other is left to it. */
const KNOWN_TYPES: readonly string[] = [
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
];

/**
 * Per constructor met in a body (the DTO classes, and Object for a plain object: a bounded set);
 * `undefined` for one whose rules only class-validator can run.
 */
const compiled = new Map<unknown, ClassRules | undefined>();

/**
 * Whether class-validator's `validateSync` with the body pipe's options (`whitelist`,
 * `forbidNonWhitelisted`, no groups, no `forbidUnknownValues`) would find no error in `instance`,
 * found without building its tree of `ValidationError`s: the same rule metadata, conditions and
 * constraint instances, called in the same order with the same arguments, read once per class.
 * `false` means "ask class-validator" (which also writes the errors): anything this check does not
 * run as the executor does (a promise rule, a Set or a Map where items are checked, a validator
 * answering a promise, as an asynchronous one does) answers `false`, never `true`.
 */
export function passesEveryRule(instance: object): boolean {
  const rules = rulesOf((instance as { constructor?: unknown }).constructor);
  if (rules === undefined || !ownKeysAllowed(instance, rules.allowed)) return false;
  const record = instance as Record<string, unknown>;
  // what class-validator passes to each validator: property and value set per property, constraints per rule
  const args: ValidationArguments = {
    targetName: (instance.constructor as { name: string }).name,
    property: '',
    object: instance,
    value: undefined,
    constraints: [],
  };
  for (const property of rules.properties) {
    if (!propertyPasses(record, record[property.name], property, args)) return false;
  }
  return true;
}

/** The whitelist: every own enumerable key has a rule (`for…in`, unlike `Object.keys`, makes no array). */
function ownKeysAllowed(instance: object, allowed: ReadonlySet<string>): boolean {
  for (const key in instance) if (Object.hasOwn(instance, key) && !allowed.has(key)) return false;
  return true;
}

function propertyPasses(
  object: object,
  value: unknown,
  property: PropertyRules,
  args: ValidationArguments,
): boolean {
  for (const condition of property.conditions) {
    if (!(condition.constraints[0] as Condition)(object, value)) return true;
  }
  args.property = property.name;
  args.value = value;
  for (const rule of property.rules) if (!rulePasses(object, value, rule, args)) return false;
  return !property.nested || nestedPasses(value);
}

function rulePasses(
  object: object,
  value: unknown,
  { metadata, validators }: Rule,
  args: ValidationArguments,
): boolean {
  if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
  if (metadata.each && isSetOrMap(value)) return false;
  const items = metadata.each && Array.isArray(value) ? (value as unknown[]) : undefined;
  args.constraints = metadata.constraints as unknown[];
  for (const validator of validators) {
    const passes = items ? acceptsEach(validator, items, args) : accepts(validator, value, args);
    if (!passes) return false;
  }
  return true;
}

/** `accepts` for every item, in a loop: `every()` with a closure cost a context per rule and body. */
function acceptsEach(
  validator: ValidatorConstraintInterface,
  items: readonly unknown[],
  args: ValidationArguments,
): boolean {
  for (const item of items) if (!accepts(validator, item, args)) return false;
  return true;
}

/** A validator's answer as the executor reads it; a promise is its to settle (validateSync ignores it). */
function accepts(
  validator: ValidatorConstraintInterface,
  value: unknown,
  args: ValidationArguments,
): boolean {
  const answer: unknown = validator.validate(value, args);
  return !!answer && typeof (answer as { then?: unknown }).then !== 'function';
}

/** `@ValidateNested`: undefined passes, an array item by item, an object by its own class's rules. */
function nestedPasses(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every(nestedPasses);
  return value instanceof Object && !isSetOrMap(value) && passesEveryRule(value);
}

function isSetOrMap(value: unknown): boolean {
  return value instanceof Set || value instanceof Map;
}

function rulesOf(constructor: unknown): ClassRules | undefined {
  if (compiled.has(constructor)) return compiled.get(constructor);
  const rules = typeof constructor === 'function' ? compile(constructor as Class) : undefined;
  compiled.set(constructor, rules);
  return rules;
}

function compile(constructor: Class): ClassRules | undefined {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(constructor, '', false, false);
  if (metadatas.some((metadata) => !KNOWN_TYPES.includes(metadata.type))) return undefined;
  const byName = storage.groupByPropertyName(metadatas);
  const properties: PropertyRules[] = [];
  for (const [name, own] of Object.entries(byName)) {
    const ofType = (type: string) => own.filter((metadata) => metadata.type === type);
    const ruled = [
      ...ofType(ValidationTypes.IS_DEFINED),
      ...ofType(ValidationTypes.CUSTOM_VALIDATION),
    ];
    const rules: Rule[] = [];
    for (const metadata of ruled) {
      const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
      rules.push({ metadata, validators: constraints.map((constraint) => constraint.instance) });
    }
    const conditions = ofType(ValidationTypes.CONDITIONAL_VALIDATION);
    const nested = ofType(ValidationTypes.NESTED_VALIDATION).length > 0;
    properties.push({ name, conditions, rules, nested });
  }
  return { allowed: new Set(Object.keys(byName)), properties };
}
