import { Form, Link } from 'react-router';
import { parseHundredths } from '../../src/domain/planning.ts';
import type { Lang, MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { type Figure, getSituationSeries, type SituationSeries } from '../../src/use-cases/plan-analysis.ts';
import { listPrograms } from '../../src/use-cases/planning-catalogue.ts';
import { describedBy, Field, TextField } from '../components/form.tsx';
import { LineChart } from '../components/line-chart.tsx';
import { figureText } from '../components/plan-parts.tsx';
import { formatCount, levelKey, nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, fieldMessages } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/situation';

// The situation over the years (วิเคราะห์สถานการณ์): one indicator by fiscal year for the country,
// the region, the province, the district and the fund, from approved plans. The pickers are a
// GET form, so a chosen view is a link anyone can share, print or open without JavaScript.

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, t } = requestInfo(context);
  const db = services(context).database.db;
  const search = new URL(request.url).searchParams;
  const indicator = (search.get('indicator') ?? '').trim().slice(0, 40);
  const place = (search.get('place') ?? '').trim().slice(0, 20);
  try {
    const programs = await listPrograms(db);
    const picker = programs
      .filter((p) => p.indicators.length > 0)
      .map((p) => ({
        code: p.code,
        name_th: p.name_th,
        name_en: p.name_en,
        indicators: p.indicators.map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
      }));
    let series: SituationSeries | null = null;
    let errors: Record<string, string> = {};
    if (indicator || place) {
      if (!indicator) errors = { indicator: t('situation.error.chooseIndicator') };
      else {
        try {
          series = await getSituationSeries(db, actorOf(user), { indicator, place: place || 'TH' });
        } catch (error) {
          if (error instanceof Invalid) errors = fieldMessages(error, t);
          else if (error instanceof NotFound) {
            const known = programs.some((p) => p.indicators.some((i) => i.code === indicator.toUpperCase()));
            errors = known ? { place: t('situation.error.unknownPlace', { code: place }) } : { indicator: t('situation.error.unknownIndicator') };
          } else throw error;
        }
      }
    }
    return { picker, series, query: { indicator: indicator.toUpperCase(), place }, errors };
  } catch (error) {
    throw asRouteError(error);
  }
}

const NUMBER_LOCALE: Record<Lang, string> = { th: 'th-TH', en: 'en-GB' };

/** '12.5' (numeric text) → its number, for the chart. */
function numberOf(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const value = parseHundredths(text);
  return value === null ? null : value / 100;
}

/** The line a level draws: its population-weighted mean; a fund's own value (one fund: both means are it). */
function lineValue(level: string, figure: Figure | null): number | null {
  if (!figure) return null;
  return numberOf(level === 'fund' ? (figure.weighted ?? figure.plain) : figure.weighted);
}

/**
 * A place as people say it: จังหวัดศรีสะเกษ, อำเภอกันทรลักษ์ (Si Sa Ket province). Region and fund
 * names already say what they are, and the country is just its name.
 */
function placeLabel(level: string, name: string, lang: Lang, levelName: (level: string) => string): string {
  if (level !== 'province' && level !== 'district') return name;
  return lang === 'th' ? `${levelName(level)}${name}` : `${name} (${levelName(level).toLowerCase()})`;
}

