import { sql, type Transaction } from 'kysely';
import { type Satang, toNumeric } from '../domain/money.ts';
import type { ProjectOrigin } from '../domain/outside-projects.ts';
import { projectCode } from '../domain/proposals.ts';
import type { DB, ProjectStatus } from './schema.ts';

// The one way a project that was approved outside the system's proposal flow is written: on
// paper (recorded by the fund's officer, one at a time) or in the program funds used before
// (the history import, a thousand at a time). Both are proposal rows in state 'approved' with
// their origin, a code in the `YY-Lxxxx-T-NN` scheme with its running number, and their target
// groups; the caller checks the values and that a given code is free, inside its transaction.

type Tx = Transaction<DB>;

export interface NewProject {
  fundId: number;
  fundCode: string;
  origin: Exclude<ProjectOrigin, 'system'>;
  fiscalYear: number;
  supportCategory: number;
  title: string;
  organisationName: string;
  organisationType?: number | null;
  /** The approved amount, which is also the project's budget. */
  amount: Satang;
  /** The day it was approved (yyyy-mm-dd), when known. */
  approvedOn: string | null;
  meetingRef?: string | null;
  meetingDate?: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  place?: string;
  coordinatorName: string;
  coordinatorPhone: string;
  status?: ProjectStatus;
  targetGroups?: readonly { code: string; people: number }[];
  /** The code it already carries; made from its running number when absent. */
  projectCode?: string;
  /** The running number it already carries (with its code); the fund's next one when absent. */
  sequence?: number;
  /** The old program's key and what it said that has no column here (the import). */
  sourceRef?: string;
  sourceDetail?: Record<string, string>;
  importRunId?: number;
  createdBy?: number | null;
  isDemo?: boolean;
}

/** The approval day as an instant: midday in Bangkok, so it reads as that day everywhere. */
export const approvalInstant = (day: string | null): Date | null => (day ? new Date(`${day}T12:00:00+07:00`) : null);

/** One writer at a time per fund (taken in one order), so two never take the same running number. */
export async function lockProjectFunds(tx: Tx, fundIds: readonly number[]): Promise<void> {
  const ids = [...new Set(fundIds)].sort((a, b) => a - b);
  if (ids.length > 0) await sql`select id from fund where id in (${sql.join(ids)}) order by id for update`.execute(tx);
}

/**
 * Writes the projects in as few statements as there are hundreds of them, the running numbers
 * of those without one taken after the highest of their fund, year and category. Returns each
 * one's id and code, in the order given. The caller keeps other writers of the same running
 * numbers out: the officer's paper project locks its fund (lockProjectFunds); the history import
 * runs one at a time under its advisory lock (a paper project recorded in the same fund, year and
 * category while an import applies makes one of the two fail on the unique running number).
 */
export async function insertProjects(tx: Tx, projects: readonly NewProject[]): Promise<{ id: number; code: string }[]> {
  if (projects.length === 0) return [];
  const keyOf = (p: NewProject) => `${p.fundId}:${p.fiscalYear}:${p.supportCategory}`;
  const last = new Map<string, number>();
  const open = projects.filter((p) => p.sequence === undefined);
  if (open.length > 0) {
    const rows = await tx
      .selectFrom('proposal')
      .select(['fund_id', 'fiscal_year', 'support_category', (eb) => eb.fn.max('project_seq').as('seq')])
      .where('fund_id', 'in', [...new Set(open.map((p) => p.fundId))])
      .where('fiscal_year', 'in', [...new Set(open.map((p) => p.fiscalYear))])
      .where('support_category', 'in', [...new Set(open.map((p) => p.supportCategory))])
      .where('project_seq', 'is not', null)
      .groupBy(['fund_id', 'fiscal_year', 'support_category'])
      .execute();
    for (const r of rows) last.set(`${r.fund_id}:${r.fiscal_year}:${r.support_category}`, Number(r.seq ?? 0));
  }
  // A running number given in the same batch is taken too.
  for (const p of projects) if (p.sequence !== undefined) last.set(keyOf(p), Math.max(last.get(keyOf(p)) ?? 0, p.sequence));
  const numbered = projects.map((p) => {
    let sequence = p.sequence;
    if (sequence === undefined) {
      sequence = (last.get(keyOf(p)) ?? 0) + 1;
      last.set(keyOf(p), sequence);
    }
    return { p, sequence, code: p.projectCode ?? projectCode(p.fiscalYear, p.fundCode, p.supportCategory as never, sequence) };
  });
  // One JSON parameter a statement, typed by the table's own row type: binding thirty columns of
  // hundreds of rows as separate parameters cost more than the insert itself.
  const ids: { id: number; code: string }[] = [];
  for (let i = 0; i < numbered.length; i += 1000) {
    const chunk = numbered.slice(i, i + 1000);
    const rows = chunk.map(({ p, sequence, code }) => {
      const amount = toNumeric(p.amount);
      return {
        fund_id: p.fundId,
        fiscal_year: p.fiscalYear,
        origin: p.origin,
        organisation_name: p.organisationName,
        organisation_type: p.organisationType ?? null,
        created_by: p.createdBy ?? null,
        title: p.title,
        period_start: p.periodStart,
        period_end: p.periodEnd,
        place: p.place ?? null,
        support_category: p.supportCategory,
        budget: amount,
        approved_amount: amount,
        coordinator_name: p.coordinatorName,
        coordinator_phone: p.coordinatorPhone,
        decided_at: approvalInstant(p.approvedOn),
        decided_meeting_ref: p.meetingRef ?? null,
        decided_meeting_date: p.meetingDate ?? null,
        project_code: code,
        project_seq: sequence,
        project_status: p.status ?? 'running',
        source_ref: p.sourceRef ?? null,
        source_detail: p.sourceDetail ?? null,
        import_run_id: p.importRunId ?? null,
        is_demo: p.isDemo ?? false,
      };
    });
    const { rows: written } = await sql<{ id: number; project_code: string }>`
      insert into proposal (fund_id, fiscal_year, state, origin, organisation_name, organisation_type, created_by, title,
        period_start, period_end, place, support_category, budget, approved_amount, coordinator_name, coordinator_phone,
        decided_at, decided_meeting_ref, decided_meeting_date, project_code, project_seq, project_status, project_status_at,
        source_ref, source_detail, import_run_id, is_demo)
      select fund_id, fiscal_year, 'approved', origin, organisation_name, organisation_type, created_by, title,
        period_start, period_end, coalesce(place, ''), support_category, budget, approved_amount, coordinator_name, coordinator_phone,
        decided_at, decided_meeting_ref, decided_meeting_date, project_code, project_seq, project_status, now(),
        source_ref, source_detail, import_run_id, is_demo
      from json_populate_recordset(null::proposal, ${JSON.stringify(rows)}::json)
      returning id, project_code`.execute(tx);
    const idOf = new Map(written.map((r) => [r.project_code, Number(r.id)]));
    for (const { code } of chunk) ids.push({ id: idOf.get(code)!, code });
  }
  const groups = numbered.flatMap(({ p }, n) => (p.targetGroups ?? []).map((g) => ({ proposal_id: ids[n]!.id, target_group_code: g.code, people: g.people })));
  for (let i = 0; i < groups.length; i += 2000) await tx.insertInto('proposal_target_group').values(groups.slice(i, i + 2000)).execute();
  return ids;
}
