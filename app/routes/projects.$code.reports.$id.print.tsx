import { Link, redirect } from 'react-router';
import { REPORT_FORM, REPORT_TEXT_FIELDS } from '../../src/domain/project-reports.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { findFund } from '../../src/use-cases/authorize.ts';
import { getReport } from '../../src/use-cases/project-reports.ts';
import { PrintButton } from '../components/print-button.tsx';
import { kindText, ReportFigureTables } from '../components/report-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import reportsCss from '../styles/reports.css?url';
import type { Route } from './+types/projects.$code.reports.$id.print';

// A report on A4 as the official form (ส.1, ง.1, ง.2, ส.3): the project, the figures as they were
// submitted (marked a draft while still being written), the group's text, for ส.3 the indicators
// and the value assessment, and signature blocks for the group, the mentor who checked and the
// officer who accepted, with the name and date of whoever took that step last.

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: ledgerCss },
  { rel: 'stylesheet', href: reportsCss },
];

const SIGNERS = [
  { action: 'submit', label: 'report.print.reporter' },
  { action: 'check', label: 'report.print.mentor' },
  { action: 'accept', label: 'report.print.officer' },
] as const;

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const db = services(context).database.db;
    const report = await getReport(db, actorOf(user), { code: params.code, id: params.id });
    const fund = await findFund(db, report.fund.code);
    const fundRow = await db.selectFrom('fund').select(['name_th', 'name_en']).where('id', '=', fund.id).executeTakeFirstOrThrow();
    const signed = Object.fromEntries(
      SIGNERS.map((s) => {
        const h = report.history.filter((x) => x.action === s.action).at(-1);
        return [s.action, h ? { name: h.actorName, date: formatThaiDate(new Date(h.at), lang) } : null];
      }),
    );
    return {
      report,
      fundName: lang === 'en' && fundRow.name_en ? fundRow.name_en : fundRow.name_th,
      signed,
      dates: {
        project: report.periodStart ? `${formatThaiDate(report.periodStart, lang)} – ${formatThaiDate(report.periodEnd, lang)}` : '',
        period: report.period ? `${formatThaiDate(report.period.periodStart, lang)} – ${formatThaiDate(report.period.periodEnd, lang)}` : null,
        due: formatThaiDate(report.dueDate, lang),
        submitted: report.submittedOn ? formatThaiDate(report.submittedOn, lang) : null,
      },
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function ReportPrint({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { report: r, fundName, signed, dates } = loaderData;
  const title = kindText(t, r.kind);
  return (
    <article className="sheet-page">
      <title>{`${title} ${r.code} — kongtun`}</title>
      <div className="sheet-toolbar">
        <p className="back-link">
          <Link to={`/projects/${r.code}/reports/${r.id}`}>{title}</Link>
        </p>
        <PrintButton label={t('report.view.print')} />
      </div>
      <div className="sheet">
        <p className="report-form-code">{`แบบ ${REPORT_FORM[r.kind]}`}</p>
        <h1>{title}</h1>
        <p className="sheet-sub">{fundName.startsWith('กองทุน') ? fundName : t('report.print.fund', { name: fundName })}</p>
        {r.live && <p className="sheet-draft">{t('report.print.draft')}</p>}
        <table className="sheet-table">
          <tbody>
            <tr>
              <th scope="row">{t('report.print.code')}</th>
              <td>{r.code}</td>
            </tr>
            <tr>
              <th scope="row">{t('report.view.project')}</th>
              <td>{r.title}</td>
            </tr>
            {r.organisation && (
              <tr>
                <th scope="row">{t('report.view.organisation')}</th>
                <td>{r.organisation}</td>
              </tr>
            )}
            <tr>
              <th scope="row">{t('report.view.projectPeriod')}</th>
              <td>{dates.project}</td>
            </tr>
            {dates.period && r.period && (
              <tr>
                <th scope="row">{t('report.view.period')}</th>
                <td>{`${t('report.list.periodN', { n: String(r.period.number) })} (${dates.period})`}</td>
              </tr>
            )}
            <tr>
              <th scope="row">{t('report.view.due')}</th>
              <td>
                {dates.due}
                {dates.submitted && ` · ${t('report.view.submitted')} ${dates.submitted}`}
              </td>
            </tr>
          </tbody>
        </table>
        <ReportFigureTables figures={r.figures} lang={lang} print />
        {REPORT_TEXT_FIELDS[r.kind].map((field) =>
          r.text[field] ? (
            <section key={field}>
              <h2>{t(`report.text.${field}`)}</h2>
              <p className="report-text">{r.text[field]}</p>
            </section>
          ) : null,
        )}
        {r.kind === 'final' && r.indicators.length > 0 && (
          <table className="sheet-table">
            <caption>{t('report.indicators.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.indicators.objective')}</th>
                <th scope="col">{t('report.indicators.baseline')}</th>
                <th scope="col">{t('report.indicators.target')}</th>
                <th scope="col">{t('report.indicators.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {r.indicators.map((i) => (
                <tr key={i.position}>
                  <td>
                    {`${i.position}. ${i.objective}`}
                    {i.indicator && <span className="report-note">{`${t('report.indicators.indicator')}: ${i.indicator}`}</span>}
                  </td>
                  <td>{i.baseline}</td>
                  <td>{i.target}</td>
                  <td>{i.actual}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.kind === 'final' && (
          <table className="sheet-table">
            <caption>{t('report.values.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.values.dimension')}</th>
                <th scope="col">{t('report.values.rating')}</th>
                <th scope="col">{t('report.values.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {r.values.map((v) => (
                <tr key={v.dimension}>
                  <th scope="row">{t(`report.value.${v.dimension}`)}</th>
                  <td>{v.rating === null ? '—' : t(`report.rating.${v.rating}` as 'report.rating.0')}</td>
                  <td>{v.evidence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="signature-blocks">
          {SIGNERS.map((s) => {
            const who = signed[s.action];
            return (
              <div key={s.action} className="signature-block">
                <p>{t('report.print.signature')} ..................................................</p>
                <p>( {who?.name || '..................................................'} )</p>
                <p>{t(s.label)}</p>
                <p>
                  {t('report.print.date')} {who ? who.date : '......../......../........'}
                </p>
              </div>
            );
          })}
        </div>
      </div>
    </article>
  );
}