export default function Situation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { picker, series, query, errors } = loaderData;
  const heading = t('situation.title');
  const subject = series ? `${nameOf(series.indicator, lang)} — ${nameOf(series.place, lang)}` : null;
  const hasErrors = Object.keys(errors).length > 0;
  const levelName = (level: string) => (level === 'fund' ? t('situation.level.fund') : t(levelKey(level)));
  // A drop-down of indicators grouped by program, in SelectField's frame.
  const indicatorField = { name: 'indicator', hint: t('situation.indicatorHint'), error: errors.indicator };
  return (
    <div className="situation-page">
      <title>{`${hasErrors ? `${t('error.summaryTitle')}: ` : ''}${subject ? `${subject} — ` : ''}${heading} — kongtun`}</title>
      <h1>{heading}</h1>
      <p className="lead-text situation-page__lead">{t('situation.lead')}</p>

      <Form method="get" action="/situation" className="situation-picker" aria-labelledby="picker-title">
        <h2 id="picker-title" className="visually-hidden">
          {t('situation.pickerTitle')}
        </h2>
        <Field {...indicatorField} label={t('situation.indicator')}>
          <select
            id="indicator"
            name="indicator"
            defaultValue={query.indicator}
            aria-invalid={errors.indicator ? true : undefined}
            aria-describedby={describedBy(indicatorField)}
          >
            <option value="">{t('situation.chooseIndicator')}</option>
            {picker.map((program) => (
              <optgroup key={program.code} label={nameOf(program, lang)}>
                {program.indicators.map((indicator) => (
                  <option key={indicator.code} value={indicator.code}>
                    {nameOf(indicator, lang)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <div className="situation-picker__row">
          <TextField
            name="place"
            label={t('situation.place')}
            hint={t('situation.placeHint')}
            error={errors.place}
            defaultValue={query.place}
            maxLength={20}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button">
            {t('situation.show')}
          </button>
        </div>
      </Form>

      {series && <SeriesView series={series} levelName={levelName} />}
      {!series && !hasErrors && <p className="hint">{t('situation.empty')}</p>}
    </div>
  );
}

function SeriesView({ series, levelName }: { series: SituationSeries; levelName: (level: string) => string }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const unit = t(`planning.unit.${series.indicator.unit}` as MessageKey);
  const years = series.fiscalYears.map(String);
  const formatValue = (v: number) => v.toLocaleString(NUMBER_LOCALE[lang], { maximumFractionDigits: 2 });
  const lineLabel = (line: SituationSeries['levels'][number]) => placeLabel(line.level, nameOf(line, lang), lang, levelName);
  const description = t('situation.chartDescription');
  const place = series.levels.at(-1);
  const district = series.levels.find((l) => l.level === 'district');
  const latest = series.fiscalYears.at(-1);
  return (
    <section aria-labelledby="series-title" className="situation-series">
      <h2 id="series-title">
        {nameOf(series.indicator, lang)}
        <span className="heading-note">
          {nameOf({ name_th: series.indicator.program_name_th, name_en: series.indicator.program_name_en }, lang)}
          {' · '}
          {t('situation.unit', { unit })}
          {' · '}
          {place ? `${placeLabel(place.level, nameOf(place, lang), lang, levelName)} (${place.code})` : ''}
        </span>
      </h2>
      <p className="situation-series__basis">{t('situation.basis')}</p>
      <figure className="situation-chart">
        {/* A wide drawing for screens and paper, a compact one (larger text) for phones; CSS shows one. */}
        {[false, true].map((compact) => (
          <div key={String(compact)} className={compact ? 'situation-chart__compact' : 'situation-chart__wide'}>
            <LineChart
              compact={compact}
              title={t('situation.chartTitle', { indicator: nameOf(series.indicator, lang), place: place ? nameOf(place, lang) : '' })}
              description={description}
              xLabels={years}
              series={series.levels.map((line) => ({
                key: line.level,
                label: lineLabel(line),
                values: line.values.map((figure) => lineValue(line.level, figure)),
              }))}
              unitLabel={unit}
              formatValue={formatValue}
              emptyMessage={t('situation.noData')}
            />
          </div>
        ))}
        <figcaption>{description}</figcaption>
      </figure>

      <h3 id="table-title">{t('situation.tableTitle')}</h3>
      <p className="hint">{t('situation.tableLead')}</p>
      {series.fiscalYears.length === 0 ? (
        <p>{t('situation.noData')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table situation-table" aria-labelledby="table-title">
            <thead>
              <tr>
                <th scope="col">{t('situation.col.year')}</th>
                <th scope="col" className="num">
                  {t('situation.col.plain')}
                </th>
                <th scope="col" className="num">
                  {t('situation.col.weighted')}
                </th>
                <th scope="col" className="num">
                  {t('situation.col.funds')}
                </th>
              </tr>
            </thead>
            {series.levels.map((line) => (
              <tbody key={line.level}>
                <tr className="situation-table__level">
                  <th scope="rowgroup" colSpan={4}>
                    {lineLabel(line)} <span className="code">{line.code}</span>
                  </th>
                </tr>
                {series.fiscalYears.map((year, i) => {
                  const figure = line.values[i] ?? null;
                  return (
                    <tr key={year}>
                      <th scope="row" className="situation-table__year">
                        {year}
                      </th>
                      <td className="num">{figureText(figure?.plain, lang)}</td>
                      <td className="num situation-table__weighted">{figureText(figure?.weighted, lang)}</td>
                      <td className="num">{figure ? formatCount(figure.funds) : '0'}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <p className="hint">{t('situation.tableNote')}</p>
      {district && latest !== undefined && (
        <p className="situation-series__more">
          <Link to={`/areas/${district.code}/plans/${latest}`}>{t('situation.districtPlan', { name: nameOf(district, lang), year: latest })}</Link>
        </p>
      )}
      <p className="print-only situation-series__source">{t('situation.printSource')}</p>
    </section>
  );
}
