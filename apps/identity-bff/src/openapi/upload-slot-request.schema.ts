import type { FileCategory, MediaContext } from '@app/uphold/uphold.types';
import { ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { DiscriminatorObject } from '@nestjs/swagger';
import { MEDIA_CONTEXTS } from '../identity/dto/media-item.dto';
import { ALLOWED_CONTENT_TYPES, fileCategoryFor } from '../identity/identity.mapper';

/*
 * The body of `POST /me/identity/files` as one schema per upstream file category, so that the
 * content types allowed for each context are part of the contract. Schema only: the service
 * validates with CreateUploadSlotDto. `context` is required, so it discriminates.
 */

const contextsOf = (category: FileCategory): MediaContext[] =>
  MEDIA_CONTEXTS.filter((context) => fileCategoryFor(context) === category);

const CONTEXT = 'The part of the verification the file shows';
const CONTENT_TYPE = 'The media type of the file to upload';

/** A photo of the identity document. */
@ApiSchema({ name: 'DocumentUploadSlotRequest', description: 'A photo or scan of the document' })
export class DocumentUploadSlotRequest {
  @ApiProperty({ enum: contextsOf('document'), description: CONTEXT })
  context!: MediaContext;

  @ApiProperty({ enum: ALLOWED_CONTENT_TYPES.document, description: CONTENT_TYPE })
  contentType!: string;
}

/** A selfie, alone or holding the document. */
@ApiSchema({ name: 'ImageUploadSlotRequest', description: 'A selfie, alone or with the document' })
export class ImageUploadSlotRequest {
  @ApiProperty({ enum: contextsOf('image'), description: CONTEXT })
  context!: MediaContext;

  @ApiProperty({ enum: ALLOWED_CONTENT_TYPES.image, description: CONTENT_TYPE })
  contentType!: string;
}

/** A video of the user. */
@ApiSchema({ name: 'VideoUploadSlotRequest', description: 'A video' })
export class VideoUploadSlotRequest {
  @ApiProperty({ enum: contextsOf('video'), description: CONTEXT })
  context!: MediaContext;

  @ApiProperty({ enum: ALLOWED_CONTENT_TYPES.video, description: CONTENT_TYPE })
  contentType!: string;
}

const BY_CATEGORY = {
  document: DocumentUploadSlotRequest,
  image: ImageUploadSlotRequest,
  video: VideoUploadSlotRequest,
} satisfies Record<FileCategory, unknown>;

/** The body schemas of `POST /me/identity/files`, in the order of `oneOf`. */
export const UPLOAD_SLOT_REQUESTS = Object.values(BY_CATEGORY);

/** Each context to the schema of its file category. */
export const UPLOAD_SLOT_DISCRIMINATOR: DiscriminatorObject = {
  propertyName: 'context',
  mapping: Object.fromEntries(
    MEDIA_CONTEXTS.map((context) => [
      context,
      getSchemaPath(BY_CATEGORY[fileCategoryFor(context)]),
    ]),
  ),
};
