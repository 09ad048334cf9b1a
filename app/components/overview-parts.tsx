import { formatBaht } from '../../src/domain/money.ts';
import { type OverviewFigures, overviewRates } from '../../src/domain/overview.ts';
import { useT } from '../root.tsx';
import { formatCount } from './registry.tsx';

const pct = (basisPoints: number | null) => (basisPoints === null ? '—' : `${(basisPoints / 100).toFixed(2)} %`);

/** The overview's headline figures, as the public page shows them above its details. */
export function OverviewHeadline({ figures }: { figures: OverviewFigures }) {
  const t = useT();
  const rates = overviewRates(figures);
  const items: [string, string][] = [
    [t('overview.fundsWithPlan'), `${formatCount(figures.fundsWithPlan)} / ${formatCount(figures.funds)}`],
    [t('overview.planPrograms'), formatCount(figures.planPrograms)],
    [t('overview.proposalsDeveloped'), formatCount(figures.proposalsDeveloped)],
    [t('overview.projectsFollowed'), formatCount(figures.projectsFollowed)],
    [t('overview.approvedBudget'), formatBaht(figures.approvedBudget, { unit: false })],
    [t('overview.spendingRate'), pct(rates.spendingRate)],
    [t('overview.balance'), formatBaht(figures.balance, { unit: false })],
    [t('overview.reportsLate'), formatCount(rates.reportsLate)],
  ];
  return (
    <dl className="overview-headline">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
