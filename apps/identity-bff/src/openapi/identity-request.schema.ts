import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';
import { DocumentDto } from '../identity/dto/document.dto';
import { MediaItemDto } from '../identity/dto/media-item.dto';
import { MAX_MEDIA, UpdateIdentityDto } from '../identity/dto/update-identity.dto';

/*
 * The body of `PATCH /me/identity` as two schemas, one per kind of submission, so that the rule
 * "media and document required unless electronic-verification" is part of the contract. Schema
 * only: the service validates with UpdateIdentityDto. No discriminator: `type` may be absent.
 */

class IdentityRequestCommon extends OmitType(UpdateIdentityDto, [
  'type',
  'media',
  'document',
] as const) {}

const MEDIA_DESCRIPTION = 'Files from `POST /me/identity/files`';

/** A submission made with an identity document and its media (the default kind). */
@ApiSchema({
  name: 'DocumentSubmissionRequest',
  description:
    'A submission made with an identity document: `media` and `document` are required. ' +
    'Unknown properties are rejected at every level.',
})
export class DocumentSubmissionRequest extends IdentityRequestCommon {
  @ApiPropertyOptional({
    enum: ['document-submission'],
    description: 'Absent or `document-submission`; forwarded only when given',
    example: 'document-submission',
  })
  type?: 'document-submission';

  @ApiProperty({
    type: () => [MediaItemDto],
    minItems: 1,
    maxItems: MAX_MEDIA,
    uniqueItems: true,
    description: `${MEDIA_DESCRIPTION}: 1 to ${MAX_MEDIA}, each \`context\` at most once`,
  })
  media!: MediaItemDto[];

  @ApiProperty({ type: () => DocumentDto })
  document!: DocumentDto;
}

/** A submission verified electronically: no media, the document optional. */
@ApiSchema({
  name: 'ElectronicVerificationRequest',
  description:
    'A submission verified electronically: `media` absent or empty, `document` optional. ' +
    'Unknown properties are rejected at every level.',
})
export class ElectronicVerificationRequest extends IdentityRequestCommon {
  @ApiProperty({ enum: ['electronic-verification'], example: 'electronic-verification' })
  type!: 'electronic-verification';

  @ApiPropertyOptional({
    type: () => [MediaItemDto],
    maxItems: 0,
    description: `${MEDIA_DESCRIPTION}: none; absent or empty`,
  })
  media?: never[];

  @ApiPropertyOptional({ type: () => DocumentDto })
  document?: DocumentDto;
}

/** The body schemas of `PATCH /me/identity`, in the order of `oneOf`. */
export const UPDATE_IDENTITY_REQUESTS = [DocumentSubmissionRequest, ElectronicVerificationRequest];
