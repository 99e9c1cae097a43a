import { CONTENT_TYPES_BY_CATEGORY, FILE_CATEGORIES, type FileBook } from './file-book';
import { requireJsonBody, sendJson, sendValidationFailed, type Exchange } from './http-io';
import { UPLOAD_PATH_PREFIX } from './upload-receiver';
import type { FileAnswer, FileCategory } from './upstream-shapes';
import { ErrorTree } from './validation-tree';

export { CONTENT_TYPES_BY_CATEGORY };

/** POST /core/files: reserves an upload slot for the user; the bytes then go by form POST to upload.url. */
export function handleCreateFile(
  ex: Exchange,
  files: FileBook,
  userId: string,
  publicUrl: string,
): void {
  const body = requireJsonBody(ex);
  if (!body) return;
  const tree = new ErrorTree();
  const request = tree.requireObject(['body'], body.value);
  if (request) {
    tree.rejectUnknown([], request, ['category', 'contentType']);
    const { category, contentType } = request;
    const categoryOk = tree.requireChoice(['category'], category, FILE_CATEGORIES);
    if (tree.requireString(['contentType'], contentType) && categoryOk) {
      const allowed = CONTENT_TYPES_BY_CATEGORY[category as FileCategory];
      if (!allowed.includes(contentType as string))
        tree.add(['contentType'], 'invalid', `This value must be one of: ${allowed.join(', ')}`);
    }
  }
  if (tree.count > 0) return sendValidationFailed(ex, tree.root, tree.count);
  const { category, contentType } = body.value as { category: FileCategory; contentType: string };
  const file = files.issue(userId, category, contentType);
  const answer: FileAnswer = {
    file: {
      id: file.id,
      status: file.status,
      category,
      contentType,
      upload: {
        url: `${publicUrl}${UPLOAD_PATH_PREFIX}${file.id}`,
        formData: { ...file.formData },
        expiresAt: new Date(file.expiresAt).toISOString(),
      },
    },
  };
  sendJson(ex, 201, answer);
}
