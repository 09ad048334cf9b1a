import { Form, Link, redirect } from 'react-router';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { endCommitteeTerm, getCommitteeMember, updateCommitteeMember } from '../../src/use-cases/funds-write.ts';
import { CommitteeMemberFields, committeeLabels, formFields, labelled, memberRow } from '../components/admin-form.tsx';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.committee.$id';

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const { fund, member } = await getCommitteeMember(services(context).database.db, actorOf(user), { code: params.code, id: params.id });
    if (fund.code !== params.code) throw redirect(`/funds/${fund.code}/committee/${member.id}`);
    const asInput = (d: string | null) => dateForInput(d, lang);
    return {
      fund,
      member: {
        id: member.id,
        version: member.version,
        values: {
          title: member.title,
          first_name: member.first_name,
          last_name: member.last_name,
          position: member.position,
          composition_slot: member.composition_slot,
          organisation: member.organisation ?? '',
          term_start: asInput(member.term_start),
          term_end: asInput(member.term_end),
          appointment_order_number: member.appointment_order_number ?? '',
          appointment_order_date: asInput(member.appointment_order_date),
        },
        row: memberRow(member, lang, t),
      },
      // Ending a term defaults to today, or to its set end if that has already passed.
      endDefault: asInput(member.term_end && member.term_end < toBangkokIsoDate(new Date()) ? member.term_end : toBangkokIsoDate(new Date())),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const input = formFields(await request.formData());
  const target = { ...input, code: params.code, id: params.id };
  const back = `/funds/${params.code.toUpperCase()}/committee`;
  if (input.intent === 'end') {
    const result = await attempt(t, input, () => endCommitteeTerm(db, actorOf(user), { ...target, term_end: input.end_date }));
    if (!('value' in result)) return result;
    return redirect(`${back}?done=ended#members`);
  }
  const result = await attempt(t, input, () => updateCommitteeMember(db, actorOf(user), target));
  if (!('value' in result)) return result;
  return redirect(`${back}?done=${String(result.value.version) === input.version ? 'unchanged' : 'saved'}#members`);
}

export default function CommitteeMember({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { fund, member, endDefault } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const input = (failed?.input ?? {}) as unknown as Record<string, string>;
  const ending = input.intent === 'end';
  // The end-of-term form's date is end_date on the page, term_end to the use case.
  const errors: Record<string, string> = Object.fromEntries(
    Object.entries(failed?.errors ?? {}).map(([field, message]) => [ending && field === 'term_end' ? 'end_date' : field, message]),
  );
  const labels = { ...committeeLabels(t), end_date: t('admin.committee.endTermDate') };
  const values = failed && !ending ? input : member.values;
  return (
    <section className="admin-page">
      <title>{`${t('admin.committee.editTitle')}: ${member.row.name} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${fund.code}/committee`}>{t('admin.committee.back')}</Link>
      </p>
      <h1>
        {t('admin.committee.editTitle')}
        <span className="heading-note">
          {member.row.name} — {member.row.position}, {fund.name_th}
        </span>
      </h1>
      <ErrorSummary errors={labelled(errors, labels)} />
      <Form method="post" noValidate className="admin-form">
        <CsrfField />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="version" value={member.version} />
        <CommitteeMemberFields values={values} errors={ending ? {} : errors} labels={labels} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.save')}
          </button>
          <Link to={`/funds/${fund.code}/committee`}>{t('admin.cancel')}</Link>
        </div>
      </Form>

      <h2>{t('admin.committee.endTerm')}</h2>
      <p>{t('admin.committee.endTermLead')}</p>
      <p>
        {t('admin.committee.term')}: {member.row.term}
      </p>
      <Form method="post" noValidate className="admin-form">
        <CsrfField />
        <input type="hidden" name="intent" value="end" />
        <input type="hidden" name="version" value={member.version} />
        <TextField
          name="end_date"
          label={labels.end_date}
          hint={t('admin.dateHint')}
          defaultValue={ending ? input.end_date : endDefault}
          error={errors.end_date}
          maxLength={12}
        />
        <button type="submit" className="button button--secondary">
          {t('admin.committee.endTermButton')}
        </button>
      </Form>
    </section>
  );
}
