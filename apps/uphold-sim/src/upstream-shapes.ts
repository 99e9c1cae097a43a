/**
 * The upstream's shapes as Uphold documents them (Enterprise Core API: KYC "Update identity", Files,
 * OAuth2 token), written here from the docs and shared with nothing in the BFF, so that the simulator
 * judges the client's idea of them instead of repeating it.
 */

export type FileCategory = 'document' | 'image' | 'video';
export type FileStatus = 'pending' | 'uploaded';

export type MediaContext =
  | 'photo-document-front'
  | 'photo-document-back'
  | 'photo-selfie'
  | 'photo-selfie-and-document-front'
  | 'video';

export interface MediaFile {
  context: MediaContext;
  fileId: string;
}

export interface PersonAddress {
  country: string;
  subdivision?: string;
  city: string;
  line1: string;
  line2?: string;
  postalCode?: string;
}

export interface IdentityDocument {
  type: string;
  number: string;
  country: string;
  expiresAt?: string;
}

export interface IdentityPerson {
  givenName: string;
  familyName: string;
  birthdate: string;
  gender?: 'female' | 'male';
  address?: PersonAddress;
}

export interface IdentityOutput {
  provider: string;
  document?: IdentityDocument;
  person: IdentityPerson;
  verifiedAt: string;
  reason?: string;
}

/** Body of PATCH /core/kyc/processes/identity; an electronic verification may come without media. */
export interface IdentityUpdateBody {
  type?: 'document-submission' | 'electronic-verification';
  input?: { media?: MediaFile[] };
  output: Omit<IdentityOutput, 'reason'>;
}

/** The identity process as the simulator answers it. */
export interface IdentityProcess {
  status: string;
  type?: string;
  input?: { media: MediaFile[] };
  output?: IdentityOutput;
}

/** GET /core/kyc. */
export interface KycOverviewAnswer {
  summary: { status: string; reason: string };
  processes: { identity: IdentityProcess } & Record<string, { status: string }>;
}

/** PATCH /core/kyc/processes/identity. */
export interface IdentityUpdateAnswer {
  identity: IdentityProcess;
}

/** POST /core/files, answer 201. */
export interface FileAnswer {
  file: {
    id: string;
    status: FileStatus;
    category: FileCategory;
    contentType: string;
    upload: { url: string; formData: Record<string, string>; expiresAt: string };
  };
}

/** POST /core/oauth2/token, answer 200. */
export interface AccessTokenAnswer {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

/** Validation errors nested per object, leaves are lists: `{ output: { person: { birthdate: [ … ] } } }`. */
export interface FieldError {
  code: string;
  message: string;
}
export type FieldErrorTree = { [field: string]: FieldError[] | FieldErrorTree };
