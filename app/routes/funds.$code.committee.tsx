import { Form, Link, redirect } from 'react-router';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { addCommitteeMember, type CommitteeMember, listCommitteeForEdit } from '../../src/use-cases/funds-write.ts';
import { CommitteeMemberFields, committeeLabels, formFields, labelled, memberRow } from '../components/admin-form.tsx';
import { ErrorSummary } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.committee';

const NOTICES: Record<string, MessageKey> = {
  added: 'admin.committee.added',
  saved: 'admin.saved',
  unchanged: 'admin.unchanged',
  ended: 'admin.committee.ended.notice',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const committee = await listCommitteeForEdit(services(context).database.db, actorOf(user), { code: params.code });
    if (committee.fund.code !== params.code) throw redirect(`/funds/${committee.fund.code}/committee`);
    const rows = (list: CommitteeMember[]) => list.map((m) => memberRow(m, lang, t));
    return {
      fund: committee.fund,
      today: formatThaiDate(committee.today, lang),
      current: rows(committee.current),
      upcoming: rows(committee.upcoming),
      ended: rows(committee.ended),
      history: rows(committee.history),
      notice: NOTICES[new URL(request.url).searchParams.get('done') ?? ''] ?? null,
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(t, input, () => addCommitteeMember(services(context).database.db, actorOf(user), { ...input, code: params.code }));
  if (!('value' in result)) return result;
  return redirect(`/funds/${params.code.toUpperCase()}/committee?done=added#members`);
}

type Row = ReturnType<typeof memberRow>;

function MemberTable({ rows, code, caption }: { rows: Row[]; code: string; caption: string }) {
  const t = useT();
  if (rows.length === 0) return <p>{t('admin.committee.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table stack-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.committee.position')}</th>
            <th scope="col">{t('admin.committee.name')}</th>
            <th scope="col">{t('admin.committee.slot')}</th>
            <th scope="col">{t('admin.committee.term')}</th>
            <th scope="col">{t('admin.committee.order')}</th>
            <th scope="col">{t('admin.committee.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td data-label={t('admin.committee.position')}>{m.position}</td>
              <th scope="row">
                {m.name}
                {m.organisation && <span className="cell-note">{m.organisation}</span>}
              </th>
              <td data-label={t('admin.committee.slot')}>{m.slot}</td>
              <td data-label={t('admin.committee.term')}>{m.term}</td>
              <td data-label={t('admin.committee.order')}>{m.order || '—'}</td>
              <td>
                <Link to={`/funds/${code}/committee/${m.id}`}>
                  {t('admin.committee.edit')}
                  <span className="visually-hidden"> {m.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Committee({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const data = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = (failed?.input ?? {}) as unknown as Record<string, string>;
  const labels = committeeLabels(t);
  const fundName = data.fund.name_th;
  return (
    <section className="admin-page">
      <title>{`${t('admin.committee.title')}: ${fundName} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${data.fund.code}`}>{t('admin.backToFund')}</Link>
      </p>
      <h1>
        {t('admin.committee.title')}
        <span className="heading-note">
          {fundName} ({data.fund.code})
        </span>
      </h1>
      {data.notice && !failed && (
        <div className="notice" role="status">
          {t(data.notice)}
        </div>
      )}
      <h2 id="members">{t('admin.committee.current', { date: data.today })}</h2>
      <MemberTable rows={data.current} code={data.fund.code} caption={t('admin.committee.current', { date: data.today })} />
      {data.upcoming.length > 0 && (
        <>
          <h2>{t('admin.committee.upcoming')}</h2>
          <MemberTable rows={data.upcoming} code={data.fund.code} caption={t('admin.committee.upcoming')} />
        </>
      )}
      <h2>{t('admin.committee.ended')}</h2>
      <MemberTable rows={data.ended} code={data.fund.code} caption={t('admin.committee.ended')} />
      <details className="history">
        <summary>{t('admin.committee.history', { count: data.history.length })}</summary>
        <MemberTable rows={data.history} code={data.fund.code} caption={t('admin.committee.history', { count: data.history.length })} />
      </details>

      <h2 id="add">{t('admin.committee.add')}</h2>
      <p>{t('admin.committee.addLead')}</p>
      <ErrorSummary errors={labelled(errors, labels)} />
      <Form method="post" noValidate className="admin-form" action={`/funds/${data.fund.code}/committee#add`}>
        <CsrfField />
        <CommitteeMemberFields values={input} errors={errors} labels={labels} />
        <button type="submit" className="button">
          {t('admin.committee.add')}
        </button>
      </Form>
    </section>
  );
}
