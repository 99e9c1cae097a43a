import type {
  CreateFileRequest,
  CreateFileResponse,
  FileCategory,
  KycProcessStatus,
  MediaContext,
  UpdateIdentityRequest,
  UpholdAddress,
  UpholdDocument,
  UpholdIdentityProcess,
  UpholdMedia,
  UpholdPerson,
} from '@app/uphold/uphold.types';
import type { CreateUploadSlotDto } from './dto/create-upload-slot.dto';
import type { UpdateIdentityDto } from './dto/update-identity.dto';
import type { IdentityView, UploadSlotView } from './identity.view';

/** Content types the upstream accepts per file category (contract §1.3). */
export const ALLOWED_CONTENT_TYPES: Record<FileCategory, readonly string[]> = {
  document: ['application/pdf', 'image/jpeg', 'image/png'],
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/mpeg'],
};

const CATEGORY_BY_CONTEXT: Record<MediaContext, FileCategory> = {
  'photo-document-front': 'document',
  'photo-document-back': 'document',
  'photo-selfie': 'image',
  'photo-selfie-and-document-front': 'image',
  video: 'video',
};

const KNOWN_STATUSES: readonly string[] = [
  'ok',
  'failed',
  'running',
  'processing',
  'pending',
  'exempt',
] satisfies KycProcessStatus[];

/** A copy without undefined or null fields (a plain loop: this runs several times per request). */
function compact<T extends object>(value: T): T {
  const copy: Partial<T> = {};
  for (const key in value) {
    const field = value[key];
    if (field !== undefined && field !== null) copy[key] = field;
  }
  return copy as T;
}

function copyMedia(media: readonly UpholdMedia[]): UpholdMedia[] {
  return media.map((item) => compact({ context: item.context, fileId: item.fileId }));
}

function copyDocument(document: UpholdDocument, mask: (n: string) => string): UpholdDocument {
  const { type, number, country, expiresAt } = document;
  const masked = typeof number === 'string' ? mask(number) : undefined;
  return compact({ type, number: masked as string, country, expiresAt });
}

function copyAddress(address: UpholdAddress): UpholdAddress {
  const { country, subdivision, city, line1, line2, postalCode } = address;
  return compact({ country, subdivision, city, line1, line2, postalCode });
}

function copyPerson(person: UpholdPerson): UpholdPerson {
  const { givenName, familyName, birthdate, gender, address } = person;
  const copiedAddress = address ? copyAddress(address) : undefined;
  return compact({ givenName, familyName, birthdate, gender, address: copiedAddress });
}

/** Whether the upstream identity status is one the BFF knows (contract §1.2). */
export function isKnownIdentityStatus(status: string): boolean {
  return KNOWN_STATUSES.includes(status);
}

/** Masks every character but the last four; four or fewer are all masked. */
export function maskDocumentNumber(n: string): string {
  const chars = Array.from(n);
  const shown = chars.length > 4 ? chars.slice(-4).join('') : '';
  return '*'.repeat(chars.length - Array.from(shown).length) + shown;
}

/** The upstream file category of a media context. */
export function fileCategoryFor(context: MediaContext): FileCategory {
  return CATEGORY_BY_CONTEXT[context];
}

/** The upstream body of `PATCH /core/kyc/processes/identity` for a validated request. */
export function toUpdateIdentityRequest(dto: UpdateIdentityDto): UpdateIdentityRequest {
  const document = dto.document ? copyDocument(dto.document, (n) => n) : undefined;
  const output = compact({
    provider: dto.provider,
    document,
    person: copyPerson(dto.person),
    verifiedAt: dto.verifiedAt,
  });
  const input = { media: copyMedia(dto.media ?? []) };
  return dto.type ? { type: dto.type, input, output } : { input, output };
}

/** The first-party view of the upstream identity process; a missing process is `pending`. */
export function toIdentityView(process: UpholdIdentityProcess | undefined): IdentityView {
  if (!process) return { status: 'pending' };
  const output = process.output ?? {};
  const status = process.status === 'running' ? 'processing' : process.status;
  return compact<IdentityView>({
    status,
    reason: output.reason === 'none' ? undefined : output.reason,
    type: process.type,
    provider: output.provider,
    verifiedAt: output.verifiedAt,
    document: output.document ? copyDocument(output.document, maskDocumentNumber) : undefined,
    person: output.person ? copyPerson(output.person) : undefined,
    media: process.input?.media ? copyMedia(process.input.media) : undefined,
  });
}

/** The upstream body of `POST /core/files` for an upload slot request. */
export function toCreateFileRequest(dto: CreateUploadSlotDto): CreateFileRequest {
  return { category: fileCategoryFor(dto.context), contentType: dto.contentType };
}

/** The first-party view of an upstream upload slot. */
export function toUploadSlotView(res: CreateFileResponse, context: MediaContext): UploadSlotView {
  const { id, status, upload } = res.file;
  return {
    fileId: id,
    context,
    status,
    upload: { url: upload.url, formData: { ...upload.formData }, expiresAt: upload.expiresAt },
  };
}

/** Maps an upstream field path to the first-party one (`output.person.birthdate` → `person.birthdate`). */
export function toFirstPartyField(upstreamPath: string): string {
  if (upstreamPath.startsWith('output.')) return upstreamPath.slice('output.'.length);
  if (upstreamPath === 'input.media' || upstreamPath.startsWith('input.media.')) {
    return upstreamPath.slice('input.'.length);
  }
  return upstreamPath;
}
