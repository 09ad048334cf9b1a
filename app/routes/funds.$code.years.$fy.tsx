import { Form, Link, redirect } from 'react-router';
import { dateForInput } from '../../src/domain/import-values.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getFundYearForEdit, saveFundYear } from '../../src/use-cases/funds-write.ts';
import { echo, formFields, labelled, moneyForInput, moneyText, OpenYearForm, rateText } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/form.tsx';
import { openYear } from '../lib/open-year.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.years.$fy';

const NOTICES: Record<string, MessageKey> = { saved: 'admin.saved', created: 'admin.year.created', unchanged: 'admin.unchanged' };

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const search = new URL(request.url).searchParams;
  const { open, openError } = openYear(search, t, (fy) => `/funds/${params.code}/years/${fy}`);
  try {
    const view = await getFundYearForEdit(services(context).database.db, actorOf(user), { code: params.code, fiscalYear: params.fy });
    if (view.fund.code !== params.code) throw redirect(`/funds/${view.fund.code}/years/${view.fiscalYear}`);
    return { view, notice: NOTICES[search.get('done') ?? ''] ?? null, openError, open };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(t, input, () =>
    saveFundYear(services(context).database.db, actorOf(user), { ...input, code: params.code, fiscalYear: params.fy }),
  );
  if (!('value' in result)) return result;
  const { created, version } = result.value;
  const done = created ? 'created' : String(version) === input.version ? 'unchanged' : 'saved';
  return redirect(`/funds/${params.code.toUpperCase()}/years/${params.fy}?done=${done}`);
}

