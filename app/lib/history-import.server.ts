import { data, redirect, type RouterContextProvider } from 'react-router';
import { fileProblemMessage, problemMessage } from '../../src/api/imports.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { removeUpload } from '../../src/use-cases/import-files.ts';
import { applyImportRun, getImportRun, historyImportPage, type ImportRunListItem, importHistory } from '../../src/use-cases/import-history.ts';
import { signInHref } from '../components/proposal-parts.tsx';
import { MAX_HISTORY_UPLOAD_BYTES, receiveImport } from './history-upload.server.ts';
import { MultipartError } from './multipart.server.ts';
import { requestInfo, services } from './request.server.ts';
import { asPageError, attempt } from './use-case.server.ts';

// The history import's pages (the officer's under /funds/:code/imports, the area's and admin's
// under /imports): the upload is a plain multipart post streamed to disk, checked as a dry run,
// then the run's own page shows the summary and applies it. The same loaders serve both.

type Context = Readonly<RouterContextProvider>;

function when(date: Date, lang: Lang): string {
  const time = date.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'th-TH', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit' });
  return `${formatThaiDate(date, lang, 'short')} ${time}`;
}

function listed(run: ImportRunListItem, lang: Lang) {
  return { id: run.id, kind: run.kind, fileName: run.fileName, status: run.status, counts: run.counts, fundCode: run.fundCode, when: when(run.createdAt, lang) };
}

/** The upload page: the fund (on the officer's page) and the runs to look back on. */
export async function importsLoader(context: Context, request: Request, fundCode?: string) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect(signInHref(new URL(request.url).pathname));
  try {
    const page = await historyImportPage(services(context).database.db, actorOf(user), fundCode === undefined ? {} : { fundCode });
    return { fund: page.fund, runs: page.runs.map((r) => listed(r, lang)), maxMb: MAX_HISTORY_UPLOAD_BYTES / 1024 / 1024 };
  } catch (error) {
    throw asPageError(error);
  }
}

/** The upload: stored as it arrives, checked (a dry run), then the run's page. */
export async function importsAction(context: Context, request: Request, base: string, fundCode?: string) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(base));
  const { database, config } = services(context);
  let received: Awaited<ReturnType<typeof receiveImport>>;
  try {
    received = await receiveImport(request, config.dataDir);
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    const key: MessageKey = error.code === 'tooLarge' ? 'history.error.uploadTooLarge' : 'history.error.upload';
    return data({ ok: false as const, input: {}, errors: { file: t(key, { max: MAX_HISTORY_UPLOAD_BYTES / 1024 / 1024 }) } }, { status: 400 });
  }
  const { fields, upload } = received;
  const input = { kind: fields.kind ?? '' };
  const result = await attempt(t, input, async () => {
    if (!upload) throw new Invalid([{ field: 'file', key: 'history.error.noFile' }]);
    return importHistory(database.db, actorOf(user), { kind: fields.kind, upload, dryRun: true, ...(fundCode === undefined ? {} : { fundCode }) });
  });
  if (!('value' in result)) {
    await removeUpload(upload?.path ?? null);
    return result;
  }
  return redirect(`${base}/${result.value.id}`);
}

/** A run's page: its counts, the rows worth reading with their reasons, and whether it may be applied. */
export async function runLoader(context: Context, request: Request, id: string, fundCode?: string) {
  const { user, lang, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(new URL(request.url).pathname));
  try {
    const run = await getImportRun(services(context).database.db, actorOf(user), { id });
    // The officer's page shows the runs of its own fund only.
    if (fundCode !== undefined && run.fundCode !== fundCode) throw data(null, { status: 404 });
    const changes = run.counts.created + run.counts.updated;
    return {
      run: {
        id: run.id,
        kind: run.kind,
        fileName: run.fileName,
        status: run.status,
        counts: run.counts,
        fundCode: run.fundCode,
        more: run.more,
        checkedAt: when(run.createdAt, lang),
        appliedAt: run.appliedAt ? when(run.appliedAt, lang) : null,
        fileProblem: run.fileProblem ? fileProblemMessage(run.fileProblem, t) : null,
        rows: run.rows.map((r) => ({
          row: r.row,
          fundCode: r.fundCode,
          key: r.key,
          outcome: r.outcome,
          details:
            r.outcome === 'rejected'
              ? r.problems.map((p) => (p.column ? t('history.page.problem', { column: p.column, message: problemMessage(p, t) }) : problemMessage(p, t)))
              : r.changed?.length
                ? [t('history.page.changed', { columns: r.changed.join(', ') })]
                : [],
        })),
      },
      changes,
      mine: run.userId === user.id,
      mayApply: run.status === 'checked' && run.userId === user.id && changes > 0,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

/** Applies the checked run, all or nothing, and shows it again. */
export async function runAction(context: Context, id: string, base: string) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(`${base}/${id}`));
  const result = await attempt(t, {}, () => applyImportRun(services(context).database.db, actorOf(user), { id }));
  if (!('value' in result)) return result;
  return redirect(`${base}/${result.value.id}`);
}
