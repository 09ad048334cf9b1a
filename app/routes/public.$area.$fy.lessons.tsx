import { Form, Link, redirect } from 'react-router';
import { LESSON_FIELDS, LESSON_MAX_LENGTH } from '../../src/domain/lessons.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { getLesson, saveLesson } from '../../src/use-cases/lessons.ts';
import { labelled } from '../components/admin-form.tsx';
import { ErrorSummary, TextAreaField } from '../components/form.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/public.$area.$fy.lessons';

// Writing an area's lessons learned for a year: four texts and whether to publish them. The
// version the form was rendered with travels in a hidden field; a stale one is a Conflict and
// the text typed is shown again.

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const view = await getLesson(services(context).database.db, actorOf(user), { area: params.area, fiscalYear: params.fy });
    if (!view.mayWrite) throw new Forbidden('lesson.write');
    if (view.place.code !== params.area || String(view.fiscalYear) !== params.fy) throw redirect(`/public/${view.place.code}/${view.fiscalYear}/lessons`);
    return view;
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const result = await attempt(t, input, () => saveLesson(services(context).database.db, actorOf(user), { ...input, area: params.area, fiscalYear: params.fy }));
  if (!('value' in result)) return result;
  return redirect(`/public/${params.area}/${params.fy}?done=lesson#lessons`);
}

export default function LessonPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { place, fiscalYear, lesson } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const { _form: formError, ...fieldErrors } = errors;
  const value = (field: string): string => {
    if (failed) return String(failed.input[field] ?? '');
    return lesson ? String(lesson[field as keyof typeof lesson] ?? '') : '';
  };
  const version = failed ? String(failed.input.version ?? '') : lesson ? String(lesson.version) : '';
  const published = failed ? failed.input.published === 'on' : (lesson?.published ?? false);
  const name = nameOf(place, lang);
  const back = `/public/${place.code}/${fiscalYear}`;
  const labels = Object.fromEntries(LESSON_FIELDS.map((f) => [f, t(`lesson.${f}` as MessageKey)]));
  return (
    <section className="admin-page lesson-page">
      <title>{`${t('lesson.editTitle')}: ${name} — ${formatFiscalYear(fiscalYear, lang)} — kongtun`}</title>
      <p className="back-link">
        <Link to={back}>{t('lesson.back')}</Link>
      </p>
      <h1>
        {t('lesson.editTitle')}
        <span className="heading-note">
          {name} ({place.code}) · {formatFiscalYear(fiscalYear, lang)}
        </span>
      </h1>
      {formError && (
        <div className="warning" role="alert">
          {t('lesson.conflict')}
        </div>
      )}
      <ErrorSummary errors={labelled(fieldErrors, labels)} />
      <p className="lead-text">{t('lesson.lead')}</p>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        {LESSON_FIELDS.map((field) => (
          <TextAreaField
            key={field}
            name={field}
            label={t(`lesson.${field}` as MessageKey)}
            hint={t(`lesson.${field}Hint` as MessageKey)}
            defaultValue={value(field)}
            error={errors[field]}
            maxLength={LESSON_MAX_LENGTH}
            rows={5}
          />
        ))}
        <div className="field radios">
          <div className="radios__item">
            <input type="checkbox" id="published" name="published" value="on" defaultChecked={published} aria-describedby="published-hint" />
            <label htmlFor="published">{t('lesson.published')}</label>
          </div>
          <p className="field__hint" id="published-hint">
            {t('lesson.publishedHint')}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('lesson.save')}
          </button>
          <Link to={back}>{t('admin.cancel')}</Link>
        </div>
      </Form>
    </section>
  );
}
