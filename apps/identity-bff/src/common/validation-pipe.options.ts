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

/** The 400 `validation_failed` problem naming every broken rule. */
export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  return new ProblemException(
    400,
    'validation_failed',
    'The request body is invalid.',
    toFieldErrors(errors),
  );
}

/**
 * Options of Nest's `ValidationPipe`: strict whitelist, every error, no values echoed. The global
 * pipe is `BodyValidationPipe`, proven to answer as this one does (body-validation equivalence spec).
 */
export const validationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
  exceptionFactory: validationProblem,
};
