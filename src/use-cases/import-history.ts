import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { approvalInstant, insertProjects, type NewProject } from '../db/projects.ts';
import type { DB } from '../db/schema.ts';
import { fiscalYearOf, fiscalYearRange } from '../domain/fiscal-year.ts';
import {
  buildEntry,
  type EntryLine,
  type HistoryKind,
  type HistoryRow,
  isHistoryKind,
  type LedgerLineValues,
  type LedgerRow,
  type PlanRow,
  type ProjectRow,
  problem,
  type RowProblem,
  RunSummary,
  readHistoryRecord,
  sameLines,
} from '../domain/import-history.ts';
import { fromNumeric, type Satang, toNumeric } from '../domain/money.ts';
import { type Actor, can, fundScopeChain, POLICY } from '../domain/policy.ts';
import { audit } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { Forbidden, Invalid, NotFound } from './errors.ts';
import { FileProblem, readRecords, removeUpload, type StoredUpload } from './import-files.ts';

// Importing history from the current program (decision 015): a run reads the stored upload a
// piece at a time, checks every row against the database in batches, and either only reports
// (the dry run) or writes everything inside one transaction, refusing all of it when any row
// is rejected. Rows match on the old program's keys (projectId; fund + year; fund + reference),
// so importing the same file twice changes nothing and a corrected file updates what it matched.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

const BATCH = 1000;

