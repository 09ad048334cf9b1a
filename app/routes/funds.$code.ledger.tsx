import { redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import type { Route } from './+types/funds.$code.ledger';

/** The books open at the running fiscal year. */
export function loader({ params }: Route.LoaderArgs) {
  throw redirect(`/funds/${params.code.toUpperCase()}/ledger/${currentFiscalYear()}`);
}
