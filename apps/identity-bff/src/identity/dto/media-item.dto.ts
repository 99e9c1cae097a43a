import { IsIn, IsUUID } from 'class-validator';
import type { MediaContext } from '@app/uphold/uphold.types';
import { IsRequired } from '../../common/validation/is-required';

/** Every media context an identity file can be submitted for. */
export const MEDIA_CONTEXTS: readonly MediaContext[] = [
  'photo-document-front',
  'photo-document-back',
  'photo-selfie',
  'photo-selfie-and-document-front',
  'video',
];

/** One uploaded file and the part of the verification it shows. */
export class MediaItemDto {
  @IsRequired()
  @IsIn(MEDIA_CONTEXTS)
  context!: MediaContext;

  @IsRequired()
  @IsUUID()
  fileId!: string;
}
