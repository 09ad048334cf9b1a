import { type StoredUpload, removeUpload, storeUpload, uploadFolder } from '../../src/use-cases/import-files.ts';
import { capped, MultipartError, multipartBoundary, multipartParts, partText } from './multipart.server.ts';

// A history import's upload as the page and the API receive it: the multipart body read as it
// arrives, its text fields kept, its file written straight to the data folder (storeUpload),
// so a file of tens of MB is never held in memory.

/** The largest file taken: CSV and JSON are read a piece at a time whatever their size. */
export const MAX_HISTORY_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface ReceivedImport {
  fields: Record<string, string>;
  /** The stored file; null when no file was chosen. */
  upload: StoredUpload | null;
}

/**
 * Reads a multipart import request: text fields, and the part named `file` stored under
 * `dataDir`. Throws MultipartError when the body is not well-formed multipart (nothing kept).
 */
export async function receiveImport(request: Request, dataDir: string, fileField = 'file'): Promise<ReceivedImport> {
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (!boundary || !request.body) throw new MultipartError('malformed');
  const fields: Record<string, string> = {};
  let upload: StoredUpload | null = null;
  try {
    for await (const part of multipartParts(request.body as unknown as AsyncIterable<Uint8Array>, boundary)) {
      if (part.fileName === null) {
        const value = await partText(part);
        if (!(part.name in fields)) fields[part.name] = value;
      } else if (part.name === fileField && upload === null) {
        const stored = await storeUpload(uploadFolder(dataDir), part.fileName, capped(part.body, MAX_HISTORY_UPLOAD_BYTES));
        // An empty file input sends a part with no name and no bytes: no file chosen.
        if (stored.bytes === 0 && part.fileName === '') await removeUpload(stored.path);
        else upload = stored;
      }
      // Any other file part is skipped unread.
    }
  } catch (error) {
    await removeUpload(upload?.path ?? null);
    throw error;
  }
  return { fields, upload };
}

/** `dry_run` as sent: true, false, or absent (a dry run); null for anything else. */
export function dryRunOf(value: string | undefined): boolean | null {
  if (value === undefined || value === '') return true;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  return null;
}
