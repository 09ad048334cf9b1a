import { redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';

/** /overview[?area=CODE&fiscal_year=YYYY]: the country's overview of this fiscal year unless asked otherwise. */
export function loader({ request }: { request: Request }) {
  const params = new URL(request.url).searchParams;
  const area = (params.get('area') ?? 'TH').trim().toUpperCase() || 'TH';
  const year = params.get('fiscal_year') ?? String(currentFiscalYear());
  return redirect(`/overview/${encodeURIComponent(area)}/${encodeURIComponent(year)}`);
}
