import { actorOf } from '../../src/use-cases/authorize.ts';
import { getActivityFile } from '../../src/use-cases/project-followup.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import type { Route } from './+types/projects.$code.activities.$id.files.$fileId';

// One photo or receipt of an activity record, for whoever may follow the project, shown in the
// browser under its own name. The use case stored only PDF, JPEG or PNG bytes; nosniff keeps the
// browser to the type said.

/** `filename="…"` for old browsers (ASCII only) and `filename*=` with the real (Thai) name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  try {
    const file = await getActivityFile(services(context).database.db, actorOf(user), { code: params.code, id: params.id, fileId: params.fileId });
    const etag = `"${file.sha256}"`;
    const headers = {
      'Content-Type': file.media_type,
      'Content-Disposition': disposition(file.file_name),
      'X-Content-Type-Options': 'nosniff',
      // A group's photos and receipts are not for shared caches.
      'Cache-Control': 'private, no-cache',
      ETag: etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(file.content), { headers: { ...headers, 'Content-Length': String(file.content.byteLength) } });
  } catch (error) {
    throw asRouteError(error);
  }
}
