import { ValidationPipe } from '@nestjs/common';
import { ProblemException } from '../../common/problem.exception';
import { validationPipeOptions } from '../../common/validation-pipe.options';
import { CreateUploadSlotDto } from './create-upload-slot.dto';

const pipe = new ValidationPipe(validationPipeOptions);
const validate = (body: unknown): Promise<unknown> =>
  pipe.transform(body, { type: 'body', metatype: CreateUploadSlotDto });

async function problemOf(body: unknown): Promise<ProblemException> {
  const error: unknown = await validate(body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  expect((error as ProblemException).status).toBe(400);
  return error as ProblemException;
}

describe('CreateUploadSlotDto through the global ValidationPipe', () => {
  it.each([
    ['photo-document-front', 'application/pdf'],
    ['photo-document-back', 'image/png'],
    ['photo-document-front', 'image/jpeg'],
    ['photo-selfie', 'image/jpeg'],
    ['photo-selfie-and-document-front', 'image/png'],
    ['video', 'video/mp4'],
    ['video', 'video/mpeg'],
  ])('accepts %s as %s', async (context, contentType) => {
    await expect(validate({ context, contentType })).resolves.toBeInstanceOf(CreateUploadSlotDto);
  });

  it.each([
    ['photo-selfie', 'application/pdf', 'image/jpeg, image/png'],
    ['photo-document-back', 'video/mp4', 'application/pdf, image/jpeg, image/png'],
    ['video', 'image/png', 'video/mp4, video/mpeg'],
    ['photo-selfie', 'IMAGE/JPEG', 'image/jpeg, image/png'],
  ])('rejects %s as %s, naming the allowed types', async (context, contentType, allowed) => {
    const problem = await problemOf({ context, contentType });
    expect(problem.errors).toStrictEqual([
      { field: 'contentType', message: `contentType must be one of ${allowed} for this context` },
    ]);
  });

  it('rejects an unknown context without judging the content type', async () => {
    const problem = await problemOf({ context: 'photo-passport', contentType: 'image/png' });
    expect(problem.errors?.map((e) => e.field)).toStrictEqual(['context']);
  });

  it('rejects missing fields, wrong types and unknown properties', async () => {
    const missing = await problemOf({});
    expect(missing.errors).toStrictEqual([
      { field: 'context', message: 'context is required' },
      { field: 'contentType', message: 'contentType is required' },
    ]);
    const wrong = await problemOf({ context: 7, contentType: ['image/png'], size: 1 });
    expect([...new Set(wrong.errors?.map((e) => e.field))].sort()).toStrictEqual([
      'contentType',
      'context',
      'size',
    ]);
  });
});
