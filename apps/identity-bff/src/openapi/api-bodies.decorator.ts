import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { UPDATE_IDENTITY_REQUESTS } from './identity-request.schema';
import { UPLOAD_SLOT_DISCRIMINATOR, UPLOAD_SLOT_REQUESTS } from './upload-slot-request.schema';

type SchemaClass = abstract new (...args: never[]) => unknown;

function ApiBodyOneOf(
  schemas: SchemaClass[],
  description: string,
  extra: Record<string, unknown> = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(...schemas),
    ApiBody({
      required: true,
      description,
      schema: { oneOf: schemas.map((schema) => ({ $ref: getSchemaPath(schema) })), ...extra },
    }),
  );
}

/** The body of `PATCH /me/identity` (contract §1.1): one schema per kind of submission. */
export const ApiUpdateIdentityBody = (): MethodDecorator & ClassDecorator =>
  ApiBodyOneOf(
    UPDATE_IDENTITY_REQUESTS,
    'The identity to submit: a document submission (the default) or an electronic verification',
  );

/** The body of `POST /me/identity/files` (contract §1.3): one schema per file category. */
export const ApiUploadSlotBody = (): MethodDecorator & ClassDecorator =>
  ApiBodyOneOf(
    UPLOAD_SLOT_REQUESTS,
    'The file to reserve a slot for; its context decides the allowed content types',
    {
      discriminator: UPLOAD_SLOT_DISCRIMINATOR,
    },
  );
