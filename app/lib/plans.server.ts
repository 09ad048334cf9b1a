import { redirect, type RouterContextProvider } from 'react-router';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getFundPlanYear } from '../../src/use-cases/plans.ts';
import { revisionQuery } from '../components/plan-parts.tsx';
import { requestInfo, services } from './request.server.ts';
import { asPageError } from './use-case.server.ts';

// What the loaders of a fund's plan pages share: the revision asked for and the year's plan.

/** The revision a plan page is asked for (`?revision=2`); null: the one being worked on or in force. */
export function askedRevision(search: URLSearchParams): string | null {
  return search.get('revision')?.slice(0, 6) || null;
}

/**
 * The fund's plan for the year of a plan page (`page`: the part of the address after the year),
 * and the revision asked for. An address naming the fund otherwise than by its code is sent to
 * the page at its code; a year that is not one is a page that does not exist.
 */
export async function loadFundPlanYear(
  context: Readonly<RouterContextProvider>,
  params: { code: string; fy: string },
  search: URLSearchParams,
  page = '',
) {
  const revision = askedRevision(search);
  try {
    const year = await getFundPlanYear(services(context).database.db, actorOf(requestInfo(context).user), {
      code: params.code,
      fiscalYear: params.fy,
      revision: revision ?? undefined,
    });
    if (year.fund.code !== params.code) throw redirect(`/funds/${year.fund.code}/plans/${year.fiscalYear}${page}${revisionQuery(revision)}`);
    return { year, revision };
  } catch (error) {
    throw asPageError(error);
  }
}