/** JSON with keys in order: jsonb keeps its own order. */
const sortedJson = (value: unknown) => JSON.stringify(Object.entries((value ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Holds a role that may import somewhere (the pages and the API's door). */
export function mayImportHistory(actor: Actor | null): boolean {
  const allowed: readonly string[] = POLICY['history.import'].who;
  return !!actor && actor.roles.some((r) => allowed.includes(r.role));
}

interface FundInfo {
  id: number;
  chain: string[];
}

/** Rolls the dry run's transaction back once it has been counted. */
class DryRunDone extends Error {}

/** `= any(…)` of one array parameter: a batch's thousand keys bound as one value, not a thousand. */
const anyText = (values: readonly string[]) => sql<string>`any(${values}::text[])`;

/** The file's rows, read, in batches of about BATCH; the lines of one ledger transaction are never split. */
async function* batchesOf(kind: HistoryKind, rows: AsyncIterable<{ row: number; record: Record<string, string> }>): AsyncGenerator<HistoryRow[]> {
  let batch: HistoryRow[] = [];
  let group: LedgerRow[] = [];
  for await (const { row, record } of rows) {
    const read = readHistoryRecord(kind, row, record);
    if (read.kind === 'ledger') {
      const first = group[0];
      if (first && (first.fundCode !== read.fundCode || first.key !== read.key)) {
        batch.push(...group);
        group = [];
      }
      group.push(read);
    } else batch.push(read);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  batch.push(...group);
  if (batch.length > 0) yield batch;
}

class Runner {
  readonly summary = new RunSummary();
  private readonly funds = new Map<string, FundInfo | null>();
  private readonly closed = new Map<number, Set<string>>();
  /** The fund-years written (funds × years: bounded, whatever the file's size), refreshed once at the end. */
  readonly touched = new Map<number, Set<number>>();

  private readonly tx: Tx;
  private readonly actor: Actor;
  private readonly kind: HistoryKind;
  private readonly runId: number;
  private readonly write: boolean;
  private readonly onlyFund: string | null;

  constructor(tx: Tx, actor: Actor, kind: HistoryKind, runId: number, write: boolean, onlyFund: string | null) {
    this.tx = tx;
    this.actor = actor;
    this.kind = kind;
    this.runId = runId;
    this.write = write;
    this.onlyFund = onlyFund;
  }

  private async fundsOf(codes: string[]): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => c !== '' && !this.funds.has(c));
    if (missing.length === 0) return;
    const rows = await this.tx
      .selectFrom('fund_area')
      .select(['fund_id', 'fund_code', 'district_code', 'province_code', 'region_code'])
      .where('fund_code', 'in', missing)
      .execute();
    for (const c of missing) this.funds.set(c, null);
    for (const r of rows) {
      this.funds.set(r.fund_code, {
        id: r.fund_id,
        chain: fundScopeChain({ regionCode: r.region_code, provinceCode: r.province_code, districtCode: r.district_code, fundCode: r.fund_code }),
      });
    }
  }

  /** The row's fund when it is known and the importer's to write; notes the problem otherwise. */
  private fundFor(row: HistoryRow): FundInfo | null {
    if (row.fundCode === '' || row.problems.some((p) => p.column === 'fundCode' || p.column === 'fundId')) return null;
    const fund = this.funds.get(row.fundCode) ?? null;
    if (!fund) row.problems.push(problem(row.kind === 'financial_plans' ? 'fundId' : 'fundCode', 'unknownFund', { code: row.fundCode }));
    else if (!can(this.actor, 'history.import', { scopeChain: fund.chain }) || (this.onlyFund !== null && row.fundCode !== this.onlyFund)) {
      row.problems.push(problem(row.kind === 'financial_plans' ? 'fundId' : 'fundCode', 'outOfScope', { code: row.fundCode }));
      return null;
    }
    return fund;
  }

  /**
   * Of a batch's keys (in row order, repeats allowed), those an earlier row of the file had. The
   * keys seen so far are kept in a temporary table of the run's transaction, not in memory, so a
   * run over a million rows holds no more than one over a thousand.
   */
  private async seenBefore(keys: readonly string[]): Promise<(k: string) => boolean> {
    const fresh = [...new Set(keys)];
    const inserted = new Set<string>();
    if (fresh.length > 0) {
      const rows = await sql<{ key: string }>`insert into import_seen (key) select unnest(${fresh}::text[])
        on conflict do nothing returning key`.execute(this.tx);
      for (const r of rows.rows) inserted.add(r.key);
    }
    // A key this batch inserted is new at its first row and seen at every later one.
    const firstRow = new Set<string>();
    return (k: string) => {
      if (!inserted.has(k)) return true;
      if (firstRow.has(k)) return true;
      firstRow.add(k);
      return false;
    };
  }

  private touch(fundId: number, fiscalYear: number): void {
    const years = this.touched.get(fundId);
    if (years) years.add(fiscalYear);
    else this.touched.set(fundId, new Set([fiscalYear]));
  }

  private reject(row: { row: number; fundCode: string; key: string }, problems: RowProblem[]) {
    this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'rejected', problems });
  }

  async run(rows: AsyncIterable<{ row: number; record: Record<string, string> }>): Promise<void> {
    // The next batch is read and checked while this one's statements run (the database works on
    // the other core): one batch ahead, so memory stays bounded.
    const batches = batchesOf(this.kind, rows);
    // The read ahead can fail (a truncated file) while a write is still running, before anything
    // awaits it: marked as handled at once, it is not an unhandled rejection then, and the
    // `await` below still throws its error.
    const readAhead = () => {
      const batch = batches.next();
      batch.catch(() => {});
      return batch;
    };
    let next = readAhead();
    try {
      for (;;) {
        const current = await next;
        if (current.done) break;
        next = readAhead();
        await this.fundsOf(current.value.map((r) => r.fundCode));
        if (this.kind === 'projects') await this.projects(current.value as ProjectRow[]);
        else if (this.kind === 'financial_plans') await this.plans(current.value as PlanRow[]);
        else await this.ledger(current.value as LedgerRow[]);
      }
    } finally {
      // The file is closed whether the run ended, a write failed or the file did.
      await batches.return(undefined).catch(() => {});
    }
  }

  // --- Projects ------------------------------------------------------------------------------

  private async projects(rows: ProjectRow[]): Promise<void> {
    const ready: { row: ProjectRow; fund: FundInfo }[] = [];
    const seen = await this.seenBefore(
      rows.flatMap((row) => [...(row.key ? [`id:${row.fundCode}:${row.key}`] : []), ...(row.values ? [`code:${row.values.projectCode}`] : [])]),
    );
    for (const row of rows) {
      const fund = this.fundFor(row);
      if (row.key && seen(`id:${row.fundCode}:${row.key}`)) row.problems.push(problem('projectId', 'duplicateProjectId', { id: row.key }));
      if (row.values && seen(`code:${row.values.projectCode}`)) {
        row.problems.push(problem('projectCode', 'duplicateProjectCode', { code: row.values.projectCode }));
      }
      if (row.problems.length > 0 || !fund || !row.values) this.reject(row, row.problems);
      else ready.push({ row, fund });
    }
    if (ready.length === 0) return;
    const existing = await this.tx
      .selectFrom('proposal')
      .select([
        'id', 'fund_id', 'source_ref', 'project_code', 'title', 'fiscal_year', 'support_category', 'organisation_name', 'period_start',
        'period_end', 'approved_amount', 'decided_at', 'coordinator_name', 'coordinator_phone', 'project_status', 'source_detail',
      ])
      .where((eb) =>
        eb.or([
          eb('project_code', '=', anyText(ready.map((r) => r.row.values!.projectCode))),
          eb.and([eb('fund_id', 'in', [...new Set(ready.map((r) => r.fund.id))]), eb('source_ref', '=', anyText(ready.map((r) => r.row.key)))]),
        ]),
      )
      .execute();
    const byRef = new Map(existing.filter((e) => e.source_ref).map((e) => [`${e.fund_id}:${e.source_ref}`, e]));
    const byCode = new Map(existing.map((e) => [e.project_code, e]));
    const inserts: NewProject[] = [];
    for (const { row, fund } of ready) {
      const v = row.values!;
      const match = byRef.get(`${fund.id}:${row.key}`);
      const holder = byCode.get(v.projectCode);
      if (holder && holder !== match) {
        this.reject(row, [problem('projectCode', 'projectCodeTaken', { code: v.projectCode })]);
        continue;
      }
      if (match) {
        const decidedAt = approvalInstant(v.decidedOn);
        const changed: string[] = [];
        const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');
        if (!same(match.project_code, v.projectCode)) changed.push('projectCode');
        if (!same(match.title, v.title)) changed.push('projectTitle');
        if (match.fiscal_year !== v.fiscalYear) changed.push('budgetYear');
        if (match.support_category !== v.category) changed.push('projectType');
        if (!same(match.organisation_name, v.organisationName)) changed.push('orgName');
        if (!same(match.period_start, v.periodStart)) changed.push('dateStart');
        if (!same(match.period_end, v.periodEnd)) changed.push('dateEnd');
        if (match.approved_amount === null || fromNumeric(match.approved_amount) !== v.approvedAmount) changed.push('budgetGrant');
        if ((match.decided_at?.getTime() ?? null) !== (decidedAt?.getTime() ?? null)) changed.push('dateApprove');
        if (!same(match.coordinator_name, v.coordinatorName)) changed.push('coordinatorName');
        if (!same(match.coordinator_phone, v.coordinatorPhone)) changed.push('coordinatorPhone');
        if (match.project_status !== v.status) changed.push('status');
        if (sortedJson(match.source_detail ?? {}) !== sortedJson(v.detail)) changed.push('detail');
        if (changed.length === 0) {
          this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'unchanged', problems: [] });
          continue;
        }
        this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'updated', problems: [], changed });
        if (this.write) {
          const moved = match.fiscal_year !== v.fiscalYear || match.support_category !== v.category;
          this.touch(fund.id, match.fiscal_year);
          this.touch(fund.id, v.fiscalYear);
          const amount = toNumeric(v.approvedAmount);
          await this.tx
            .updateTable('proposal')
            .set({
              project_code: v.projectCode,
              title: v.title,
              fiscal_year: v.fiscalYear,
              support_category: v.category,
              organisation_name: v.organisationName,
              period_start: v.periodStart,
              period_end: v.periodEnd,
              approved_amount: amount,
              budget: amount,
              decided_at: decidedAt,
              coordinator_name: v.coordinatorName,
              coordinator_phone: v.coordinatorPhone,
              project_status: v.status,
              source_detail: JSON.stringify(v.detail),
              ...(moved ? { project_seq: await this.nextSeq(fund.id, v.fiscalYear, v.category) } : {}),
              import_run_id: this.runId,
              version: sql<number>`version + 1`,
              updated_at: sql`now()`,
            })
            .where('id', '=', match.id)
            .execute();
        }
        continue;
      }
      this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'created', problems: [] });
      if (this.write) {
        this.touch(fund.id, v.fiscalYear);
        inserts.push({
          fundId: fund.id,
          fundCode: row.fundCode,
          origin: 'imported',
          fiscalYear: v.fiscalYear,
          supportCategory: v.category,
          title: v.title,
          organisationName: v.organisationName,
          amount: v.approvedAmount,
          approvedOn: v.decidedOn,
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          coordinatorName: v.coordinatorName,
          coordinatorPhone: v.coordinatorPhone,
          status: v.status,
          projectCode: v.projectCode,
          sourceRef: row.key,
          sourceDetail: v.detail,
          importRunId: this.runId,
        });
      }
    }
    await insertProjects(this.tx, inserts);
  }

  /** The next running number of a fund's projects in a year and category. */
  private async nextSeq(fundId: number, fiscalYear: number, category: number): Promise<number> {
    const row = await this.tx
      .selectFrom('proposal')
      .select((eb) => eb.fn.max('project_seq').as('seq'))
      .where('fund_id', '=', fundId)
      .where('fiscal_year', '=', fiscalYear)
      .where('support_category', '=', category)
      .executeTakeFirst();
    return Number(row?.seq ?? 0) + 1;
  }

  // --- Financial plans ----------------------------------------------------------------------

  private async plans(rows: PlanRow[]): Promise<void> {
    const ready: { row: PlanRow; fund: FundInfo }[] = [];
    const seen = await this.seenBefore(rows.flatMap((row) => (row.values ? [`plan:${row.fundCode}:${row.key}`] : [])));
    for (const row of rows) {
      const fund = this.fundFor(row);
      if (row.values && seen(`plan:${row.fundCode}:${row.key}`)) row.problems.push(problem('budgetYear', 'duplicatePlan', { year: row.key }));
      if (row.problems.length > 0 || !fund || !row.values) this.reject(row, row.problems);
      else ready.push({ row, fund });
    }
    if (ready.length === 0) return;
    const plans = await this.tx
      .selectFrom('fund_plan')
      .selectAll()
      .where('fund_id', 'in', [...new Set(ready.map((r) => r.fund.id))])
      .where('fiscal_year', 'in', [...new Set(ready.map((r) => r.row.values!.fiscalYear))])
      .execute();
    for (const { row, fund } of ready) {
      const v = row.values!;
      const mine = plans.filter((p) => p.fund_id === fund.id && p.fiscal_year === v.fiscalYear);
      const approved = mine.find((p) => p.status === 'approved');
      const money = {
        carry_over: toNumeric(v.carryOver),
        nhso_transfer: toNumeric(v.nhsoTransfer),
        lao_cofunding: toNumeric(v.laoCofunding),
        other_income: toNumeric(v.otherIncome),
        allocation_1: toNumeric(v.allocations[0]),
        allocation_2: toNumeric(v.allocations[1]),
        allocation_3: toNumeric(v.allocations[2]),
        allocation_4: toNumeric(v.allocations[3]),
        allocation_5: toNumeric(v.allocations[4]),
      };
      // Approved on its meeting's date when the file says; otherwise on the year's first day.
      const meetingDate = v.approvedOn ?? fiscalYearRange(v.fiscalYear).start;
      if (approved && approved.import_run_id === null) {
        this.reject(row, [problem('budgetYear', 'planMadeHere', { year: v.fiscalYear })]);
        continue;
      }
      if (approved) {
        const changed = (Object.keys(money) as (keyof typeof money)[]).filter(
          (k) => approved[k] === null || fromNumeric(approved[k]!) !== fromNumeric(money[k]),
        );
        if (approved.meeting_date !== meetingDate) changed.push('meeting_date' as never);
        if (changed.length === 0) {
          this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'unchanged', problems: [] });
          continue;
        }
        this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'updated', problems: [], changed });
        if (this.write) {
          this.touch(fund.id, v.fiscalYear);
          await this.tx
            .updateTable('fund_plan')
            .set({ ...money, meeting_date: meetingDate, import_run_id: this.runId, version: sql<number>`version + 1`, updated_at: sql`now()` })
            .where('id', '=', approved.id)
            .execute();
        }
        continue;
      }
      this.summary.add({ row: row.row, fundCode: row.fundCode, key: row.key, outcome: 'created', problems: [] });
      if (this.write) {
        this.touch(fund.id, v.fiscalYear);
        await this.tx
          .insertInto('fund_plan')
          .values({
            ...money,
            fund_id: fund.id,
            fiscal_year: v.fiscalYear,
            revision: Math.max(0, ...mine.map((p) => p.revision)) + 1,
            status: 'approved',
            approved_at: new Date(`${meetingDate}T12:00:00+07:00`),
            meeting_date: meetingDate,
            import_run_id: this.runId,
          })
          .execute();
      }
    }
  }

  // --- Ledger --------------------------------------------------------------------------------

  /** The closed months of the batch's funds, read once a fund. */
  private async closedMonths(fundIds: readonly number[]): Promise<void> {
    const missing = fundIds.filter((id) => !this.closed.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.closed.set(id, new Set());
    const rows = await this.tx
      .selectFrom('ledger_month_close')
      .select(['fund_id', sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month')])
      .where('fund_id', 'in', missing)
      .execute();
    for (const r of rows) this.closed.get(r.fund_id)!.add(r.month);
  }

  private async ledger(rows: LedgerRow[]): Promise<void> {
    // Group the batch's lines by their transaction (they come together: see run()).
    const groups: LedgerRow[][] = [];
    for (const row of rows) {
      const last = groups.at(-1);
      if (last && last[0]!.fundCode === row.fundCode && last[0]!.key === row.key) last.push(row);
      else groups.push([row]);
    }
    type Ready = { lines: LedgerRow[]; fund: FundInfo; entry: NonNullable<ReturnType<typeof buildEntry>['entry']> };
    const ready: Ready[] = [];
    const rejectGroup = (lines: LedgerRow[], problems: RowProblem[]) => {
      for (const line of lines) this.reject(line, [...line.problems, ...problems]);
    };
    const seen = await this.seenBefore(groups.flatMap((lines) => (lines[0]!.key ? [`ref:${lines[0]!.fundCode}:${lines[0]!.key}`] : [])));
    for (const lines of groups) {
      const first = lines[0]!;
      const fund = this.fundFor(first);
      const groupProblems: RowProblem[] = [];
      if (first.key && seen(`ref:${first.fundCode}:${first.key}`)) groupProblems.push(problem('refCode', 'referenceSplit', { reference: first.key }));
      if (!fund || lines.some((l) => l.problems.length > 0 || !l.values) || groupProblems.length > 0) {
        rejectGroup(lines, groupProblems);
        continue;
      }
      const built = buildEntry(lines.map((l) => l.values as LedgerLineValues));
      if (!built.entry) {
        rejectGroup(lines, built.problems);
        continue;
      }
      ready.push({ lines, fund, entry: built.entry });
    }
    if (ready.length === 0) return;
    const fundIds = [...new Set(ready.map((r) => r.fund.id))];
    const projectKeys = [...new Set(ready.map((r) => r.entry.project).filter((p) => p !== ''))];
    const projects = projectKeys.length
      ? await this.tx
          .selectFrom('proposal')
          .select(['id', 'fund_id', 'project_code', 'source_ref', 'organisation_type'])
          .where('project_code', 'is not', null)
          .where((eb) => eb.or([eb('project_code', '=', anyText(projectKeys)), eb.and([eb('fund_id', 'in', fundIds), eb('source_ref', '=', anyText(projectKeys))])]))
          .execute()
      : [];
    const projectByCode = new Map(projects.map((p) => [`${p.fund_id}:${p.project_code}`, p]));
    const projectByRef = new Map(projects.filter((p) => p.source_ref).map((p) => [`${p.fund_id}:${p.source_ref}`, p]));
    const existing = await this.tx
      .selectFrom('ledger_entry')
      .select(['id', 'fund_id', 'reference', 'import_run_id', sql<string>`to_char(entry_date, 'YYYY-MM-DD')`.as('date'), 'proposal_id', 'description'])
      .where('fund_id', 'in', fundIds)
      .where('reference', '=', anyText(ready.map((r) => r.entry.reference)))
      .execute();
    const existingByRef = new Map(existing.map((e) => [`${e.fund_id}:${e.reference}`, e]));
    const existingLines = new Map<number, EntryLine[]>();
    if (existing.length) {
      const lines = await this.tx.selectFrom('ledger_line').select(['entry_id', 'account_code', 'debit', 'credit']).where('entry_id', 'in', existing.map((e) => e.id)).execute();
      for (const l of lines) {
        const list = existingLines.get(l.entry_id) ?? [];
        list.push({ accountCode: l.account_code, debit: fromNumeric(l.debit), credit: fromNumeric(l.credit) });
        existingLines.set(l.entry_id, list);
      }
    }
    await this.closedMonths(fundIds);
    const toInsert: { r: Ready; proposalId: number | null; organisationType: number | null }[] = [];
    const toDelete: number[] = [];
    for (const r of ready) {
      const { entry, fund, lines } = r;
      const project = entry.project
        ? projectByCode.get(`${fund.id}:${entry.project}`) ?? projectByRef.get(`${fund.id}:${entry.project}`)
        : undefined;
      if (entry.project && !project) {
        rejectGroup(lines, [problem('project', 'unknownProject', { project: entry.project })]);
        continue;
      }
      const months = this.closed.get(fund.id)!;
      const match = existingByRef.get(`${fund.id}:${entry.reference}`);
      if (match && match.import_run_id === null) {
        rejectGroup(lines, [problem('refCode', 'referenceTaken', { reference: entry.reference })]);
        continue;
      }
      const month = `${entry.date.slice(0, 7)}-01`;
      const key = { row: lines[0]!.row, fundCode: lines[0]!.fundCode, key: entry.reference };
      if (match) {
        const before = existingLines.get(match.id) ?? [];
        const same = match.date === entry.date && sameLines(before, entry.lines) && (match.proposal_id ?? null) === (project?.id ?? null) && match.description === entry.description;
        if (same) {
          for (const line of lines) this.summary.add({ row: line.row, fundCode: line.fundCode, key: entry.reference, outcome: 'unchanged', problems: [] });
          continue;
        }
        if (months.has(month) || months.has(`${match.date.slice(0, 7)}-01`)) {
          rejectGroup(lines, [problem('dateTrans', 'monthClosed', { month: month.slice(0, 7) })]);
          continue;
        }
        for (const line of lines) this.summary.add({ ...key, row: line.row, outcome: 'updated', problems: [] });
        toDelete.push(match.id);
        this.touch(fund.id, fiscalYearOf(match.date));
      } else {
        if (months.has(month)) {
          rejectGroup(lines, [problem('dateTrans', 'monthClosed', { month: month.slice(0, 7) })]);
          continue;
        }
        for (const line of lines) this.summary.add({ ...key, row: line.row, outcome: 'created', problems: [] });
      }
      this.touch(fund.id, entry.fiscalYear);
      toInsert.push({ r, proposalId: project?.id ?? null, organisationType: project?.organisation_type ?? null });
    }
    if (!this.write) return;
    // A corrected imported posting is replaced whole: postings are never updated in place.
    if (toDelete.length > 0) await this.tx.deleteFrom('ledger_entry').where('id', 'in', toDelete).execute();
    for (let i = 0; i < toInsert.length; i += 500) {
      const chunk = toInsert.slice(i, i + 500);
      const ids = await this.tx
        .insertInto('ledger_entry')
        .values(
          chunk.map(({ r, proposalId, organisationType }) => ({
            fund_id: r.fund.id,
            fiscal_year: r.entry.fiscalYear,
            entry_date: r.entry.date,
            kind: r.entry.kind,
            reference: r.entry.reference,
            description: r.entry.description,
            proposal_id: proposalId,
            organisation_type: organisationType,
            created_by: this.actor.userId,
            import_run_id: this.runId,
          })),
        )
        .returning('id')
        .execute();
      const lineRows = chunk.flatMap(({ r }, n) =>
        r.entry.lines.map((l, position) => ({
          entry_id: ids[n]!.id,
          position: position + 1,
          account_code: l.accountCode,
          debit: toNumeric(l.debit as Satang),
          credit: toNumeric(l.credit as Satang),
        })),
      );
      for (let j = 0; j < lineRows.length; j += 2000) await this.tx.insertInto('ledger_line').values(lineRows.slice(j, j + 2000)).execute();
    }
  }

  /**
   * The overview's summary of every fund-year written, recomputed once (the writes deferred it):
   * for postings, after their funds' month totals are rebuilt from the lines, and with every later
   * year of the fund, whose opening balance they carry into.
   */
  async refreshSummary(): Promise<void> {
    if (this.kind === 'ledger') {
      await sql`select ledger_month_total_rebuild(${[...this.touched.keys()]}::bigint[])`.execute(this.tx);
      await sql`select set_config('kongtun.month_totals_deferred', 'off', true)`.execute(this.tx);
    }
    await sql`select set_config('kongtun.summary_deferred', 'off', true)`.execute(this.tx);
    const funds: number[] = [];
    const years: number[] = [];
    for (const [fundId, touched] of this.touched) {
      for (const year of touched) {
        funds.push(fundId);
        years.push(year);
      }
    }
    // One call with every key: the grouped recompute (0019) reads each table once for them all.
    const refresh = this.kind === 'ledger' ? sql`fund_year_summary_refresh_from` : sql`fund_year_summary_refresh_keys`;
    await sql`select ${refresh}(array(select row(f, y)::fund_year_key from unnest(${funds}::bigint[], ${years}::integer[]) as k(f, y)))`.execute(this.tx);
  }
}

export interface ImportRunView {
  id: number;
  kind: HistoryKind;
  fileName: string;
  status: 'checked' | 'rejected' | 'applied';
  counts: RunSummary['counts'];
  rows: ReturnType<RunSummary['rows']>;
  more: number;
  fileProblem: { code: string; params: Record<string, string | number> } | null;
  createdAt: Date;
  appliedAt: Date | null;
  userId: number | null;
  /** The one fund the run was limited to (the officer's page), or null. */
  fundCode: string | null;
}

async function process(db: Db, actor: Actor, runId: number, kind: HistoryKind, upload: StoredUpload, write: boolean, onlyFund: string | null) {
  let summary = new RunSummary();
  let fileProblem: FileProblem | null = null;
  try {
    await db.transaction().execute(async (tx) => {
      // One history import writes at a time, so two applies cannot both create a project.
      if (write) await sql`select pg_advisory_xact_lock(4242103)`.execute(tx);
      // The keys the file has shown so far (see Runner.seenBefore); gone with the transaction.
      await sql`create temporary table import_seen (key text primary key) on commit drop`.execute(tx);
      // The overview's summary follows once at the end, not after each batch (see refreshSummary).
      if (write) await sql`select set_config('kongtun.summary_deferred', 'on', true)`.execute(tx);
      // …and postings leave the month totals to be rebuilt once too (0020).
      if (write && kind === 'ledger') await sql`select set_config('kongtun.month_totals_deferred', 'on', true)`.execute(tx);
      const runner = new Runner(tx, actor, kind, runId, write, onlyFund);
      summary = runner.summary;
      await runner.run(readRecords(kind, upload.fileName, upload.path, upload.bytes));
      if (!write || summary.counts.rejected > 0) throw new DryRunDone();
      await runner.refreshSummary();
    });
  } catch (error) {
    if (error instanceof FileProblem) fileProblem = error;
    else if (!(error instanceof DryRunDone)) throw error;
  }
  return { summary, fileProblem };
}

/**
 * Checks a stored upload (the dry run) and, when asked and nothing is rejected, applies it at
 * once; otherwise the run keeps the upload for a later applyImportRun. Rows outside the
 * importer's area are rejected; `fundCode` limits the run to one fund (the officer's page).
 */
export async function importHistory(
  db: Db,
  actor: Actor | null,
  input: { kind: unknown; upload: StoredUpload; dryRun: boolean; fundCode?: string },
): Promise<ImportRunView> {
  try {
    await authorizeImport(db, actor, input.fundCode);
    if (!isHistoryKind(input.kind)) throw new Invalid([{ field: 'kind', key: 'history.error.kind' }]);
    const { upload } = input;
    const run = await db
      .insertInto('import_run')
      .values({ kind: input.kind, user_id: actor!.userId, file_name: upload.fileName, file_bytes: upload.bytes, file_sha256: upload.sha256, status: 'checked' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const checked = await process(db, actor!, run.id, input.kind, upload, false, input.fundCode ?? null);
    const ok = !checked.fileProblem && checked.summary.counts.rejected === 0;
    let result = checked;
    if (ok && !input.dryRun) result = await process(db, actor!, run.id, input.kind, upload, true, input.fundCode ?? null);
    const applied = ok && !input.dryRun && !result.fileProblem && result.summary.counts.rejected === 0;
    const keep = ok && input.dryRun;
    await saveRun(db, run.id, result, applied ? 'applied' : ok ? 'checked' : 'rejected', keep ? upload.path : null, input.fundCode ?? null);
    if (!keep) await removeUpload(upload.path);
    return getImportRun(db, actor, { id: run.id });
  } catch (error) {
    await removeUpload(input.upload.path);
    throw error;
  }
}

async function saveRun(db: Db, id: number, result: Awaited<ReturnType<typeof process>>, status: ImportRunView['status'], filePath: string | null, onlyFund: string | null) {
  const { summary, fileProblem } = result;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('import_run')
      .set({
        status,
        counts: JSON.stringify({ ...summary.counts, ...(onlyFund ? { fund: onlyFund } : {}) }),
        rows: JSON.stringify(summary.rows()),
        rows_more: summary.more,
        file_problem: fileProblem ? JSON.stringify({ code: fileProblem.code, params: fileProblem.params }) : null,
        file_path: filePath,
        ...(status === 'applied' ? { applied_at: sql`now()` } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (status === 'applied') {
      const run = await tx.selectFrom('import_run').select(['user_id', 'kind', 'file_name']).where('id', '=', id).executeTakeFirstOrThrow();
      await audit(tx, run.user_id, 'history.import', 'import_run', id, { kind: run.kind, file: run.file_name, counts: summary.counts });
    }
  });
}

/** Applies a checked run's stored upload: checked again inside the transaction, all or nothing. */
export async function applyImportRun(db: Db, actor: Actor | null, input: { id: unknown }): Promise<ImportRunView> {
  const view = await getImportRun(db, actor, input);
  if (view.userId !== actor?.userId) throw new Forbidden('history.import');
  const run = await db.selectFrom('import_run').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
  if (run.status !== 'checked' || !run.file_path) throw new Invalid([{ field: 'file', key: 'admin.import.error.uploadGone' }]);
  const onlyFund = (run.counts as { fund?: string }).fund ?? null;
  const upload: StoredUpload = { fileName: run.file_name, path: run.file_path, bytes: Number(run.file_bytes), sha256: run.file_sha256 };
  const result = await process(db, actor!, run.id, run.kind, upload, true, onlyFund);
  const applied = !result.fileProblem && result.summary.counts.rejected === 0;
  await saveRun(db, run.id, result, applied ? 'applied' : 'rejected', null, onlyFund);
  await removeUpload(upload.path);
  return getImportRun(db, actor, { id: run.id });
}

/** A run's summary: the importer's own, or any for an admin. */
export async function getImportRun(db: Db, actor: Actor | null, input: { id: unknown }): Promise<ImportRunView> {
  if (!mayImportHistory(actor)) throw new Forbidden('history.import');
  const id = Number(input.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound(`import run ${String(input.id)}`);
  const run = await db.selectFrom('import_run').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw new NotFound(`import run ${id}`);
  if (run.user_id !== actor!.userId && !actor!.roles.some((r) => r.role === 'admin')) throw new NotFound(`import run ${id}`);
  return { ...listItemOf(run), rows: run.rows as ImportRunView['rows'], more: run.rows_more };
}

export type ImportRunListItem = Omit<ImportRunView, 'rows' | 'more'>;

type RunRow = Pick<Selectable<DB['import_run']>, 'id' | 'kind' | 'file_name' | 'status' | 'counts' | 'file_problem' | 'created_at' | 'applied_at' | 'user_id'>;

/** A stored run as the pages and the API see it; a run limited to one fund names it in its counts. */
function listItemOf(run: RunRow): ImportRunListItem {
  const counts = run.counts as RunSummary['counts'] & { fund?: string };
  return {
    id: run.id,
    kind: run.kind,
    fileName: run.file_name,
    status: run.status,
    counts: { created: counts.created ?? 0, updated: counts.updated ?? 0, unchanged: counts.unchanged ?? 0, rejected: counts.rejected ?? 0 },
    fileProblem: run.file_problem as ImportRunView['fileProblem'],
    createdAt: run.created_at,
    appliedAt: run.applied_at,
    userId: run.user_id,
    fundCode: counts.fund ?? null,
  };
}

/** May import: into `fundCode` when given (its area's importers), else anywhere one's role reaches. */
async function authorizeImport(db: Db, actor: Actor | null, fundCode: string | undefined): Promise<void> {
  if (fundCode === undefined) {
    if (!mayImportHistory(actor)) throw new Forbidden('history.import');
    return;
  }
  const fund = await db.selectFrom('fund_area').selectAll().where('fund_code', '=', fundCode).executeTakeFirst();
  if (!fund) throw new NotFound(`fund ${fundCode}`);
  authorize(actor, 'history.import', {
    scopeChain: fundScopeChain({ regionCode: fund.region_code, provinceCode: fund.province_code, districtCode: fund.district_code, fundCode: fund.fund_code }),
  });
}

/**
 * The runs one may look back on, newest first: one's own (an admin's: everyone's); with
 * `fundCode`, those limited to that fund, for whoever may import into it.
 */
export async function listImportRuns(db: Db, actor: Actor | null, input: { fundCode?: string; limit?: number } = {}): Promise<ImportRunListItem[]> {
  await authorizeImport(db, actor, input.fundCode);
  const admin = actor!.roles.some((r) => r.role === 'admin');
  let query = db
    .selectFrom('import_run')
    .select(['id', 'kind', 'file_name', 'status', 'counts', 'file_problem', 'created_at', 'applied_at', 'user_id'])
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 200));
  if (!admin) query = query.where('user_id', '=', actor!.userId);
  if (input.fundCode !== undefined) query = query.where(sql<string>`counts->>'fund'`, '=', input.fundCode);
  const runs = await query.execute();
  return runs.map(listItemOf);
}

/** The import page: the fund it is for (the officer's page), and the runs to look back on. */
export async function historyImportPage(
  db: Db,
  actor: Actor | null,
  input: { fundCode?: string } = {},
): Promise<{ fund: { code: string; nameTh: string; nameEn: string | null } | null; runs: ImportRunListItem[] }> {
  const runs = await listImportRuns(db, actor, input);
  if (input.fundCode === undefined) return { fund: null, runs };
  const fund = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('code', '=', input.fundCode).executeTakeFirstOrThrow();
  return { fund: { code: fund.code, nameTh: fund.name_th, nameEn: fund.name_en }, runs };
}
