import { TransformationType, type TransformMetadata } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** A class whose instances a request body becomes (class-transformer calls `new` without arguments). */
export type Class = new () => object;

/** How one validated property of a class is built from JSON. */
export interface PropertyPlan {
  /** The `@Type(() => X)` class of its objects (and of the objects in its arrays). */
  readonly nested?: Class;
  /** Its `@Transform` functions, run in order on the built value. */
  readonly transforms: readonly TransformMetadata[];
}

/** What building and validating an instance of one class needs, read once from its decorators. */
export interface ClassPlan {
  /** Every property with a class-validator rule; any other property is refused by the whitelist. */
  readonly properties: ReadonlyMap<string, PropertyPlan>;
  /** Own keys of the prototype without a setter: class-transformer never writes them. */
  readonly prototypeKeys: ReadonlySet<string>;
  /** Whether the class has any class-validator rule at all. */
  readonly hasRules: boolean;
  /** Whether a rule of the class itself (not of its nested classes) is asynchronous. */
  readonly hasAsyncRules: boolean;
}

const NOT_NESTABLE: readonly unknown[] = [
  String,
  Number,
  Boolean,
  Date,
  Buffer,
  Map,
  Set,
  Array,
  Object,
  Promise,
];
const plans = new Map<Class, ClassPlan>();

/** The plan of a class, built on first use and kept (one per DTO class, so a bounded cache). */
export function planOf(cls: Class): ClassPlan {
  let plan = plans.get(cls);
  if (plan === undefined) {
    plan = readPlan(cls);
    plans.set(cls, plan);
  }
  return plan;
}

/** Whether the class or any class nested in it has an asynchronous rule. */
export function hasAsyncRulesIn(cls: Class, seen = new Set<Class>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  const plan = planOf(cls);
  if (plan.hasAsyncRules) return true;
  return [...plan.properties.values()].some((p) => p.nested && hasAsyncRulesIn(p.nested, seen));
}

function readPlan(cls: Class): ClassPlan {
  refuseExposeAndExclude(cls);
  const validation = getMetadataStorage();
  const rules = validation.getTargetValidationMetadatas(cls, '', false, false);
  const properties = new Map<string, PropertyPlan>();
  for (const name of new Set(rules.map((rule) => rule.propertyName))) {
    properties.set(name, { nested: nestedClassOf(cls, name), transforms: transformsOf(cls, name) });
  }
  const hasAsyncRules = rules.some(
    (rule) =>
      rule.type === ValidationTypes.CUSTOM_VALIDATION &&
      validation.getTargetValidatorConstraints(rule.constraintCls).some((c) => c.async),
  );
  return {
    properties,
    prototypeKeys: keysWithoutSetter(cls),
    hasRules: rules.length > 0,
    hasAsyncRules,
  };
}

function nestedClassOf(cls: Class, property: string): Class | undefined {
  const metadata = defaultMetadataStorage.findTypeMetadata(cls, property);
  if (!metadata) return undefined;
  const where = `${cls.name}.${property}`;
  if (metadata.options?.discriminator || metadata.typeFunction.length > 0) {
    throw unsupported(`a discriminator or a type chosen from the value on ${where}`);
  }
  const type = metadata.typeFunction() as unknown;
  const isClass = typeof type === 'function' && !NOT_NESTABLE.includes(type);
  const reflected = metadata.reflectedType as unknown;
  if (!isClass || reflected === Map || reflected === Set) {
    throw unsupported(`@Type to a built-in type or a Map or Set property on ${where}`);
  }
  return type as Class;
}

function transformsOf(cls: Class, property: string): TransformMetadata[] {
  return defaultMetadataStorage
    .findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS)
    .filter((metadata) => !metadata.options?.groups?.length);
}

function refuseExposeAndExclude(cls: Class): void {
  const exposed = defaultMetadataStorage.getExposedMetadatas(cls).length > 0;
  const excluded = defaultMetadataStorage.getExcludedMetadatas(cls).length > 0;
  if (exposed || excluded) throw unsupported(`@Expose or @Exclude on ${cls.name}`);
}

function keysWithoutSetter(cls: Class): Set<string> {
  const descriptors = Object.getOwnPropertyDescriptors(cls.prototype as object);
  return new Set(Object.keys(descriptors).filter((key) => !descriptors[key].set));
}

function unsupported(what: string): Error {
  return new Error(`BodyValidationPipe does not support ${what}: build it with class-transformer`);
}
