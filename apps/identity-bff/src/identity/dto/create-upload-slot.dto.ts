import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, ValidateBy, ValidationArguments } from 'class-validator';
import type { MediaContext } from '@app/uphold/uphold.types';
import { IsRequired } from '../../common/validation/is-required';
import { ALLOWED_CONTENT_TYPES, fileCategoryFor } from '../identity.mapper';
import { MEDIA_CONTEXTS } from './media-item.dto';

function allowedFor(args: ValidationArguments | undefined): readonly string[] | undefined {
  const context = (args?.object as { context?: unknown } | undefined)?.context;
  const known = MEDIA_CONTEXTS.find((candidate) => candidate === context);
  return known ? ALLOWED_CONTENT_TYPES[fileCategoryFor(known)] : undefined;
}

function IsContentTypeForContext(): PropertyDecorator {
  return ValidateBy({
    name: 'isContentTypeForContext',
    validator: {
      validate: (value: unknown, args) => {
        const allowed = allowedFor(args);
        return allowed === undefined || (typeof value === 'string' && allowed.includes(value));
      },
      defaultMessage: (args) => {
        const allowed = allowedFor(args) ?? [];
        return `contentType must be one of ${allowed.join(', ')} for this context`;
      },
    },
  });
}

/** Body of `POST /me/identity/files` (contract §1.3). */
export class CreateUploadSlotDto {
  @ApiProperty({ enum: MEDIA_CONTEXTS, example: 'photo-selfie' })
  @IsRequired()
  @IsIn(MEDIA_CONTEXTS)
  context!: MediaContext;

  @ApiProperty({
    description:
      'Allowed by the context: documents application/pdf, image/jpeg, image/png; ' +
      'selfies image/jpeg, image/png; video video/mp4, video/mpeg',
    example: 'image/jpeg',
  })
  @IsRequired()
  @IsString()
  @IsContentTypeForContext()
  contentType!: string;
}
