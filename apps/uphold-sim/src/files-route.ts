import { randomUUID } from 'node:crypto';
import type { CreateFileResponse, FileCategory } from '../../../libs/uphold/src/uphold.types';
import { requireJsonBody, sendJson, sendValidationFailed, type Exchange } from './http-io';
import { ErrorTree } from './validation-tree';

/** What GET /core/files/settings documents: the content types each category accepts. */
export const CONTENT_TYPES_BY_CATEGORY: Record<FileCategory, readonly string[]> = {
  document: ['application/pdf', 'image/jpeg', 'image/png'],
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/mpeg'],
};
const CATEGORIES = Object.keys(CONTENT_TYPES_BY_CATEGORY) as FileCategory[];
const UPLOAD_SLOT_SECONDS = 900;

/** POST /core/files: reserves an upload slot. */
export function handleCreateFile(ex: Exchange, baseUrl: string): void {
  const body = requireJsonBody(ex);
  if (!body) return;
  const tree = new ErrorTree();
  const file = tree.requireObject(['body'], body.value);
  if (file) {
    tree.rejectUnknown([], file, ['category', 'contentType']);
    const { category, contentType } = file;
    const categoryOk = tree.requireChoice(['category'], category, CATEGORIES);
    if (tree.requireString(['contentType'], contentType) && categoryOk) {
      const allowed = CONTENT_TYPES_BY_CATEGORY[category as FileCategory];
      if (!allowed.includes(contentType as string))
        tree.add(['contentType'], 'invalid', `This value must be one of: ${allowed.join(', ')}`);
    }
  }
  if (tree.count > 0) return sendValidationFailed(ex, tree.root, tree.count);
  const { category, contentType } = body.value as { category: FileCategory; contentType: string };
  const id = randomUUID();
  const answer: CreateFileResponse = {
    file: {
      id,
      status: 'pending',
      category,
      contentType,
      upload: {
        url: `${baseUrl}/uploads/${id}`,
        formData: {
          key: id,
          policy: randomUUID().replace(/-/g, ''),
          signature: randomUUID().replace(/-/g, ''),
        },
        expiresAt: new Date(Date.now() + UPLOAD_SLOT_SECONDS * 1000).toISOString(),
      },
    },
  };
  sendJson(ex, 201, answer);
}
