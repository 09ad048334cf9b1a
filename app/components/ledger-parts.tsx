import { formatBaht, type Satang } from '../../src/domain/money.ts';
import type { SpendingIndicator } from '../../src/domain/spending.ts';
import type { VoucherState } from '../../src/domain/vouchers.ts';
import type { SpendingView } from '../../src/use-cases/spending.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { useT } from '../root.tsx';

// Pieces the fund's books share: amounts as the cash book writes them, account names, and the
// signature blocks of the printed statements and vouchers.

/** An amount without its unit, as a column of figures shows it; nothing is a dash. */
export function amountText(value: Satang | null | undefined): string {
  return value ? formatBaht(value, { unit: false }) : '—';
}

/** An amount on a printed statement: zero is written 0.00, as the form has it. */
export function moneyFigure(value: Satang): string {
  return formatBaht(value, { unit: false });
}

export function accountName(t: Translate, code: string): string {
  return t(`ledger.account.${code}` as MessageKey);
}

/** Lines to sign by hand under a printed form: who, their name in brackets, their position. */
export function SignatureBlocks({ roles }: { roles: readonly string[] }) {
  const t = useT();
  return (
    <div className="signature-blocks">
      {roles.map((role) => (
        <div key={role} className="signature-block">
          <p>{t('voucher.view.signature')} ..................................................</p>
          <p>( .................................................. )</p>
          <p>{role}</p>
          <p>{t('ledger.statement.position')} ..................................................</p>
        </div>
      ))}
    </div>
  );
}

const STATE_TONE: Partial<Record<VoucherState, string>> = { paid: ' status--active', returned: ' status--warning', cancelled: ' status--closed' };

/** Where a voucher stands in the chain, in words (never colour alone). */
export function VoucherStateBadge({ state }: { state: VoucherState }) {
  const t = useT();
  return <span className={`status${STATE_TONE[state] ?? ''}`}>{t(`voucher.state.${state}`)}</span>;
}

const VERDICT_TONE = { met: 'status status--active', not_met: 'status status--warning', pending: 'status' } as const;
const VERDICT_MARK = { met: '✓', not_met: '✗', pending: '…' } as const;

/** The share an indicator measured, as its rule reads it. */
function indicatorValue(t: Translate, i: SpendingIndicator): string {
  if (i.value === null) return '—';
  if (i.rule === 'cofunding_q1') return t('spending.quarter', { n: String(i.value) });
  return `${i.value.toFixed(2)}%`;
}

/** The fund page's spending indicators: the rates, then each rule with a plain verdict. */
export function SpendingSection({ years }: { years: readonly (SpendingView & { asOfText: string | null })[] }) {
  const t = useT();
  return (
    <section aria-labelledby="spending" className="spending">
      <h2 id="spending">{t('spending.title')}</h2>
      {years.map((y) => (
        <div key={y.fiscalYear} className="spending-year">
          <h3>{t('spending.year', { year: String(y.fiscalYear) })}</h3>
          {y.asOf === null ? (
            <p className="hint">{t('spending.nothingPublished')}</p>
          ) : (
            <>
              <p className="hint">{t(y.publishedOnly ? 'spending.asOfPublished' : 'spending.asOf', { date: y.asOfText ?? '' })}</p>
              <dl className="ledger-figures">
                <div>
                  <dt>{t('spending.available')}</dt>
                  <dd>{amountText(y.available)}</dd>
                </div>
                <div>
                  <dt>{t('spending.spent')}</dt>
                  <dd>{amountText(y.spent)}</dd>
                </div>
                <div>
                  <dt>{t('spending.rateOfAvailable')}</dt>
                  <dd>{y.rateOfAvailable.toFixed(2)}%</dd>
                </div>
                <div>
                  <dt>{t('spending.rateOfIncome')}</dt>
                  <dd>{y.rateOfIncome.toFixed(2)}%</dd>
                </div>
              </dl>
              <ul className="spending-verdicts">
                {y.indicators.map((i) => (
                  <li key={i.rule}>
                    <span className={VERDICT_TONE[i.verdict]}>
                      {VERDICT_MARK[i.verdict]} {t(`spending.verdict.${i.verdict}`)}
                    </span>
                    <span className="spending-verdicts__rule">{t(`spending.rule.${i.rule}`)}</span>
                    <span className="spending-verdicts__value">{indicatorValue(t, i)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ))}
    </section>
  );
}
