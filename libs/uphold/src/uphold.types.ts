/** Upstream (Uphold Enterprise Core API) shapes; only libs/uphold and the simulator speak them. */

export type KycProcessStatus = 'ok' | 'failed' | 'running' | 'processing' | 'pending' | 'exempt';

export type MediaContext =
  | 'photo-document-front'
  | 'photo-document-back'
  | 'photo-selfie'
  | 'photo-selfie-and-document-front'
  | 'video';

export type FileCategory = 'document' | 'image' | 'video';

export interface UpholdMedia {
  context: MediaContext;
  fileId: string;
}

export interface UpholdAddress {
  country: string;
  subdivision?: string;
  city: string;
  line1: string;
  line2?: string;
  postalCode?: string;
}

export interface UpholdDocument {
  type: string;
  number: string;
  country: string;
  expiresAt?: string;
}

export interface UpholdPerson {
  givenName: string;
  familyName: string;
  birthdate: string;
  gender?: 'female' | 'male';
  address?: UpholdAddress;
}

export interface UpholdIdentityOutput {
  provider: string;
  document?: UpholdDocument;
  person: UpholdPerson;
  verifiedAt: string;
  reason?: string;
}

/** Body of `PATCH /core/kyc/processes/identity`. */
export interface UpdateIdentityRequest {
  type?: 'document-submission' | 'electronic-verification';
  input: { media: UpholdMedia[] };
  output: Omit<UpholdIdentityOutput, 'reason'>;
}

/** An identity process as the upstream returns it (every part may be missing). */
export interface UpholdIdentityProcess {
  status: string;
  type?: string;
  hint?: string;
  input?: { media?: UpholdMedia[] };
  output?: Partial<UpholdIdentityOutput>;
}

/** Answer of `PATCH /core/kyc/processes/identity`. */
export interface UpdateIdentityResponse {
  identity: UpholdIdentityProcess;
}

/** Answer of `GET /core/kyc?detailed=identity`. */
export interface KycOverview {
  summary?: { status: string; reason?: string };
  processes: {
    identity?: UpholdIdentityProcess;
    [process: string]: { status: string } | undefined;
  };
}

/** Body of `POST /core/files`. */
export interface CreateFileRequest {
  category: FileCategory;
  contentType: string;
}

export interface UpholdFileUpload {
  url: string;
  formData: Record<string, string>;
  expiresAt: string;
}

/** Answer of `POST /core/files`. */
export interface CreateFileResponse {
  file: {
    id: string;
    status: string;
    category: FileCategory;
    contentType: string;
    upload: UpholdFileUpload;
  };
}

/** Answer of `POST /core/oauth2/token`. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

/** Validation errors as the upstream nests them: `{ output: { person: { birthdate: [ { code, message } ] } } }`. */
export interface UpholdFieldError {
  code: string;
  message: string;
}
export type UpholdErrorTree = { [field: string]: UpholdFieldError[] | UpholdErrorTree };

/** Error body: a machine code, and for validation failures the nested field errors. */
export interface UpholdErrorBody {
  code?: string;
  message?: string;
  errors?: UpholdErrorTree;
}

/** Who a call is made for, and the end user's request context forwarded upstream. */
export interface UserContext {
  userId: string;
  ip?: string;
  userAgent?: string;
  origin?: string;
  acceptLanguage?: string;
  requestId: string;
}
