import { actorOf } from '../../src/use-cases/authorize.ts';
import { getAttachment } from '../../src/use-cases/proposal-attachments.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import type { Route } from './+types/proposals.$id.attachments.$attachmentId';

// One attachment's file, for whoever may read the proposal, shown in the browser (PDF, images)
// under its own name. The use case stored only bytes that are PDF, JPEG or PNG, and nosniff
// keeps the browser to the type said.

/** `filename="…"` for old browsers (ASCII only) and `filename*=` with the real (Thai) name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  try {
    const file = await getAttachment(services(context).database.db, actorOf(user), { id: params.id, attachmentId: params.attachmentId });
    const etag = `"${file.sha256}"`;
    const headers = {
      'Content-Type': file.media_type,
      'Content-Disposition': disposition(file.file_name),
      'X-Content-Type-Options': 'nosniff',
      // A proposal's papers are not for shared caches.
      'Cache-Control': 'private, no-cache',
      ETag: etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(file.content), { headers: { ...headers, 'Content-Length': String(file.content.byteLength) } });
  } catch (error) {
    throw asRouteError(error);
  }
}
