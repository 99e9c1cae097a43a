import { ValidationError } from '@nestjs/common';
import { ProblemException } from './problem.exception';
import { toFieldErrors, validationPipeOptions } from './validation-pipe.options';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({ property, constraints, children });

describe('toFieldErrors', () => {
  it('flattens nested errors into dotted first-party paths, one per broken rule', () => {
    const tree = [
      error('provider', { isString: 'provider must be a string', matches: 'provider must match' }),
      error('person', undefined, [
        error('foo', { whitelistValidation: 'property foo should not exist' }),
        error('address', undefined, [error('city', { isString: 'city must be a string' })]),
      ]),
      error('media', undefined, [error('0', undefined, [error('fileId', { isUuid: 'bad' })])]),
    ];
    expect(toFieldErrors(tree)).toStrictEqual([
      { field: 'provider', message: 'provider must be a string' },
      { field: 'provider', message: 'provider must match' },
      { field: 'person.foo', message: 'property foo should not exist' },
      { field: 'person.address.city', message: 'city must be a string' },
      { field: 'media.0.fileId', message: 'bad' },
    ]);
  });

  it('reports only "is required" for a missing property', () => {
    const tree = [
      error('city', { isDefined: 'city is required', isString: 'city must be a string' }),
    ];
    expect(toFieldErrors(tree)).toStrictEqual([{ field: 'city', message: 'city is required' }]);
  });
});

describe('validationPipeOptions', () => {
  it('is strict, reports every error and never keeps values or targets', () => {
    expect(validationPipeOptions).toMatchObject({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
    });
  });

  it('turns validation errors into a 400 validation_failed problem', () => {
    const problem: unknown = validationPipeOptions.exceptionFactory?.([
      error('person', undefined, [error('birthdate', { isCalendarDate: 'birthdate is bad' })]),
    ]);
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'The request body is invalid.',
      errors: [{ field: 'person.birthdate', message: 'birthdate is bad' }],
    });
  });
});
