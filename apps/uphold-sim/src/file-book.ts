import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { FileCategory, FileStatus } from './upstream-shapes';

/** What GET /core/files/settings documents: the content types each category accepts. */
export const CONTENT_TYPES_BY_CATEGORY: Record<FileCategory, readonly string[]> = {
  document: ['application/pdf', 'image/jpeg', 'image/png'],
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/mpeg'],
};
export const FILE_CATEGORIES = Object.keys(CONTENT_TYPES_BY_CATEGORY) as FileCategory[];

// "up to 25 MB" etc.: docs silent on MB or MiB, strict reading (the smaller, decimal megabyte).
export const MAX_UPLOAD_BYTES: Record<FileCategory, number> = {
  document: 25_000_000,
  image: 15_000_000,
  video: 100_000_000,
};
export const UPLOAD_SLOT_SECONDS = 900;

// Bounds memory when a benchmark hammers POST /core/files; the oldest slots are forgotten first.
const MAX_REMEMBERED_FILES = 100_000;

/** One file the simulator knows: a reserved slot, then (after the form POST) an uploaded file. */
export interface SimFile {
  readonly id: string;
  /** The user who reserved it; undefined for a preloaded file, which any user may name. */
  readonly ownerId?: string;
  /** Undefined for a preloaded file (fits any context). */
  readonly category?: FileCategory;
  readonly contentType?: string;
  status: FileStatus;
  readonly maxBytes: number;
  /** Epoch ms after which the upload slot is refused. */
  readonly expiresAt: number;
  /** Every field the upload form must carry, with exactly these values. */
  readonly formData: Readonly<Record<string, string>>;
  size?: number;
}

/** A file as the admin API shows it (no form secrets). */
export type FileSummary = Pick<
  SimFile,
  'id' | 'ownerId' | 'category' | 'contentType' | 'status' | 'size'
>;

const amzDate = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

/** The upload slots issued and the files uploaded through them, plus the preloaded ones. */
export class FileBook {
  private readonly files = new Map<string, SimFile>();
  private readonly signingKey = randomBytes(32);

  constructor(
    private readonly maxBytes: Record<FileCategory, number>,
    private readonly preloadedIds: readonly string[],
  ) {
    this.reset();
  }

  /**
   * A slot in the S3 presigned-POST style that `upload.formData` implies: a policy naming every field,
   * the content type and the size range, signed; the form must send each field back unchanged.
   */
  issue(ownerId: string, category: FileCategory, contentType: string): SimFile {
    const id = randomUUID();
    const now = new Date();
    const expiresAt = now.getTime() + UPLOAD_SLOT_SECONDS * 1000;
    const maxBytes = this.maxBytes[category];
    const fields = {
      key: id,
      'Content-Type': contentType,
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': `SIMULATOR/${amzDate(now).slice(0, 8)}/local/s3/aws4_request`,
      'x-amz-date': amzDate(now),
    };
    const conditions = [
      ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
      ['content-length-range', 1, maxBytes],
    ];
    const policy = Buffer.from(
      JSON.stringify({ expiration: new Date(expiresAt).toISOString(), conditions }),
    ).toString('base64');
    const signature = createHmac('sha256', this.signingKey).update(policy).digest('hex');
    const formData = { ...fields, policy, 'x-amz-signature': signature };
    const file: SimFile = {
      id,
      ownerId,
      category,
      contentType,
      status: 'pending',
      maxBytes,
      expiresAt,
      formData,
    };
    this.remember(file);
    return file;
  }

  get(id: string): SimFile | undefined {
    return this.files.get(id.toLowerCase());
  }

  markUploaded(file: SimFile, size: number): void {
    file.status = 'uploaded';
    file.size = size;
  }

  list(): FileSummary[] {
    return [...this.files.values()].map(({ id, ownerId, category, contentType, status, size }) => ({
      id,
      ownerId,
      category,
      contentType,
      status,
      size,
    }));
  }

  /** Forgets every slot and upload; the preloaded files are there again. */
  reset(): void {
    this.files.clear();
    for (const id of this.preloadedIds) {
      this.files.set(id.toLowerCase(), {
        id: id.toLowerCase(),
        status: 'uploaded',
        maxBytes: 0,
        expiresAt: 0,
        formData: {},
      });
    }
  }

  private remember(file: SimFile): void {
    this.files.set(file.id, file);
    if (this.files.size <= MAX_REMEMBERED_FILES) return;
    for (const [id, known] of this.files) {
      if (known.ownerId === undefined) continue; // preloaded files stay
      this.files.delete(id);
      return;
    }
  }
}
