import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { MediaContext } from '@app/uphold/uphold.types';
import { IsRequired } from '../../common/validation/is-required';
import { UUID_PATTERN } from '../../openapi/schema-rules';

/** Every media context an identity file can be submitted for. */
export const MEDIA_CONTEXTS: readonly MediaContext[] = [
  'photo-document-front',
  'photo-document-back',
  'photo-selfie',
  'photo-selfie-and-document-front',
  'video',
];

/** One uploaded file and the part of the verification it shows. */
@ApiSchema({
  name: 'MediaItemInput',
  description: 'One uploaded file and the part of the verification it shows',
})
export class MediaItemDto {
  @ApiProperty({ enum: MEDIA_CONTEXTS, enumName: 'MediaContext', example: 'photo-selfie' })
  @IsRequired()
  @IsIn(MEDIA_CONTEXTS)
  context!: MediaContext;

  @ApiProperty({
    format: 'uuid',
    pattern: UUID_PATTERN,
    description: 'From `POST /me/identity/files`',
    example: '470b2192-893f-4ce6-9daa-816d4c319a84',
  })
  @IsRequired()
  @IsUUID()
  fileId!: string;
}
