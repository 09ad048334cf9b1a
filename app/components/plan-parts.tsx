import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatHundredths, type PlanStatus, parseHundredths } from '../../src/domain/planning.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { useT } from '../root.tsx';

// Pieces the planning pages share: a fund plan page's heading, a plan's status and whether it
// was approved on time, figures in description lists, the tables that stack into cards on a
// phone, and how figures and fund names are written.

/** A term and its value in a description list. */
export function Detail(props: { term: ReactNode; termLang?: string; children: ReactNode }) {
  return (
    <div>
      <dt lang={props.termLang}>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** `?revision=2` for links and redirects that keep to the revision asked for, else ''. */
export const revisionQuery = (revision: string | null) => (revision ? `?revision=${revision}` : '');

/** The page title, the link back and the heading of a fund plan page: "<title>, <year>" over the fund. */
export function PlanHeading(props: { title: string; fund: { code: string; name: string }; year?: string; back: { to: string; label: string } }) {
  const { title, fund, year } = props;
  return (
    <>
      <title>{`${title}${year ? `, ${year}` : ''}: ${fund.name} — kongtun`}</title>
      <p className="back-link">
        <Link to={props.back.to}>{props.back.label}</Link>
      </p>
      <h1>
        {title}
        <span className="heading-note">
          {year ? (
            <>
              {fund.name} ({fund.code}) · {year}
            </>
          ) : (
            <>
              {fund.name} ({fund.code})
            </>
          )}
        </span>
      </h1>
    </>
  );
}

/** A plan's status (draft, submitted, approved, superseded) as a badge. */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useT();
  return <span className={`status plan-status plan-status--${status}`}>{t(`planning.status.${status}`)}</span>;
}

/** Approved by 31 December, in words and a mark, never colour alone. */
export function OnTime({ value }: { value: boolean | null }) {
  const t = useT();
  if (value === null) return <span className="status">{t('plans.onTime.notYet')}</span>;
  return value ? (
    <span className="status status--active">✓ {t('plans.onTime.yes')}</span>
  ) : (
    <span className="status status--warning">✗ {t('plans.onTime.no')}</span>
  );
}

/**
 * A table that stacks into cards on a phone: a row a `rows` item, its first column's cell heading
 * the row and every other cell carrying its column's name (data-label) for the card; `num`
 * columns are right-aligned.
 */
export function StackTable<Row>(props: {
  /** Read by screen readers only. */
  caption?: string;
  className?: string;
  columns: readonly { label: string; num?: boolean; cell: (row: Row) => ReactNode }[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
}) {
  const [head, ...rest] = props.columns;
  return (
    <div className="table-scroll">
      <table className={props.className ? `data-table stack-table ${props.className}` : 'data-table stack-table'}>
        {props.caption && <caption className="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.label} scope="col" className={column.num ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={props.rowKey(row, i)}>
              <th scope="row">{head?.cell(row)}</th>
              {rest.map((column) => (
                <td key={column.label} className={column.num ? 'num' : undefined} data-label={column.label}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** '12.5' → '12.5' in the reader's digits and grouping; null → a dash. */
export function figureText(text: string | null | undefined, lang: Lang): string {
  if (text === null || text === undefined) return '—';
  const value = parseHundredths(text);
  return value === null ? text : formatHundredths(value, lang);
}

/** กองทุนหลักประกันสุขภาพองค์การบริหารส่วนตำบลสังเม็ก → อบต.สังเม็ก: the words every fund shares left out. */
export function shortFundName(name: string): string {
  return name
    .replace(/^กองทุนหลักประกันสุขภาพ(ระดับท้องถิ่น)?\s*/, '')
    .replace(/^องค์การบริหารส่วนตำบล\s*/, 'อบต.')
    .replace(/^องค์การบริหารส่วนจังหวัด\s*/, 'อบจ.')
    .replace(/^เทศบาลตำบล\s*/, 'ทต.')
    .replace(/^เทศบาลเมือง\s*/, 'ทม.')
    .replace(/^เทศบาลนคร\s*/, 'ทน.');
}
