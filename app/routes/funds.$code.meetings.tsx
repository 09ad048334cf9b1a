import { Form, Link, redirect } from 'react-router';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { createMeeting, listMeetings } from '../../src/use-cases/meetings.ts';
import { echo, formFields, labelled } from '../components/admin-form.tsx';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { meetingNumber } from '../components/meeting-parts.tsx';
import { PlanHeading, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.meetings';

// A fund's committee meetings, newest first under their fiscal years; the officer calls the
// next one here (numbered n/year by the use case).

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  let list: Awaited<ReturnType<typeof listMeetings>>;
  try {
    list = await listMeetings(services(context).database.db, actorOf(user), { code: params.code });
  } catch (error) {
    throw asRouteError(error);
  }
  if (list.fund.code !== params.code) throw redirect(`/funds/${list.fund.code}/meetings`);
  const years = [...new Set(list.meetings.map((m) => m.fiscalYear))];
  return {
    fund: list.fund,
    years: years.map((fiscalYear) => ({
      fiscalYear,
      meetings: list.meetings.filter((m) => m.fiscalYear === fiscalYear).map((m) => ({ ...m, dateText: formatThaiDate(m.date, lang) })),
    })),
    mayManage: list.mayManage,
    today: dateForInput(toBangkokIsoDate(new Date()), lang),
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(t, input, () => createMeeting(services(context).database.db, actorOf(user), { ...input, code: params.code }));
  if (!('value' in result)) return result;
  return redirect(`/funds/${params.code.toUpperCase()}/meetings/${result.value.id}?done=created`);
}

export default function Meetings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const base = `/funds/${d.fund.code}/meetings`;
  const labels = { meeting_date: t('meetings.new.date'), place: t('meetings.new.place') };
  return (
    <section className="admin-page meeting-page">
      <PlanHeading title={t('meetings.list.title')} fund={{ code: d.fund.code, name: nameOf(d.fund, lang) }} back={{ to: `/funds/${d.fund.code}`, label: t('admin.backToFund') }} />
      <p className="lead-text">{t('meetings.list.lead')}</p>

      {d.mayManage && (
        <div className="meeting-new" id="new">
          <h2>{t('meetings.new.title')}</h2>
          <ErrorSummary errors={labelled(errors, labels)} />
          <Form method="post" noValidate action={`${base}#new`} className="meeting-new__form">
            <CsrfField />
            <TextField
              name="meeting_date"
              label={labels.meeting_date}
              hint={t('admin.dateHint')}
              defaultValue={echo(input, 'meeting_date', d.today)}
              error={errors.meeting_date}
              maxLength={12}
              autoComplete="off"
            />
            <TextField
              name="place"
              label={labels.place}
              hint={t('meetings.new.placeHint')}
              defaultValue={echo(input, 'place', '')}
              error={errors.place}
              maxLength={300}
            />
            <button type="submit" className="button">
              {t('meetings.new.submit')}
            </button>
          </Form>
        </div>
      )}

      {d.years.length === 0 ? (
        <p className="plan-empty">{t('meetings.list.none')}</p>
      ) : (
        d.years.map((year) => (
          <div key={year.fiscalYear}>
            <h2>{formatFiscalYear(year.fiscalYear, lang)}</h2>
            <StackTable
              caption={t('meetings.list.caption', { year: formatFiscalYear(year.fiscalYear, lang) })}
              className="meeting-list"
              rows={year.meetings}
              rowKey={(m) => m.id}
              columns={[
                {
                  label: t('meetings.list.number'),
                  cell: (m) => <Link to={`${base}/${m.id}`}>{t('meetings.numberText', { number: meetingNumber(m) })}</Link>,
                },
                { label: t('meetings.list.date'), cell: (m) => m.dateText },
                { label: t('meetings.list.place'), cell: (m) => m.place || '—' },
                { label: t('meetings.list.items'), num: true, cell: (m) => m.items },
                {
                  label: t('meetings.list.open'),
                  num: true,
                  cell: (m) => (m.open > 0 ? <span className="status status--warning">{m.open}</span> : m.open),
                },
              ]}
            />
          </div>
        ))
      )}
    </section>
  );
}
