import { data, Form, Link, redirect } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { addAttachment, listAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, removeAttachment } from '../../src/use-cases/proposal-attachments.ts';
import { isStep } from '../../src/use-cases/proposal-steps.ts';
import { getProposal } from '../../src/use-cases/proposals.ts';
import { FileField } from '../components/admin-form.tsx';
import { ErrorSummary } from '../components/form.tsx';
import { StackTable } from '../components/plan-parts.tsx';
import { FormKeeper } from '../components/proposal-autosave.tsx';
import { FlowHeading, pageHref, SavedNote, signInHref, summaryOf, TaskList } from '../components/proposal-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import flowCss from '../styles/proposal-flow.css?url';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/proposals.$id.attachments';

// Step 8 of 9: documents attached to the proposal (PDF, JPG or PNG, up to 5 MB each). Each upload
// and removal is saved at once; the use case checks what the bytes are, not the name.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname));
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const view = await getProposal(db, actor, { id: params.id });
    const files = await listAttachments(db, actor, { id: view.id });
    const savedStep = url.searchParams.get('saved');
    return {
      id: view.id,
      title: view.title,
      problems: view.problems,
      mayEdit: view.mayEdit,
      files: files.map((f) => ({ id: f.id, name: f.file_name, type: f.media_type, size: f.size_bytes, added: formatThaiDate(f.created_at, lang, 'short') })),
      done: url.searchParams.get('done'),
      justSaved: savedStep !== null,
      savedTime: formatClockTime(view.updatedAt, lang),
      savedDate: formatThaiDate(view.updatedAt, lang, 'short'),
      clear: savedStep && isStep(savedStep) ? [`/proposals/${view.id}/edit/${savedStep}`] : [],
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  const here = `/proposals/${params.id}/attachments`;
  if (!user) throw redirect(signInHref(here));
  const db = services(context).database.db;
  const actor = actorOf(user);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'remove') {
    const result = await attempt(t, {}, () => removeAttachment(db, actor, { id: params.id, attachmentId: form.get('attachment') }));
    if (!('value' in result)) return result;
    return redirect(`${here}?done=removed`);
  }
  if (intent !== 'upload') throw data(null, { status: 400 });
  const file = form.get('file');
  const upload = file instanceof File ? { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : { fileName: '', bytes: new Uint8Array(0) };
  const result = await attempt(t, {}, () => addAttachment(db, actor, { id: params.id, ...upload }));
  if (!('value' in result)) return result;
  return redirect(`${here}?done=added`);
}

/** 1,234,567 bytes → '1.2 MB'; under a megabyte in kilobytes. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const TYPE_NAMES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' } as const;

export default function Attachments({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const full = d.files.length >= MAX_ATTACHMENTS;
  return (
    <section className="flow">
      <FlowHeading page="attachments" title={d.title} question={t('proposal.step.attachments.question')} hint={<p>{t('proposal.step.attachments.hint')}</p>} />
      <TaskList id={d.id} current="attachments" problems={d.problems} />
      <FormKeeper clear={d.clear} />
      {!d.done && <SavedNote justSaved={d.justSaved} time={d.savedTime} date={d.savedDate} />}
      {d.done && !failed && (
        <p className="notice" role="status">
          {d.done === 'removed' ? t('proposal.files.removed') : t('proposal.files.uploaded')}
        </p>
      )}
      <ErrorSummary errors={summaryOf(t, errors)} />

      <h2>{t('proposal.files.listTitle', { count: d.files.length, max: MAX_ATTACHMENTS })}</h2>
      {d.files.length === 0 ? (
        <p>{t('proposal.files.none')}</p>
      ) : (
        <StackTable
          className="flow-files"
          rows={d.files}
          rowKey={(f) => f.id}
          columns={[
            {
              label: t('proposal.files.name'),
              cell: (f) => (
                <>
                  <a href={`/proposals/${d.id}/attachments/${f.id}`} target="_blank" rel="noopener">
                    {f.name}
                  </a>
                  {d.mayEdit && (
                    <Form method="post" className="flow-file-remove">
                      <CsrfField />
                      <input type="hidden" name="attachment" value={f.id} />
                      <button type="submit" name="intent" value="remove" className="link-button link-button--danger">
                        {t('proposal.files.remove')}
                        <span className="visually-hidden"> {f.name}</span>
                      </button>
                    </Form>
                  )}
                </>
              ),
            },
            { label: t('proposal.files.type'), cell: (f) => TYPE_NAMES[f.type] },
            { label: t('proposal.files.size'), num: true, cell: (f) => sizeText(f.size) },
            { label: t('proposal.files.added'), cell: (f) => f.added },
          ]}
        />
      )}

      {d.mayEdit && !full && (
        // A new form after each upload, so the chosen file does not stay chosen.
        <Form key={d.files.length} method="post" encType="multipart/form-data" className="flow-upload">
          <CsrfField />
          <FileField
            name="file"
            label={t('proposal.files.choose')}
            hint={t('proposal.files.chooseHint', { max: MAX_ATTACHMENT_BYTES / (1024 * 1024) })}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            error={errors.file}
          />
          <button type="submit" name="intent" value="upload" className="button button--secondary">
            {t('proposal.files.upload')}
          </button>
        </Form>
      )}
      {full && <p className="hint">{t('proposal.files.full', { max: MAX_ATTACHMENTS })}</p>}

      <div className="flow-savebar">
        <Link to={pageHref(d.id, 'check')} className="button">
          {t('proposal.files.continue')}
        </Link>
        <Link to={pageHref(d.id, 'results')} className="button button--secondary">
          {t('proposal.flow.back')}
        </Link>
      </div>
    </section>
  );
}
