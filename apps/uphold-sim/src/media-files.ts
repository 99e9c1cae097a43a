import type { FileBook } from './file-book';
import type { FileCategory, MediaContext, MediaFile } from './upstream-shapes';
import { ErrorTree } from './validation-tree';

/**
 * The file categories each media context takes. Uphold's identity page says `image` for the document
 * photos, its files summary says `document`: both are accepted there; elsewhere the two agree.
 */
export const CATEGORIES_BY_CONTEXT: Record<MediaContext, readonly FileCategory[]> = {
  'photo-document-front': ['document', 'image'],
  'photo-document-back': ['document', 'image'],
  'photo-selfie': ['image'],
  'photo-selfie-and-document-front': ['image'],
  video: ['video'],
};

/**
 * Each media file must be one this user reserved (or a preloaded one) and uploaded, of a category that
 * fits its context, named once. Docs silent on these answers: strict, validation_failed per item.
 */
export function checkMediaFiles(
  media: readonly MediaFile[],
  files: FileBook,
  userId: string,
): ErrorTree {
  const tree = new ErrorTree();
  const named = new Set<string>();
  media.forEach(({ context, fileId }, index) => {
    const path = ['input', 'media', String(index), 'fileId'];
    const file = files.get(fileId);
    if (!file || (file.ownerId !== undefined && file.ownerId !== userId))
      tree.add(path, 'not_found', 'No file with this id');
    else if (file.status !== 'uploaded')
      tree.add(path, 'not_uploaded', 'The file has not been uploaded');
    else if (file.category && !CATEGORIES_BY_CONTEXT[context].includes(file.category))
      tree.add(
        path,
        'invalid',
        `A ${context} file must be of category ${CATEGORIES_BY_CONTEXT[context].join(' or ')}`,
      );
    else if (named.has(file.id)) tree.add(path, 'duplicate', 'This file is already named');
    if (file) named.add(file.id);
  });
  return tree;
}
