import { Form, Link, redirect } from 'react-router';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { startChoices } from '../../src/use-cases/proposal-start.ts';
import { startProposal } from '../../src/use-cases/proposals.ts';
import { echo, FixedField, formFields } from '../components/admin-form.tsx';
import { ErrorSummary, RadioGroupField, TextField } from '../components/form.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import flowCss from '../styles/proposal-flow.css?url';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/proposals.new';

// Starting a proposal: which fund it goes to (the proposer's organisation's fund chosen for
// them) and how to start — blank, from an example project, or as a copy of an earlier one of
// theirs. One radio group `start`: `blank`, `example.<id>`, `copy.<id>`.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname));
  try {
    return await startChoices(services(context).database.db, actorOf(user));
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref('/proposals/new'));
  const input = formFields(await request.formData());
  const start = typeof input.start === 'string' ? input.start : 'blank';
  const [how, id] = start.split('.');
  const result = await attempt(t, input, () =>
    startProposal(services(context).database.db, actorOf(user), {
      code: input.code,
      example: how === 'example' ? id : undefined,
      copy_of: how === 'copy' ? id : undefined,
    }),
  );
  if (!('value' in result)) return result;
  return redirect(`/proposals/${result.value.id}/edit/organisation`);
}

export default function NewProposal({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const chosenStart = echo(input, 'start', 'blank');
  const fundCode = echo(input, 'code', d.preselected);
  // The examples by program, folded so that a phone sees the programs first.
  const programs: [string, typeof d.examples][] = [];
  for (const e of d.examples) {
    const name = lang === 'en' ? e.program_en : e.program_th;
    const group = programs.find(([p]) => p === name);
    if (group) group[1].push(e);
    else programs.push([name, [e]]);
  }
  // Besides the fund, what can be refused is the way to start (an example or copy that is gone).
  const startError = Object.entries(errors).find(([field]) => field !== 'code')?.[1];
  const summary = {
    ...(errors.code ? { code: `${t('proposal.new.fund')}: ${errors.code}` } : {}),
    ...(startError ? { start: `${t('proposal.new.how')}: ${startError}` } : {}),
  };
  return (
    <section className="flow flow-new">
      <title>{`${t('proposal.new.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/proposals">{t('proposal.new.back')}</Link>
      </p>
      <h1 className="flow-question">{t('proposal.new.title')}</h1>
      <p className="flow-hint">{t('proposal.new.lead')}</p>
      <ErrorSummary errors={summary} />
      <Form method="post" noValidate className="flow-form">
        <CsrfField />
        {d.funds.length === 1 && !d.anyFund ? (
          <>
            <FixedField label={t('proposal.new.fund')} value={`${nameOf(d.funds[0]!, lang)} (${d.funds[0]!.code})`} hint={formatFiscalYear(d.fiscalYear, lang)} />
            <input type="hidden" name="code" value={d.funds[0]!.code} />
          </>
        ) : d.anyFund ? (
          <TextField
            name="code"
            label={t('proposal.new.fund')}
            hint={t('proposal.new.fundCodeHint')}
            defaultValue={fundCode}
            error={errors.code}
            maxLength={10}
            autoComplete="off"
          />
        ) : (
          <RadioGroupField
            name="code"
            legend={t('proposal.new.fund')}
            hint={formatFiscalYear(d.fiscalYear, lang)}
            defaultValue={fundCode}
            error={errors.code}
            options={d.funds.map((f) => ({ value: f.code, label: `${nameOf(f, lang)} (${f.code})` }))}
          />
        )}

        <fieldset id="start" tabIndex={-1} className={startError ? 'field radios field--error flow-starts' : 'field radios flow-starts'}>
          <legend>{t('proposal.new.how')}</legend>
          {startError && <p className="field__error">{startError}</p>}
          <StartChoice value="blank" checked={chosenStart === 'blank'} label={t('proposal.new.blank')} hint={t('proposal.new.blankHint')} />
          {programs.length > 0 && (
            <>
              <h2 className="flow-starts__title">{t('proposal.new.examples')}</h2>
              <p className="field__hint">{t('proposal.new.examplesHint')}</p>
              {programs.map(([program, examples]) => (
                <details key={program} className="flow-examples" open={examples.some((e) => chosenStart === `example.${e.id}`)}>
                  <summary>{t('proposal.new.programExamples', { program, count: examples.length })}</summary>
                  {examples.map((e) => (
                    <StartChoice
                      key={e.id}
                      value={`example.${e.id}`}
                      checked={chosenStart === `example.${e.id}`}
                      label={e.title}
                      hint={t('proposal.new.exampleOf', { type: t(`proposal.orgType.${e.organisation_type as 1 | 2 | 3 | 4 | 5 | 6}`) })}
                    />
                  ))}
                </details>
              ))}
            </>
          )}
          {d.own.length > 0 && (
            <>
              <h2 className="flow-starts__title">{t('proposal.new.copies')}</h2>
              <p className="field__hint">{t('proposal.new.copiesHint')}</p>
              {d.own.map((p) => (
                <StartChoice
                  key={p.id}
                  value={`copy.${p.id}`}
                  checked={chosenStart === `copy.${p.id}`}
                  label={p.title}
                  hint={`${t(`proposal.state.${p.state}`)} · ${p.fundCode} · ${formatFiscalYear(p.fiscalYear, lang)}`}
                />
              ))}
            </>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('proposal.new.submit')}
          </button>
          <Link to="/proposals">{t('proposal.new.cancel')}</Link>
        </div>
      </Form>
    </section>
  );
}

function StartChoice(props: { value: string; checked: boolean; label: string; hint: string }) {
  const id = `start-${props.value}`;
  return (
    <div className="radios__item">
      <input type="radio" id={id} name="start" value={props.value} defaultChecked={props.checked} />
      <label htmlFor={id}>
        {props.label}
        <span className="radios__hint">{props.hint}</span>
      </label>
    </div>
  );
}