export default function FundYear({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, notice, openError, open } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const year = view.year;
  const fyLabel = formatFiscalYear(view.fiscalYear, lang);
  const fundName = lang === 'en' && view.fund.name_en ? view.fund.name_en : view.fund.name_th;
  const labels: Record<string, string> = {
    fiscalYear: t('admin.year.fiscalYear'),
    population: t('admin.year.population'),
    population_as_of: t('admin.year.populationAsOf'),
    income_band: t('admin.year.incomeBand'),
    cofunding_budget: t('admin.year.cofunding'),
  };
  const { figures } = view;
  return (
    <section className="admin-page">
      <title>{`${t('admin.year.title', { year: fyLabel })}: ${fundName} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${view.fund.code}`}>{t('admin.backToFund')}</Link>
      </p>
      <h1>
        {t('admin.year.title', { year: fyLabel })}
        <span className="heading-note">
          {fundName} ({view.fund.code})
        </span>
      </h1>
      {notice && !failed && (
        <div className="notice" role="status">
          {t(notice)}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />
      {!year && <p className="notice">{t('admin.year.new')}</p>}

      <div className="year-layout">
        <Form method="post" noValidate className="admin-form">
          <CsrfField />
          <input type="hidden" name="version" value={year?.version ?? ''} />
          <TextField
            name="population"
            label={labels.population!}
            hint={t('admin.year.populationHint')}
            defaultValue={echo(input, 'population', year?.population)}
            error={errors.population}
            inputMode="numeric"
            maxLength={12}
          />
          <TextField
            name="population_as_of"
            label={`${labels.population_as_of} ${t('admin.optional')}`}
            hint={t('admin.dateHint')}
            defaultValue={echo(input, 'population_as_of', dateForInput(year?.population_as_of ?? null, lang))}
            error={errors.population_as_of}
            maxLength={12}
          />
          <SelectField
            name="income_band"
            label={labels.income_band!}
            hint={view.rule ? t('admin.year.incomeBandHint') : t('admin.year.noRule')}
            defaultValue={echo(input, 'income_band', year?.income_band)}
            error={errors.income_band}
            options={[
              { value: '', label: t('admin.year.noBand') },
              ...view.bands.map((b) => ({
                value: b.band,
                label: t('admin.year.bandOption', { label: lang === 'en' ? b.label_en : b.label_th, rate: rateText(b.min_rate_percent) }),
              })),
            ]}
          />
          <TextField
            name="cofunding_budget"
            label={`${labels.cofunding_budget} ${t('admin.optional')}`}
            hint={t('admin.moneyHint')}
            defaultValue={echo(input, 'cofunding_budget', moneyForInput(year?.cofunding_budget ?? null))}
            error={errors.cofunding_budget}
            maxLength={20}
          />
          <button type="submit" className="button">
            {t('admin.save')}
          </button>
        </Form>

        <aside className="figures" aria-labelledby="figures-title">
          <h2 id="figures-title">{t('admin.year.figures')}</h2>
          {view.rule ? (
            <dl className="details details--stacked">
              <div>
                <dt>{t('admin.year.rule')}</dt>
                <dd>
                  {t('admin.year.ruleFrom', { year: view.rule.effective_from_fiscal_year })}
                  <span className="cell-note">{view.rule.announcement}</span>
                </dd>
              </div>
              <div>
                <dt>{t('admin.year.perCapita')}</dt>
                <dd>{moneyText(view.rule.nhso_per_capita, lang)}</dd>
              </div>
              <div>
                <dt>{t('admin.year.minRate')}</dt>
                <dd>{figures.minRatePercent === null ? '—' : t('admin.percent', { value: rateText(figures.minRatePercent) })}</dd>
              </div>
              <div>
                <dt>{t('admin.year.nhsoEstimate')}</dt>
                <dd>{moneyText(figures.nhsoEstimate, lang)}</dd>
              </div>
              <div>
                <dt>{t('admin.year.minimumCofunding')}</dt>
                <dd>{moneyText(figures.minimumCofunding, lang)}</dd>
              </div>
            </dl>
          ) : (
            <p>{t('admin.year.noRule')}</p>
          )}
          {figures.meetsMinimum === true && <p className="figures__ok">{t('admin.year.meetsYes')}</p>}
          {figures.meetsMinimum === false && (
            <p className="warning">
              {t('admin.year.meetsNo', {
                budget: moneyText(year?.cofunding_budget ?? null, lang),
                minimum: moneyText(figures.minimumCofunding, lang),
              })}
            </p>
          )}
          {figures.meetsMinimum === null && view.rule && <p className="hint">{t('admin.year.meetsUnknown')}</p>}
          <p className="hint">{t('admin.year.figuresNote')}</p>
        </aside>
      </div>

      <h2>{t('admin.year.allYears')}</h2>
      {view.years.length === 0 ? (
        <p>{t('admin.year.noYears')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.year.fiscalYear')}</th>
                <th scope="col" className="num">
                  {t('admin.year.population')}
                </th>
                <th scope="col">{t('admin.year.incomeBand')}</th>
                <th scope="col" className="num">
                  {t('admin.year.cofunding')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.years.map((y) => (
                <tr key={y.fiscal_year}>
                  <th scope="row">
                    {y.fiscal_year === view.fiscalYear ? (
                      <>
                        {y.fiscal_year} <span className="cell-note">{t('admin.year.thisYear')}</span>
                      </>
                    ) : (
                      <Link to={`/funds/${view.fund.code}/years/${y.fiscal_year}`}>{y.fiscal_year}</Link>
                    )}
                  </th>
                  <td className="num" data-label={t('admin.year.population')}>
                    {y.population === null ? '—' : y.population.toLocaleString('en-US')}
                  </td>
                  <td data-label={t('admin.year.incomeBand')}>{(lang === 'en' ? y.income_band_label_en : y.income_band_label_th) ?? y.income_band ?? '—'}</td>
                  <td className="num" data-label={t('admin.year.cofunding')}>
                    {moneyText(y.cofunding_budget, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <OpenYearForm label={t('admin.year.openYear')} button={t('admin.year.open')} value={open} error={openError} />
    </section>
  );
}
