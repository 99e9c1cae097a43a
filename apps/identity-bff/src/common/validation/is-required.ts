import { IsDefined, ValidationOptions } from 'class-validator';

/** The property must be present and not null; a missing property reports only this rule. */
export function IsRequired(options?: ValidationOptions): PropertyDecorator {
  return IsDefined({ message: '$property is required', ...options });
}
