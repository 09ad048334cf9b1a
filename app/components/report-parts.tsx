import type { ReactNode } from 'react';
import { bahtText, formatBaht, type Satang } from '../../src/domain/money.ts';
import type { ClosingFigures, FinalFigures, FinancialFigures, ProgressFigures, ReportFigures, ReportKind, ReportState, Timeliness } from '../../src/domain/project-reports.ts';
import { formatThaiDate, type Lang } from '../../src/domain/thai-date.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { useT } from '../root.tsx';

// Pieces a project's report pages share: where a report stands and whether it is late (in words,
// never colour alone), and its figures as tables, on screen and on the printed form.

const STATE_TONE: Partial<Record<ReportState, string>> = { accepted: ' status--active', returned: ' status--warning' };
const TIMELINESS_TONE: Partial<Record<Timeliness, string>> = { on_time: ' status--active', late: ' status--warning', overdue: ' status--warning' };

export function ReportStateBadge({ state }: { state: ReportState | null }) {
  const t = useT();
  return <span className={`status${state ? (STATE_TONE[state] ?? '') : ''}`}>{t(state ? `report.state.${state}` : 'report.state.none')}</span>;
}

export function TimelinessBadge({ value }: { value: Timeliness }) {
  const t = useT();
  const mark = value === 'late' || value === 'overdue' ? '! ' : '';
  return <span className={`status${TIMELINESS_TONE[value] ?? ''}`}>{`${mark}${t(`report.timeliness.${value}`)}`}</span>;
}

export const kindText = (t: Translate, kind: ReportKind) => t(`report.kind.${kind}`);
export const periodText = (t: Translate, n: number | null) => (n === null ? t('report.list.wholeProject') : t('report.list.periodN', { n: String(n) }));
const money = (s: Satang) => formatBaht(s, { unit: false });

function Row(props: { label: string; value: Satang; total?: boolean; words?: boolean }) {
  return (
    <tr className={props.total ? 'report-total' : undefined}>
      <th scope="row">{props.label}</th>
      <td className="num">
        {money(props.value)}
        {props.words && props.value > 0 && <span className="report-words"> ({bahtText(props.value)})</span>}
      </td>
    </tr>
  );
}

