import { Form, Link, redirect } from 'react-router';
import { TITLE_CHOICES, TITLE_OTHER } from '../../src/domain/accounts.ts';
import { ORGANISATION_TYPES, PEOPLES_GROUP_MIN_MEMBERS } from '../../src/domain/registry.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { registerProposer } from '../../src/use-cases/accounts.ts';
import { clientIp, SESSION_LIFETIME_MS } from '../../src/use-cases/sessions.ts';
import { ErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { cookieHeader } from '../lib/cookies.ts';
import { requestInfo, SESSION_COOKIE, services } from '../lib/request.server.ts';
import { attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/register';

/** Member rows on the page: enough for a people's group without JavaScript; blank rows are ignored. */
const MEMBER_ROWS = 8;
const SECRET_FIELDS = new Set(['newPassword', 'confirmPassword', '_csrf']);

export async function loader({ context, request }: Route.LoaderArgs) {
  if (requestInfo(context).user) throw redirect('/account');
  // A fund's page can link here with its code, so the proposer need not know it.
  const fund = new URL(request.url).searchParams.get('fund') ?? '';
  return { fund: /^[A-Za-z0-9]{1,10}$/.test(fund) ? fund.toUpperCase() : '' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { t } = requestInfo(context);
  const { database, config } = services(context);
  const form: Record<string, string> = {};
  for (const [key, value] of await request.formData()) if (typeof value === 'string') form[key] = value;
  const members = Array.from({ length: MEMBER_ROWS }, (_, i) => ({
    title: form[`members.${i}.title`] ?? '',
    firstName: form[`members.${i}.firstName`] ?? '',
    lastName: form[`members.${i}.lastName`] ?? '',
  }));
  const echo = Object.fromEntries(Object.entries(form).filter(([key]) => !SECRET_FIELDS.has(key)));
  const result = await attempt(t, echo, () =>
    registerProposer(database.db, null, {
      title: form.title ?? '',
      titleOther: form.titleOther ?? '',
      firstName: form.firstName ?? '',
      lastName: form.lastName ?? '',
      phone: form.phone ?? '',
      email: form.email ?? '',
      username: form.username ?? '',
      newPassword: form.newPassword ?? '',
      confirmPassword: form.confirmPassword ?? '',
      organisationName: form.organisationName ?? '',
      organisationType: form.organisationType ?? '',
      organisationDescription: form.organisationDescription ?? '',
      fundCode: form.fundCode ?? '',
      members,
      userAgent: request.headers.get('user-agent'),
      ip: clientIp(request.headers),
    }),
  );
  if (!('value' in result)) return result;
  return redirect('/account?done=registered', {
    headers: {
      'Set-Cookie': cookieHeader(SESSION_COOKIE, result.value.token, {
        maxAgeSeconds: SESSION_LIFETIME_MS / 1000,
        secure: config.cookieSecure,
      }),
    },
  });
}

export default function Register({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const input = (actionData?.input ?? {}) as Record<string, string | undefined>;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const titleOptions = [
    { value: '', label: t('accounts.title.none') },
    ...TITLE_CHOICES.map((title) => ({ value: title, label: title })),
    { value: TITLE_OTHER, label: t('accounts.title.other') },
  ];
  return (
    <section className="register">
      <title>{`${t('accounts.register.title')} — kongtun`}</title>
      <h1>{t('accounts.register.title')}</h1>
      <p className="lead">{t('accounts.register.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack-form">
        <CsrfField />
        <fieldset className="form-section">
          <legend>{t('accounts.register.you')}</legend>
          <div className="name-row">
            <SelectField name="title" label={t('accounts.field.title')} options={titleOptions} defaultValue={input.title} error={errors.title} />
            <TextField
              name="titleOther"
              label={t('accounts.field.titleOther')}
              hint={t('accounts.hint.titleOther')}
              defaultValue={input.titleOther}
              error={errors.titleOther}
              maxLength={40}
            />
          </div>
          <TextField name="firstName" label={t('accounts.field.firstName')} autoComplete="given-name" defaultValue={input.firstName} error={errors.firstName} maxLength={100} />
          <TextField name="lastName" label={t('accounts.field.lastName')} autoComplete="family-name" defaultValue={input.lastName} error={errors.lastName} maxLength={100} />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('accounts.register.contact')}</legend>
          <p className="hint">{t('accounts.register.contactHint')}</p>
          <TextField
            name="phone"
            type="tel"
            inputMode="tel"
            label={t('accounts.field.phone')}
            hint={t('accounts.hint.phone')}
            autoComplete="tel-national"
            defaultValue={input.phone}
            error={errors.phone}
            maxLength={20}
          />
          <TextField name="email" type="email" inputMode="email" label={t('accounts.field.email')} autoComplete="email" defaultValue={input.email} error={errors.email} maxLength={200} />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('accounts.register.signInDetails')}</legend>
          <TextField
            name="username"
            label={t('accounts.field.username')}
            hint={t('accounts.hint.username')}
            autoComplete="username"
            defaultValue={input.username}
            error={errors.username}
            maxLength={40}
          />
          <TextField
            name="newPassword"
            type="password"
            label={t('accounts.field.password')}
            hint={t('accounts.hint.password')}
            autoComplete="new-password"
            error={errors.newPassword}
          />
          <TextField name="confirmPassword" type="password" label={t('accounts.field.confirmPassword')} autoComplete="new-password" error={errors.confirmPassword} />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('accounts.register.organisation')}</legend>
          <TextField
            name="organisationName"
            label={t('accounts.field.organisationName')}
            hint={t('accounts.hint.organisationName')}
            autoComplete="organization"
            defaultValue={input.organisationName}
            error={errors.organisationName}
            maxLength={200}
          />
          <RadioGroupField
            name="organisationType"
            legend={t('accounts.field.organisationType')}
            options={ORGANISATION_TYPES.map((type) => ({
              value: String(type),
              label: t(`accounts.orgType.${type}` as MessageKey),
            }))}
            defaultValue={input.organisationType}
            error={errors.organisationType}
          />
          <TextAreaField
            name="organisationDescription"
            label={t('accounts.field.organisationDescription')}
            hint={t('accounts.hint.organisationDescription')}
            defaultValue={input.organisationDescription}
            error={errors.organisationDescription}
            maxLength={2000}
          />
          <TextField
            name="fundCode"
            label={t('accounts.field.fundCode')}
            hint={t('accounts.hint.fundCode')}
            defaultValue={input.fundCode ?? loaderData.fund}
            error={errors.fundCode}
            maxLength={10}
          />
        </fieldset>

        <fieldset id="members" tabIndex={-1} className={errors.members ? 'form-section form-section--error' : 'form-section'}>
          <legend>{t('accounts.register.members')}</legend>
          <p className="hint">{t('accounts.register.membersHint', { min: PEOPLES_GROUP_MIN_MEMBERS })}</p>
          {errors.members && <p className="field__error">{errors.members}</p>}
          <ol className="member-rows">
            {Array.from({ length: MEMBER_ROWS }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed rows, identified by position
              <li key={i}>
                <fieldset className="member-row">
                  <legend>{t('accounts.register.member', { n: i + 1 })}</legend>
                  <TextField
                    name={`members.${i}.title`}
                    label={t('accounts.field.memberTitle')}
                    defaultValue={input[`members.${i}.title`]}
                    error={errors[`members.${i}.title`]}
                    maxLength={40}
                  />
                  <TextField
                    name={`members.${i}.firstName`}
                    label={t('accounts.field.firstName')}
                    defaultValue={input[`members.${i}.firstName`]}
                    error={errors[`members.${i}.firstName`]}
                    maxLength={100}
                  />
                  <TextField
                    name={`members.${i}.lastName`}
                    label={t('accounts.field.lastName')}
                    defaultValue={input[`members.${i}.lastName`]}
                    error={errors[`members.${i}.lastName`]}
                    maxLength={100}
                  />
                </fieldset>
              </li>
            ))}
          </ol>
        </fieldset>

        <button type="submit" className="button">
          {t('accounts.register.submit')}
        </button>
      </Form>
      <p>
        {t('accounts.register.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
      </p>
    </section>
  );
}
