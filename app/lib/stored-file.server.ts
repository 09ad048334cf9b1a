// A stored upload (proposal attachment, activity photo or receipt) sent back to the browser:
// shown inline under its own name. Only PDF, JPEG and PNG bytes were stored, and nosniff keeps
// the browser to the type said; people's papers and photos are not for shared caches.

export interface StoredFile {
  file_name: string;
  media_type: string;
  content: Uint8Array;
  sha256: string;
}

/** `filename="…"` for old browsers (ASCII only) and `filename*=` with the real (Thai) name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function storedFileResponse(file: StoredFile, request: Request): Response {
  const etag = `"${file.sha256}"`;
  const headers = {
    'Content-Type': file.media_type,
    'Content-Disposition': disposition(file.file_name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-cache',
    ETag: etag,
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.content), { headers: { ...headers, 'Content-Length': String(file.content.byteLength) } });
}
