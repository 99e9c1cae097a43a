import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Expose, Type } from 'class-transformer';
import { IsOptional, IsString, registerDecorator, ValidateNested } from 'class-validator';
import { AddressDto } from '../identity/dto/address.dto';
import { DocumentDto } from '../identity/dto/document.dto';
import { MediaItemDto } from '../identity/dto/media-item.dto';
import { PersonDto } from '../identity/dto/person.dto';
import { UpdateIdentityDto } from '../identity/dto/update-identity.dto';
import { validIdentityRequest } from '../identity/dto/update-identity.fixture';
import { BodyValidationPipe } from './body-validation.pipe';
import { ProblemException } from './problem.exception';
import { validationPipeOptions } from './validation-pipe.options';

class OnlyOptionalRules {
  @IsOptional()
  @IsString()
  note?: string;
}

class WithoutRules {
  note?: string;
}

/** A rule declared asynchronous (`ValidateBy` cannot declare one: it drops `async`). */
function IsOkLater(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOkLater',
      target: target.constructor,
      propertyName: String(propertyName),
      async: true,
      validator: {
        validate: (value: unknown) => Promise.resolve(value === 'ok'),
        defaultMessage: () => '$property must be ok',
      },
    });
}

class WithAsyncRule {
  @IsOkLater()
  code!: string;
}

class NestingAsyncRule {
  @ValidateNested()
  @Type(() => WithAsyncRule)
  inner!: WithAsyncRule;
}

class WithExpose {
  @Expose({ name: 'given_name' })
  @IsString()
  givenName!: string;
}

class WithDate {
  @Type(() => Date)
  @IsOptional()
  at?: Date;
}

const body = (metatype: ArgumentMetadata['metatype'], data?: string): ArgumentMetadata => ({
  type: 'body',
  metatype,
  data,
});

const reference = new ValidationPipe(validationPipeOptions);

async function outcomeOf(run: () => unknown) {
  try {
    return { returned: await run() };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { problem: { status: error.status, code: error.code, errors: error.errors } };
  }
}

describe('BodyValidationPipe', () => {
  const pipe = new BodyValidationPipe();

  it.each<[string, ArgumentMetadata]>([
    ['a custom decorator', { type: 'custom', metatype: Object }],
    ['a custom decorator typed with a DTO', { type: 'custom', metatype: UpdateIdentityDto }],
    ['a route parameter', { type: 'param', metatype: UpdateIdentityDto, data: 'id' }],
    ['a query', { type: 'query', metatype: UpdateIdentityDto }],
    ['a body typed as an object', body(Object)],
    ['a body typed as a string', body(String)],
    ['a body without a type', body(undefined)],
  ])('passes %s through unchanged', (_what, metadata) => {
    const value = { anything: ['goes'] };
    expect(pipe.transform(value, metadata)).toBe(value);
  });

  it('returns the DTO tree, each level an instance of its @Type class, without touching the body', () => {
    const request = validIdentityRequest();
    const dto = pipe.transform(request, body(UpdateIdentityDto)) as UpdateIdentityDto;
    expect(dto).toBeInstanceOf(UpdateIdentityDto);
    expect(dto.person).toBeInstanceOf(PersonDto);
    expect(dto.person.address).toBeInstanceOf(AddressDto);
    expect(dto.document).toBeInstanceOf(DocumentDto);
    dto.media?.forEach((item) => expect(item).toBeInstanceOf(MediaItemDto));
    expect(JSON.parse(JSON.stringify(dto))).toStrictEqual(request);
    expect(request).toStrictEqual(validIdentityRequest());
  });

  it('keeps the effect of @Transform: names are forwarded trimmed', () => {
    const request = validIdentityRequest();
    request.person.givenName = '  John\t';
    const dto = pipe.transform(request, body(UpdateIdentityDto)) as UpdateIdentityDto;
    expect(dto.person.givenName).toBe('John');
  });

  it('validates synchronously when no rule of the class tree is asynchronous', () => {
    expect(pipe.transform(validIdentityRequest(), body(UpdateIdentityDto))).not.toBeInstanceOf(
      Promise,
    );
  });

  it.each<[string, ArgumentMetadata, unknown]>([
    ['an asynchronous rule', body(WithAsyncRule), { code: 'no' }],
    ['an asynchronous rule met', body(WithAsyncRule), { code: 'ok' }],
    ['an asynchronous rule in a nested class', body(NestingAsyncRule), { inner: { code: 'no' } }],
    ['only optional rules, an object', body(OnlyOptionalRules), { note: 'n' }],
    ['only optional rules, an array', body(OnlyOptionalRules), [{ note: 'n' }]],
    ['only optional rules, a string', body(OnlyOptionalRules), 'text'],
    ['only optional rules, null', body(OnlyOptionalRules), null],
    ['only optional rules, a named body that is an array', body(OnlyOptionalRules, 'items'), []],
    ['no rules, an object', body(WithoutRules), { note: 'n' }],
    ['no rules, an array', body(WithoutRules), [1]],
    ['no rules, a number', body(WithoutRules), 1],
  ])('answers a class with %s as ValidationPipe does', async (_what, metadata, value) => {
    const copy = (): unknown => structuredClone(value);
    const expected = await outcomeOf(() => reference.transform(copy(), metadata));
    expect(await outcomeOf(() => pipe.transform(copy(), metadata))).toStrictEqual(expected);
  });

  it('waits for asynchronous rules', async () => {
    const answer = pipe.transform({ code: 'no' }, body(WithAsyncRule));
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).rejects.toBeInstanceOf(ProblemException);
  });

  it.each<[string, new () => object, RegExp]>([
    ['@Expose', WithExpose, /@Expose or @Exclude on WithExpose/],
    ['@Type to a built-in type', WithDate, /built-in type .* on WithDate\.at/],
  ])('refuses a class using %s, which it does not reproduce', (_what, metatype, message) => {
    expect(() => pipe.transform({}, body(metatype))).toThrow(message);
  });
});
