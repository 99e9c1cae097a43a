import { ArgumentMetadata, Injectable, PipeTransform, ValidationError } from '@nestjs/common';
import { validate, validateSync, ValidatorOptions } from 'class-validator';
import { Class, hasAsyncRulesIn, planOf } from './class-plan';
import { toInstanceTree } from './instance-tree';
import { passesEveryRule } from './rule-check';
import { validationProblem } from './validation-pipe.options';

/** The metatypes Nest's ValidationPipe leaves alone (`toValidate`). */
const NOT_VALIDATED: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/** `validationPipeOptions` as Nest hands them to class-validator (it adds `forbidUnknownValues`). */
export const BODY_VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
};

const OBJECT_EXPECTED = { isObject: 'Validation failed (object is expected)' };

/**
 * The global pipe: validates a `@Body()` whose type is a class with the rules of its class-validator
 * decorators, as Nest's ValidationPipe with `validationPipeOptions` does (same errors, same
 * instance back), but builds the instance tree from the `@Type` metadata read once per class
 * instead of class-transformer's walk. Every other parameter passes through unchanged.
 * A body that passes every rule is told apart without class-validator's executor (`passesEveryRule`,
 * the same rules, no error tree); any other goes through it, which writes the errors.
 * Validation is synchronous unless a rule of the class tree is declared `async`; a `ValidateBy`
 * validator cannot be, so it must answer a boolean, not a promise (the equivalence spec would
 * show the difference: validateSync drops a promise's answer).
 */
@Injectable()
export class BodyValidationPipe implements PipeTransform<unknown> {
  private readonly asyncClasses = new Map<Class, boolean>();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, metatype } = metadata;
    if (type !== 'body' || !metatype || NOT_VALIDATED.includes(metatype)) return value;
    const cls = metatype as Class;
    const instance = toInstanceTree(value ?? {}, cls);
    const subject = standInFor(instance, cls);
    const isAsync = this.hasAsyncRules(cls);
    const checkable = subject === instance && !Array.isArray(instance) && !isAsync;
    if (checkable && passesEveryRule(instance)) return instance;
    const finish = (errors: ValidationError[]): unknown => {
      if (Array.isArray(subject)) delete (subject as { constructor?: unknown }).constructor;
      if (errors.length > 0) throw validationProblem(errors);
      if (subject !== instance || Array.isArray(instance)) this.refuseIfRules(cls, metadata);
      return instance;
    };
    return isAsync
      ? validate(subject, BODY_VALIDATOR_OPTIONS).then(finish)
      : finish(validateSync(subject, BODY_VALIDATOR_OPTIONS));
  }

  private refuseIfRules(cls: Class, metadata: ArgumentMetadata): void {
    if (!planOf(cls).hasRules) return;
    const property = metadata.data || metadata.type;
    throw validationProblem([{ property, constraints: OBJECT_EXPECTED, children: [] }]);
  }

  private hasAsyncRules(cls: Class): boolean {
    let known = this.asyncClasses.get(cls);
    if (known === undefined) {
      known = hasAsyncRulesIn(cls);
      this.asyncClasses.set(cls, known);
    }
    return known;
  }
}

/**
 * What class-validator is given, as ValidationPipe gives it: the instance itself; for an array,
 * the array named after the class (an own `constructor`, removed after); for a primitive, an
 * object with no property but that name.
 */
function standInFor(instance: unknown, cls: Class): object {
  if (Array.isArray(instance)) return Object.assign(instance, { constructor: cls });
  if (instance !== null && typeof instance === 'object') return instance;
  return { constructor: cls };
}
