import type { MediaContext } from '@app/uphold/uphold.types';

/** Identity statuses the apps know; an unknown upstream status is passed through as it is. */
export type IdentityStatus = 'ok' | 'failed' | 'processing' | 'pending' | 'exempt';

/** An identity document as the apps see it, its number masked. */
export interface IdentityDocumentView {
  type: string;
  number: string;
  country: string;
  expiresAt?: string;
}

/** A residential address. */
export interface IdentityAddressView {
  country: string;
  subdivision?: string;
  city: string;
  line1: string;
  line2?: string;
  postalCode?: string;
}

/** The person an identity belongs to. */
export interface IdentityPersonView {
  givenName: string;
  familyName: string;
  birthdate: string;
  gender?: 'female' | 'male';
  address?: IdentityAddressView;
}

/** One submitted media file. */
export interface IdentityMediaView {
  context: MediaContext;
  fileId: string;
}

/** Response of `GET` and `PATCH /me/identity` (SPEC §1.2); absent fields are left out. */
export interface IdentityView {
  status: IdentityStatus | (string & {});
  reason?: string;
  type?: string;
  provider?: string;
  verifiedAt?: string;
  document?: IdentityDocumentView;
  person?: IdentityPersonView;
  media?: IdentityMediaView[];
}

/** Response of `POST /me/identity/files` (SPEC §1.3). */
export interface UploadSlotView {
  fileId: string;
  context: MediaContext;
  status: string;
  upload: { url: string; formData: Record<string, string>; expiresAt: string };
}
