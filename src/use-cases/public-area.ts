import { type Kysely, sql } from 'kysely';
import type { CommitteePosition, DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import type { Actor } from '../domain/policy.ts';
import { parseYear } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { listPublishedLessons } from './lessons.ts';
import { findPlace, inPlace, type Place } from './places.ts';

// The public page of an area (or a fund) for a year (คืนข้อมูล): approved plans per program,
// approved projects, where the money went (closed months only, as the published statements),
// the committee by name and role (a fund), and the published lessons. Nothing personal
// beyond the committee's names and roles.

type Db = Kysely<DB>;

/** Projects listed on the page; the rest are in the open data. */
export const PUBLIC_PROJECT_LIMIT = 100;

export interface PublicArea {
  place: Place;
  /** From the country down to the place's parent. */
  crumbs: { code: string; name_th: string; name_en: string | null }[];
  fiscalYear: number;
  funds: { total: number; withApprovedPlan: number };
  programs: { code: string; name_th: string; name_en: string; funds: number; projects: number; budget: string }[];
  projects: { total: number; amount: string; items: { project_code: string; title: string; organisation_name: string; fund_code: string; support_category: number | null; approved_amount: string; project_status: string | null }[] };
  money: {
    closedMonths: number;
    received: { account_code: string; name_th: string; name_en: string; amount: string }[];
    paid: { account_code: string; support_category: number | null; name_th: string; name_en: string; amount: string }[];
    months: { month: string; received: string; paid: string }[];
  };
  committee: { name: string; position: CommitteePosition; organisation: string | null }[];
  lessons: Awaited<ReturnType<typeof listPublishedLessons>>;
}

export async function getPublicArea(db: Db, actor: Actor | null, input: { area: unknown; fiscalYear: unknown }): Promise<PublicArea> {
  authorize(actor, 'area.view');
  const place = await findPlace(db, input.area);
  authorize(actor, 'plan.view', { scopeChain: place.scopeChain });
  authorize(actor, 'statement.view_published', { scopeChain: place.scopeChain });
  const fiscalYear = parseYear(input.fiscalYear);
  const within = inPlace(place);
  const closed = sql`exists (select 1 from ledger_month_close c where c.fund_id = t.fund_id and c.month = t.month)`;
  const [crumbs, funds, programs, projectTotals, projects, accounts, months, closedMonths, committee, lessons] = await Promise.all([
    db.selectFrom('area').select(['code', 'name_th', 'name_en']).where('code', 'in', place.scopeChain.slice(0, -1).concat(['TH'])).orderBy(sql`length(path)`).execute(),
    sql<{ total: number; approved: number }>`select count(*)::int as total,
        count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and p.status = 'approved'))::int as approved
      from fund f join fund_area fa on fa.fund_id = f.id where f.status = 'active' and ${within}`.execute(db),
    sql<PublicArea['programs'][number]>`select e.program_code as code, pr.name_th, pr.name_en, count(distinct p.fund_id)::int as funds,
        count(pp.id)::int as projects, coalesce(sum(pp.budget), 0)::text as budget
      from fund_plan p join fund_area fa on fa.fund_id = p.fund_id join plan_entry e on e.plan_id = p.id
      join plan_program pr on pr.code = e.program_code left join planned_project pp on pp.entry_id = e.id
      where p.status = 'approved' and p.fiscal_year = ${fiscalYear} and ${within}
      group by e.program_code, pr.name_th, pr.name_en, pr.sort_order order by pr.sort_order, e.program_code`.execute(db),
    sql<{ total: number; amount: string }>`select count(*)::int as total, coalesce(sum(p.approved_amount), 0)::text as amount
      from proposal p join fund_area fa on fa.fund_id = p.fund_id
      where p.project_code is not null and p.fiscal_year = ${fiscalYear} and ${within}`.execute(db),
    sql<PublicArea['projects']['items'][number]>`select p.project_code, p.title, p.organisation_name, fa.fund_code, p.support_category,
        coalesce(p.approved_amount, 0)::text as approved_amount, p.project_status
      from proposal p join fund_area fa on fa.fund_id = p.fund_id
      where p.project_code is not null and p.fiscal_year = ${fiscalYear} and ${within}
      order by p.approved_amount desc nulls last, p.project_code limit ${PUBLIC_PROJECT_LIMIT}`.execute(db),
    sql<{ account_code: string; kind: string; support_category: number | null; name_th: string; name_en: string; amount: string }>`
      select a.code as account_code, a.kind, a.support_category, a.name_th, a.name_en,
        coalesce(sum(case when a.kind = 'receipt' then t.credit - t.debit else t.debit - t.credit end), 0)::text as amount
      from ledger_account a
      left join (ledger_month_total t join fund_area fa on fa.fund_id = t.fund_id)
        on t.account_code = a.code and t.fiscal_year = ${fiscalYear} and ${within} and ${closed}
      where a.kind in ('receipt', 'expense')
      group by a.code, a.kind, a.support_category, a.name_th, a.name_en order by a.code`.execute(db),
    sql<{ month: string; received: string; paid: string }>`
      select to_char(t.month, 'YYYY-MM') as month,
        coalesce(sum(t.credit - t.debit) filter (where a.kind = 'receipt'), 0)::text as received,
        coalesce(sum(t.debit - t.credit) filter (where a.kind = 'expense'), 0)::text as paid
      from ledger_month_total t join fund_area fa on fa.fund_id = t.fund_id join ledger_account a on a.code = t.account_code
      where t.fiscal_year = ${fiscalYear} and ${within} and ${closed}
      group by t.month order by t.month`.execute(db),
    sql<{ n: number }>`select count(distinct c.month)::int as n from ledger_month_close c join fund_area fa on fa.fund_id = c.fund_id
      where c.month >= make_date(${fiscalYear - 544}, 10, 1) and c.month < make_date(${fiscalYear - 543}, 10, 1) and ${within}`.execute(db),
    place.fundId === null
      ? Promise.resolve([])
      : db
          .selectFrom('committee_member')
          .select(['title', 'first_name', 'last_name', 'position', 'organisation', 'term_start', 'term_end'])
          .where('fund_id', '=', place.fundId)
          .where('term_start', '<=', toBangkokIsoDate(new Date()))
          .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', toBangkokIsoDate(new Date()))]))
          .orderBy(sql`case position when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 when 'secretary' then 3 else 4 end`)
          .orderBy('last_name')
          .execute(),
    listPublishedLessons(db, actor, { area: place.code, fiscalYear }),
  ]);
  const totals = projectTotals.rows[0] ?? { total: 0, amount: '0' };
  return {
    place,
    crumbs: crumbs.filter((c) => c.code !== place.code),
    fiscalYear,
    funds: { total: funds.rows[0]?.total ?? 0, withApprovedPlan: funds.rows[0]?.approved ?? 0 },
    programs: programs.rows,
    projects: { total: totals.total, amount: totals.amount, items: projects.rows },
    money: {
      closedMonths: closedMonths.rows[0]?.n ?? 0,
      received: accounts.rows.filter((a) => a.kind === 'receipt').map(({ account_code, name_th, name_en, amount }) => ({ account_code, name_th, name_en, amount })),
      paid: accounts.rows.filter((a) => a.kind === 'expense').map(({ account_code, support_category, name_th, name_en, amount }) => ({ account_code, support_category, name_th, name_en, amount })),
      months: months.rows,
    },
    committee: committee.map((m) => ({ name: `${m.title}${m.first_name} ${m.last_name}`, position: m.position, organisation: m.organisation })),
    lessons,
  };
}
