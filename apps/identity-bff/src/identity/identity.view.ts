import type { MediaContext } from '@app/uphold/uphold.types';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { openEnum } from '../openapi/open-enum';
import { DOCUMENT_TYPES } from './dto/document.dto';
import { IDENTITY_TYPES } from './dto/update-identity.dto';
import { MEDIA_CONTEXTS } from './dto/media-item.dto';

/** Identity statuses the apps know; an unknown upstream status is passed through as it is. */
export type IdentityStatus = 'ok' | 'failed' | 'processing' | 'pending' | 'exempt';

const IDENTITY_STATUSES: readonly IdentityStatus[] = [
  'ok',
  'failed',
  'processing',
  'pending',
  'exempt',
];

/** Reasons the upstream gives for a status; `none` is left out. */
const IDENTITY_REASONS = [
  'data-mismatch',
  'duplicate',
  'fraud',
  'missing-declared-information',
  'underage',
];

const PASSES_THROUGH = 'another upstream value passes through unchanged';

/** An identity document as the apps see it, its number masked. */
@ApiSchema({ name: 'IdentityDocument', description: 'The identity document, its number masked' })
export class IdentityDocumentView {
  @ApiProperty(openEnum(DOCUMENT_TYPES, `A document type; ${PASSES_THROUGH}`))
  type!: string;

  @ApiProperty({
    description: 'Masked: every character but the last four is `*`',
    example: '*****25VH',
  })
  number!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2, as the upstream holds it', example: 'GB' })
  country!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-13' })
  expiresAt?: string;
}

/** A residential address. */
@ApiSchema({ name: 'IdentityAddress', description: 'A residential address' })
export class IdentityAddressView {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2, as the upstream holds it', example: 'GB' })
  country!: string;

  @ApiPropertyOptional({ example: 'GB-MAN' })
  subdivision?: string;

  @ApiProperty({ example: 'Manchester' })
  city!: string;

  @ApiProperty({ example: '1 High Street' })
  line1!: string;

  @ApiPropertyOptional({ example: 'Northern Quarter' })
  line2?: string;

  @ApiPropertyOptional({ example: 'M4 1AA' })
  postalCode?: string;
}

/** The person an identity belongs to. */
@ApiSchema({ name: 'IdentityPerson', description: 'The person the identity belongs to' })
export class IdentityPersonView {
  @ApiProperty({ example: 'John' })
  givenName!: string;

  @ApiProperty({ example: 'Doe' })
  familyName!: string;

  @ApiProperty({ format: 'date', example: '1987-09-04' })
  birthdate!: string;

  @ApiPropertyOptional({ enum: ['female', 'male'], example: 'male' })
  gender?: 'female' | 'male';

  @ApiPropertyOptional({ type: () => IdentityAddressView })
  address?: IdentityAddressView;
}

/** One submitted media file. */
@ApiSchema({ name: 'IdentityMedia', description: 'One submitted media file' })
export class IdentityMediaView {
  @ApiProperty(openEnum(MEDIA_CONTEXTS, `A media context; ${PASSES_THROUGH}`))
  context!: MediaContext;

  @ApiProperty({ format: 'uuid', example: '470b2192-893f-4ce6-9daa-816d4c319a84' })
  fileId!: string;
}

/** Response of `GET` and `PATCH /me/identity` (contract §1.2); absent fields are left out. */
@ApiSchema({
  name: 'Identity',
  description:
    "The user's identity-verification state; a field the upstream does not return is left out, never null",
})
export class IdentityView {
  @ApiProperty(
    openEnum(
      IDENTITY_STATUSES,
      `The verification status (the upstream's \`running\` reads \`processing\`); ${PASSES_THROUGH}`,
    ),
  )
  status!: IdentityStatus | (string & {});

  @ApiPropertyOptional(
    openEnum(
      IDENTITY_REASONS,
      `Why, when the upstream gives a reason other than \`none\`; ${PASSES_THROUGH}`,
    ),
  )
  reason?: string;

  @ApiPropertyOptional(openEnum(IDENTITY_TYPES, `The kind of submission; ${PASSES_THROUGH}`))
  type?: string;

  @ApiPropertyOptional({ example: 'veriff' })
  provider?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2020-01-01T00:00:00Z' })
  verifiedAt?: string;

  @ApiPropertyOptional({ type: () => IdentityDocumentView })
  document?: IdentityDocumentView;

  @ApiPropertyOptional({ type: () => IdentityPersonView })
  person?: IdentityPersonView;

  @ApiPropertyOptional({ type: () => [IdentityMediaView] })
  media?: IdentityMediaView[];
}

/** Where and how the app uploads the file's bytes, straight to the upstream's storage. */
@ApiSchema({
  name: 'Upload',
  description: "Where and how the app uploads the file's bytes, straight to the upstream's storage",
})
export class UploadView {
  @ApiProperty({ format: 'uri', example: 'https://uploads.example.com/bucket' })
  url!: string;

  @ApiProperty({
    description: 'Every field must be sent with the upload (multipart form)',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { key: 'uploads/470b2192', policy: 'eyJleHBpcmF0aW9uIjoi…' },
  })
  formData!: Record<string, string>;

  @ApiProperty({ format: 'date-time', example: '2020-01-01T00:15:00Z' })
  expiresAt!: string;
}

/** Response of `POST /me/identity/files` (contract §1.3). */
@ApiSchema({ name: 'UploadSlot', description: 'A reserved upload slot for one media file' })
export class UploadSlotView {
  @ApiProperty({ format: 'uuid', example: '470b2192-893f-4ce6-9daa-816d4c319a84' })
  fileId!: string;

  @ApiProperty({ enum: MEDIA_CONTEXTS, enumName: 'MediaContext', example: 'photo-selfie' })
  context!: MediaContext;

  @ApiProperty(openEnum(['pending'], `The file's status; ${PASSES_THROUGH}`))
  status!: string;

  @ApiProperty({ type: () => UploadView })
  upload!: UploadView;
}
