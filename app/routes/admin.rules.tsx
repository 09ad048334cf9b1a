import { Form, Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listRuleSets, MAX_BANDS, type RuleSetView, saveRuleSet } from '../../src/use-cases/rules.ts';
import { labelled, moneyForInput, moneyText, rateText } from '../components/admin-form.tsx';
import { ErrorSummary, TextAreaField, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/admin.rules';

const NOTICES: Record<string, MessageKey> = { saved: 'admin.saved', created: 'admin.rules.created' };
/** Empty band rows the form offers beyond the existing ones, for adding bands without JavaScript. */
const SPARE_BAND_ROWS = 2;

type BandInput = Record<'band' | 'label_th' | 'label_en' | 'income_from' | 'income_below' | 'min_rate_percent', string>;
interface RuleForm {
  mode: 'new' | 'edit';
  version: string;
  effective_from_fiscal_year: string;
  nhso_per_capita: string;
  admin_cap_percent: string;
  equipment_item_limit: string;
  cash_payment_limit: string;
  announcement: string;
  bands: BandInput[];
  copiedFrom: number | null;
}

/** A stored rule set as its form shows it. */
function formOf(set: RuleSetView, mode: 'new' | 'edit', year: number): RuleForm {
  return {
    mode,
    version: mode === 'edit' ? String(set.version) : '',
    effective_from_fiscal_year: String(year),
    nhso_per_capita: moneyForInput(set.nhso_per_capita),
    admin_cap_percent: rateText(set.admin_cap_percent),
    equipment_item_limit: moneyForInput(set.equipment_item_limit),
    cash_payment_limit: moneyForInput(set.cash_payment_limit),
    announcement: set.announcement,
    bands: set.bands.map((b) => ({
      band: b.band,
      label_th: b.label_th,
      label_en: b.label_en,
      income_from: moneyForInput(b.income_from),
      income_below: moneyForInput(b.income_below),
      min_rate_percent: rateText(b.min_rate_percent),
    })),
    copiedFrom: mode === 'new' ? set.effective_from_fiscal_year : null,
  };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const sets = await listRuleSets(services(context).database.db, actorOf(user));
    const search = new URL(request.url).searchParams;
    let form: RuleForm | null = null;
    const editing = sets.find((s) => String(s.effective_from_fiscal_year) === search.get('edit'));
    if (editing) form = formOf(editing, 'edit', editing.effective_from_fiscal_year);
    else if (search.has('new') && sets[0]) {
      // A copy of the latest rules, for the first fiscal year none of them starts in.
      const next = Math.max(sets[0].effective_from_fiscal_year + 1, currentFiscalYear() + 1);
      form = formOf(sets[0], 'new', next);
    } else if (search.has('new')) {
      form = {
        mode: 'new',
        version: '',
        effective_from_fiscal_year: String(currentFiscalYear() + 1),
        nhso_per_capita: '',
        admin_cap_percent: '',
        equipment_item_limit: '',
        cash_payment_limit: '',
        announcement: '',
        bands: [],
        copiedFrom: null,
      };
    }
    return {
      sets: sets.map((s) => ({ ...s, updated: formatThaiDate(s.updated_at, lang) })),
      form,
      notice: NOTICES[search.get('done') ?? ''] ?? null,
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

/** The posted fields, with bands.N.field gathered into rows. */
function readForm(form: FormData): Record<string, unknown> & { bands: BandInput[] } {
  const fields: Record<string, unknown> = {};
  const bands: Partial<BandInput>[] = [];
  for (const [name, value] of form) {
    if (typeof value !== 'string' || name === '_csrf') continue;
    const m = /^bands\.(\d{1,2})\.(band|label_th|label_en|income_from|income_below|min_rate_percent)$/.exec(name);
    if (m) {
      const index = Number(m[1]);
      if (index < MAX_BANDS + SPARE_BAND_ROWS) {
        const band = bands[index] ?? {};
        band[m[2] as keyof BandInput] = value;
        bands[index] = band;
      }
    } else fields[name] = value;
  }
  const empty: BandInput = { band: '', label_th: '', label_en: '', income_from: '', income_below: '', min_rate_percent: '' };
  return { ...fields, bands: Array.from(bands, (b) => ({ ...empty, ...b })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = readForm(await request.formData());
  const result = await attempt(t, input, () => saveRuleSet(services(context).database.db, actorOf(user), input));
  if (!('value' in result)) return result;
  return redirect(`/admin/rules?done=${result.value.created ? 'created' : 'saved'}#year-${result.value.year}`);
}

export default function Rules({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const failed = actionData && !actionData.ok ? actionData : null;
  const echoed = failed?.input as (Record<string, string> & { bands: BandInput[] }) | undefined;
  const form: RuleForm | null = echoed
    ? {
        ...(echoed as unknown as RuleForm),
        mode: echoed.version ? 'edit' : 'new',
        copiedFrom: null,
      }
    : loaderData.form;
  if (form) return <RuleSetForm form={form} errors={failed?.errors ?? {}} />;
  const { sets, notice } = loaderData;
  return (
    <section className="admin-page">
      <title>{`${t('admin.rules.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin">{t('admin.index.title')}</Link>
      </p>
      <h1>{t('admin.rules.title')}</h1>
      {notice && (
        <div className="notice" role="status">
          {t(notice)}
        </div>
      )}
      <p className="lead-text">{t('admin.rules.lead')}</p>
      <p>
        <Link to="/admin/rules?new" className="button button--secondary">
          {t('admin.rules.add')}
        </Link>
      </p>
      {sets.length === 0 && <p>{t('admin.rules.none')}</p>}
      {sets.map((set) => (
        <article key={set.effective_from_fiscal_year} className="rule-card" id={`year-${set.effective_from_fiscal_year}`} aria-labelledby={`year-${set.effective_from_fiscal_year}-title`}>
          <h2 id={`year-${set.effective_from_fiscal_year}-title`}>
            {t('admin.rules.effective', { year: set.effective_from_fiscal_year })}
            <span className="heading-note">
              {set.until_fiscal_year === null
                ? t('admin.rules.spanOpen', { from: set.effective_from_fiscal_year })
                : t('admin.rules.span', { from: set.effective_from_fiscal_year, until: set.until_fiscal_year })}
            </span>
          </h2>
          <dl className="details">
            <div>
              <dt>{t('admin.rules.perCapita')}</dt>
              <dd>{moneyText(set.nhso_per_capita, lang)}</dd>
            </div>
            <div>
              <dt>{t('admin.rules.adminCap')}</dt>
              <dd>{t('admin.percent', { value: rateText(set.admin_cap_percent) })}</dd>
            </div>
            <div>
              <dt>{t('admin.rules.equipment')}</dt>
              <dd>{moneyText(set.equipment_item_limit, lang)}</dd>
            </div>
            <div>
              <dt>{t('admin.rules.cash')}</dt>
              <dd>{moneyText(set.cash_payment_limit, lang)}</dd>
            </div>
          </dl>
          <p className="cell-note">
            {t('admin.rules.announcement')}: {set.announcement}
          </p>
          <h3>{t('admin.rules.bands')}</h3>
          <div className="table-scroll">
            <table className="data-table stack-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.rules.bandCode')}</th>
                  <th scope="col">{lang === 'en' ? t('admin.rules.labelEn') : t('admin.rules.labelTh')}</th>
                  <th scope="col" className="num">
                    {t('admin.rules.incomeFrom')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.rules.incomeBelow')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.rules.minRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {set.bands.map((b) => (
                  <tr key={b.band}>
                    <td data-label={t('admin.rules.bandCode')}>
                      <code>{b.band}</code>
                    </td>
                    <th scope="row">{lang === 'en' ? b.label_en : b.label_th}</th>
                    <td className="num" data-label={t('admin.rules.incomeFrom')}>
                      {moneyForInput(b.income_from)}
                    </td>
                    <td className="num" data-label={t('admin.rules.incomeBelow')}>
                      {b.income_below === null ? t('admin.rules.noCeiling') : moneyForInput(b.income_below)}
                    </td>
                    <td className="num" data-label={t('admin.rules.minRate')}>
                      {rateText(b.min_rate_percent)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="cell-note">{t('admin.rules.updatedAt', { date: set.updated })}</p>
          <p>
            <Link to={`/admin/rules?edit=${set.effective_from_fiscal_year}`}>
              {t('admin.rules.edit')}
              <span className="visually-hidden"> {t('admin.rules.effective', { year: set.effective_from_fiscal_year })}</span>
            </Link>
          </p>
        </article>
      ))}
    </section>
  );
}

function RuleSetForm({ form, errors }: { form: RuleForm; errors: Record<string, string> }) {
  const t = useT();
  const title = form.mode === 'new' ? t('admin.rules.addTitle') : t('admin.rules.editTitle', { year: form.effective_from_fiscal_year });
  const blank = (row: BandInput) => Object.values(row).every((v) => v.trim() === '');
  const rows = [...form.bands];
  while (rows.length > 0 && blank(rows[rows.length - 1]!)) rows.pop();
  const spare = Math.min(MAX_BANDS, rows.length + SPARE_BAND_ROWS);
  while (rows.length < spare) rows.push({ band: '', label_th: '', label_en: '', income_from: '', income_below: '', min_rate_percent: '' });
  const labels: Record<string, string> = {
    effective_from_fiscal_year: t('admin.rules.effectiveYear'),
    nhso_per_capita: t('admin.rules.perCapita'),
    admin_cap_percent: t('admin.rules.adminCap'),
    equipment_item_limit: t('admin.rules.equipment'),
    cash_payment_limit: t('admin.rules.cash'),
    announcement: t('admin.rules.announcement'),
    bands: t('admin.rules.bands'),
  };
  const bandLabels: Record<keyof BandInput, string> = {
    band: t('admin.rules.bandCode'),
    label_th: t('admin.rules.labelTh'),
    label_en: t('admin.rules.labelEn'),
    income_from: t('admin.rules.incomeFrom'),
    income_below: t('admin.rules.incomeBelow'),
    min_rate_percent: t('admin.rules.minRate'),
  };
  rows.forEach((_, i) => {
    for (const [field, label] of Object.entries(bandLabels)) labels[`bands.${i}.${field}`] = `${t('admin.rules.bandRow', { n: i + 1 })} — ${label}`;
  });
  const action = form.mode === 'new' ? '/admin/rules?new' : `/admin/rules?edit=${form.effective_from_fiscal_year}`;
  return (
    <section className="admin-page">
      <title>{`${title} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin/rules">{t('admin.rules.back')}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={labelled(errors, labels)} />
      {form.copiedFrom !== null && <p className="notice">{t('admin.rules.copied', { year: form.copiedFrom })}</p>}
      <Form method="post" noValidate className="admin-form" action={action}>
        <CsrfField />
        <input type="hidden" name="version" value={form.version} />
        {form.mode === 'new' ? (
          <TextField
            name="effective_from_fiscal_year"
            label={labels.effective_from_fiscal_year!}
            hint={t('admin.rules.effectiveYearHint')}
            defaultValue={form.effective_from_fiscal_year}
            error={errors.effective_from_fiscal_year}
            inputMode="numeric"
            maxLength={4}
          />
        ) : (
          <input type="hidden" name="effective_from_fiscal_year" value={form.effective_from_fiscal_year} />
        )}
        <div className="field-pair">
          <TextField
            name="nhso_per_capita"
            label={labels.nhso_per_capita!}
            defaultValue={form.nhso_per_capita}
            error={errors.nhso_per_capita}
            maxLength={20}
          />
          <TextField
            name="admin_cap_percent"
            label={labels.admin_cap_percent!}
            defaultValue={form.admin_cap_percent}
            error={errors.admin_cap_percent}
            maxLength={8}
          />
        </div>
        <div className="field-pair">
          <TextField
            name="equipment_item_limit"
            label={labels.equipment_item_limit!}
            defaultValue={form.equipment_item_limit}
            error={errors.equipment_item_limit}
            maxLength={20}
          />
          <TextField
            name="cash_payment_limit"
            label={labels.cash_payment_limit!}
            defaultValue={form.cash_payment_limit}
            error={errors.cash_payment_limit}
            maxLength={20}
          />
        </div>
        <TextAreaField
          name="announcement"
          label={labels.announcement!}
          defaultValue={form.announcement}
          error={errors.announcement}
          maxLength={2000}
          rows={3}
        />
        <fieldset className={errors.bands ? 'form-section field--error' : 'form-section'} id="bands" tabIndex={-1}>
          <legend>{labels.bands}</legend>
          <ul className="field__hint">
            <li>{t('admin.rules.bandsHint')}</li>
            <li>
              {t('admin.rules.bandCode')}: {t('admin.rules.bandCodeHint')}
            </li>
            <li>
              {t('admin.rules.incomeBelow')}: {t('admin.rules.incomeBelowHint')}
            </li>
          </ul>
          {errors.bands && <p className="field__error">{errors.bands}</p>}
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: band rows are positions in the form
            <fieldset key={i} className="band-row">
              <legend>{t('admin.rules.bandRow', { n: i + 1 })}</legend>
              {(Object.keys(bandLabels) as (keyof BandInput)[]).map((field) => (
                <TextField
                  key={field}
                  name={`bands.${i}.${field}`}
                  label={bandLabels[field]}
                  defaultValue={row[field]}
                  error={errors[`bands.${i}.${field}`]}
                  maxLength={field === 'band' ? 40 : field.startsWith('label') ? 200 : 20}
                />
              ))}
            </fieldset>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.save')}
          </button>
          <Link to="/admin/rules">{t('admin.cancel')}</Link>
        </div>
      </Form>
    </section>
  );
}
