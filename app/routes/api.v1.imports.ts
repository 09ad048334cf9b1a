import { importRunJson, importRunsJson } from '../../src/api/imports.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { removeUpload } from '../../src/use-cases/import-files.ts';
import { importHistory, listImportRuns } from '../../src/use-cases/import-history.ts';
import { ApiError, apiHandler, apiJson, methodNotAllowed } from '../lib/api.server.ts';
import { dryRunOf, MAX_HISTORY_UPLOAD_BYTES, receiveImport } from '../lib/history-upload.server.ts';
import { MultipartError, multipartBoundary } from '../lib/multipart.server.ts';
import { services } from '../lib/request.server.ts';
import type { Route } from './+types/api.v1.imports';

/** GET /api/v1/imports[?fund=L1976]: the caller's import runs, newest first (an admin's: everyone's). */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const fund = api.url.searchParams.get('fund');
    const runs = await listImportRuns(api.db, api.actor, fund ? { fundCode: fund.toUpperCase().slice(0, 20) } : {});
    return apiJson(importRunsJson(runs, api.actor?.userId ?? null, api.t));
  });
}

/**
 * POST /api/v1/imports, multipart/form-data {file, kind, dry_run?, fund?}: checks the file (a
 * dry run unless dry_run=false, which applies it at once when nothing is rejected) and answers
 * the run's summary. The file is streamed to disk, never held whole.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      if (!multipartBoundary(api.request.headers.get('content-type'))) throw new ApiError(415, 'unsupported_media_type', api.t('history.api.multipart'));
      let received: Awaited<ReturnType<typeof receiveImport>>;
      try {
        received = await receiveImport(api.request, services(args.context).config.dataDir);
      } catch (error) {
        if (!(error instanceof MultipartError)) throw error;
        if (error.code === 'tooLarge') throw new ApiError(413, 'payload_too_large', api.t('history.error.uploadTooLarge', { max: MAX_HISTORY_UPLOAD_BYTES / 1024 / 1024 }));
        throw new ApiError(400, 'invalid_input', api.t('history.error.upload'));
      }
      const { fields, upload } = received;
      const dryRun = dryRunOf(fields.dry_run);
      const fund = fields.fund?.trim().toUpperCase();
      const run = async () => {
        if (dryRun === null) throw new Invalid([{ field: 'dry_run', key: 'history.error.dryRun' }]);
        if (!upload) throw new Invalid([{ field: 'file', key: 'history.error.noFile' }]);
        return importHistory(api.db, api.actor, { kind: fields.kind, upload, dryRun, ...(fund ? { fundCode: fund } : {}) });
      };
      let view: Awaited<ReturnType<typeof run>>;
      try {
        view = await run();
      } catch (error) {
        // Refused before or by the use case: the file is not kept.
        await removeUpload(upload?.path ?? null);
        throw error;
      }
      return apiJson(importRunJson(view, api.actor?.userId ?? null, api.t), { status: 201, headers: { Location: `/api/v1/imports/${view.id}` } });
    },
    { write: true },
  );
}
