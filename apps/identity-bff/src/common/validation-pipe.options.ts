import { ValidationError, ValidationPipeOptions } from '@nestjs/common';
import { FieldError, ProblemException } from './problem.exception';

function joinPath(parent: string, property: string | undefined): string {
  if (!property) return parent;
  return parent ? `${parent}.${property}` : property;
}

function messagesOf(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  return constraints.isDefined ? [constraints.isDefined] : Object.values(constraints);
}

/** Flattens class-validator's nested errors into one field error per broken rule, with dotted paths. */
export function toFieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = joinPath(parent, error.property);
    const messages = messagesOf(error);
    const own = messages.map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Options of the global `ValidationPipe`: strict whitelist, every error, no values echoed. */
export const validationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) =>
    new ProblemException(
      400,
      'validation_failed',
      'The request body is invalid.',
      toFieldErrors(errors),
    ),
};