function Table(props: { caption: string; head: string[]; children: ReactNode; className: string }) {
  return (
    <div className="table-scroll">
      <table className={props.className}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function Progress({ f, lang, tableClass }: { f: ProgressFigures; lang: Lang; tableClass: string }) {
  const t = useT();
  if (f.activities.length === 0) return <p className="plan-empty">{t('report.view.noActivities')}</p>;
  return (
    <Table caption={t('report.view.activities')} head={[t('report.col.activity'), t('report.col.plannedPeople'), t('report.col.actualPeople')]} className={tableClass}>
      {f.activities.map((a) => (
        <tr key={a.recordId}>
          <th scope="row">
            {formatThaiDate(a.date, lang, 'short')} · {a.title}
            {a.outcomes && <span className="report-note">{a.outcomes}</span>}
          </th>
          <td className="num">{a.planned.toLocaleString('th-TH')}</td>
          <td className="num">{a.actual.toLocaleString('th-TH')}</td>
        </tr>
      ))}
      <tr className="report-total">
        <th scope="row">{t('report.col.total')}</th>
        <td className="num">{f.plannedPeople.toLocaleString('th-TH')}</td>
        <td className="num">{f.actualPeople.toLocaleString('th-TH')}</td>
      </tr>
    </Table>
  );
}

function Financial({ f, tableClass }: { f: FinancialFigures; tableClass: string }) {
  const t = useT();
  const spent = f.spent.filter((s) => s.amount > 0);
  return (
    <>
      <Table caption={t('report.fin.spent')} head={[t('report.col.group'), t('report.col.amount')]} className={tableClass}>
        {spent.map((s) => (
          <Row key={s.group} label={t(`proposal.expense.${s.group}`)} value={s.amount} />
        ))}
        <Row label={t('report.col.total')} value={f.spentTotal} total />
      </Table>
      <table className={tableClass}>
        <tbody>
          <Row label={t('report.fin.instalment')} value={f.instalment} />
          <Row label={t('report.fin.received')} value={f.received} />
          <Row label={t('report.fin.spentBefore')} value={f.spentBefore} />
          <Row label={t('report.fin.spent')} value={f.spentTotal} />
          <Row label={t('report.fin.balance')} value={f.balance} total words />
        </tbody>
      </table>
    </>
  );
}

function Closing({ f, tableClass }: { f: ClosingFigures; tableClass: string }) {
  const t = useT();
  const groups = f.groups.filter((g) => g.planned > 0 || g.actual > 0);
  return (
    <>
      <Table caption={t('report.view.figures')} head={[t('report.col.group'), t('report.col.planned'), t('report.col.actual')]} className={tableClass}>
        {groups.map((g) => (
          <tr key={g.group}>
            <th scope="row">{t(`proposal.expense.${g.group}`)}</th>
            <td className="num">{money(g.planned)}</td>
            <td className="num">{money(g.actual)}</td>
          </tr>
        ))}
        <tr className="report-total">
          <th scope="row">{t('report.col.total')}</th>
          <td className="num">{money(f.plannedTotal)}</td>
          <td className="num">{money(f.spentTotal)}</td>
        </tr>
      </Table>
      <table className={tableClass}>
        <tbody>
          <Row label={t('report.fin.approved')} value={f.approved} />
          <Row label={t('report.fin.paid')} value={f.paid} />
          <Row label={t('report.fin.refunded')} value={f.refunded} />
          <Row label={t('report.fin.receivedNet')} value={f.received} />
          <Row label={t('report.fin.spentTotal')} value={f.spentTotal} />
          <Row label={t('report.fin.toRefund')} value={f.toRefund} total words />
          {f.overspent > 0 && <Row label={t('report.fin.overspent')} value={f.overspent} />}
        </tbody>
      </table>
    </>
  );
}

function Final({ f, tableClass }: { f: FinalFigures; tableClass: string }) {
  const t = useT();
  return (
    <>
      <p>{t('report.final.done', { done: String(f.activitiesDone), planned: String(f.activitiesPlanned) })}</p>
      <Table
        caption={t('report.final.activities')}
        head={[t('report.col.activity'), t('report.col.plannedBudget'), t('report.col.actualSpent'), t('report.col.plannedPeople'), t('report.col.actualPeople'), t('report.col.done')]}
        className={tableClass}
      >
        {f.activities.map((a) => (
          <tr key={a.position ?? 'unplanned'}>
            <th scope="row">{a.position === null ? t('report.unplanned') : `${a.position}. ${a.title}`}</th>
            <td className="num">{money(a.plannedBudget)}</td>
            <td className="num">{money(a.actualSpent)}</td>
            <td className="num">{a.plannedPeople.toLocaleString('th-TH')}</td>
            <td className="num">{a.actualPeople.toLocaleString('th-TH')}</td>
            <td className="report-done">{a.done ? `✓ ${t('report.yes')}` : `✗ ${t('report.no')}`}</td>
          </tr>
        ))}
        <tr className="report-total">
          <th scope="row">{t('report.col.total')}</th>
          <td className="num">{money(f.plannedBudget)}</td>
          <td className="num">{money(f.actualSpent)}</td>
          <td className="num">{f.plannedPeople.toLocaleString('th-TH')}</td>
          <td className="num">{f.actualPeople.toLocaleString('th-TH')}</td>
          <td />
        </tr>
      </Table>
    </>
  );
}

/** A report's figures as tables; `print` uses the printed form's table style. */
export function ReportFigureTables({ figures, lang, print = false }: { figures: ReportFigures; lang: Lang; print?: boolean }) {
  const tableClass = print ? 'sheet-table report-table' : 'data-table report-table';
  switch (figures.kind) {
    case 'progress':
      return <Progress f={figures} lang={lang} tableClass={tableClass} />;
    case 'financial':
      return <Financial f={figures} tableClass={tableClass} />;
    case 'closing_financial':
      return <Closing f={figures} tableClass={tableClass} />;
    case 'final':
      return <Final f={figures} tableClass={tableClass} />;
  }
}
