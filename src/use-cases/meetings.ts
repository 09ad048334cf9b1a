import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { parseDate, parseMoney } from '../domain/import-values.ts';
import { fromNumeric, type Satang, toNumeric } from '../domain/money.ts';
import type { SupportCategory } from '../domain/planning.ts';
import { type Actor, can } from '../domain/policy.ts';
import { type Decision, DECISION_OUTCOMES, DECISIONS, hasQuorum, type ProposalState, projectCode } from '../domain/proposals.ts';
import { audit, invalid, parseYear, versionField } from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Conflict, type FieldProblem, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';
import { applyTransition, budgetCheck, loadProposal } from './proposals.ts';
import { startFollowUp } from './project-followup.ts';

// Committee meetings (การประชุมคณะกรรมการกองทุน): who attended (quorum), the agenda of
// proposals, the decisions taken for the whole agenda at once, the minutes and the resolution.

type Db = Kysely<DB>;

const target = (ref: FundRef) => ({ scopeChain: ref.scopeChain });

async function meetingRow(db: Db, id: unknown) {
  const meetingId = Number(id);
  if (!Number.isSafeInteger(meetingId) || meetingId < 1) throw new NotFound(`meeting ${String(id)}`);
  const row = await db
    .selectFrom('meeting as m')
    .innerJoin('fund as f', 'f.id', 'm.fund_id')
    .selectAll('m')
    .select(['f.code as fund_code', 'f.name_th as fund_name_th', 'f.name_en as fund_name_en'])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`meeting ${meetingId}`);
  return { row, ref: await findFund(db, row.fund_code) };
}

/** Committee members serving on a date: appointed by then, term not yet ended. */
function servingOn(db: Db, fundId: number, date: string) {
  return db
    .selectFrom('committee_member')
    .select(['id', 'title', 'first_name', 'last_name', 'position', 'organisation'])
    .where('fund_id', '=', fundId)
    .where('term_start', '<=', date)
    .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', date)]))
    .orderBy(sql`case position when 'chair' then 0 when 'vice_chair' then 1 when 'member' then 2 else 3 end`)
    .orderBy('id')
    .execute();
}

const meetingSchema = z.object({
  meeting_date: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  place: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(300, 'admin.error.tooLong')),
});

/** Calls a meeting: numbered n/year in the fund's fiscal year of its date. */
export async function createMeeting(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string }): Promise<{ id: number }> {
  const ref = await findFund(db, String(input.code).trim().toUpperCase());
  authorize(actor, 'meeting.manage', target(ref));
  const value = parseInput(meetingSchema, input);
  const date = parseDate(value.meeting_date);
  if (!date.ok) throw invalid('meeting_date', value.meeting_date === '' ? 'admin.error.required' : `admin.error.${date.problem}`);
  const fiscalYear = input.fiscal_year ? parseYear(input.fiscal_year) : fiscalYearOf(date.value);
  return db.transaction().execute(async (tx) => {
    const last = await tx.selectFrom('meeting').select((eb) => eb.fn.max('number').as('n')).where('fund_id', '=', ref.id).where('fiscal_year', '=', fiscalYear).executeTakeFirst();
    const { id } = await tx
      .insertInto('meeting')
      .values({ fund_id: ref.id, fiscal_year: fiscalYear, number: Number(last?.n ?? 0) + 1, meeting_date: date.value, place: value.place })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor!.userId, 'meeting.create', 'meeting', id, { fund: ref.code, date: date.value });
    return { id };
  });
}

export interface MeetingView {
  id: number;
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  number: number;
  date: string;
  place: string;
  minutes: string;
  version: number;
  members: { id: number; name: string; position: string; organisation: string | null; present: boolean | null }[];
  quorum: { present: number; serving: number; met: boolean };
  items: {
    id: number;
    position: number;
    proposalId: number;
    title: string;
    organisationName: string;
    budget: string;
    supportCategory: number | null;
    state: ProposalState;
    proposalVersion: number;
    /** The proposal changed after it was put on the agenda: decide on it again only after a look. */
    changedSinceAgenda: boolean;
    decision: 'approved' | 'rejected' | 'deferred' | null;
    approvedAmount: string | null;
    conditions: string | null;
    reason: string | null;
    projectCode: string | null;
    budgetProblems: { problem: string; remaining?: string }[];
  }[];
  /** Reviewed (or deferred) proposals of the fund that can go on this agenda. */
  candidates: { id: number; title: string; organisationName: string; budget: string; state: ProposalState; version: number }[];
  may: { manage: boolean; decide: boolean };
}

export async function getMeeting(db: Db, actor: Actor | null, input: { id: unknown }): Promise<MeetingView> {
  const { row, ref } = await meetingRow(db, input.id);
  authorize(actor, 'meeting.view', target(ref));
  const may = { manage: can(actor, 'meeting.manage', target(ref)), decide: can(actor, 'meeting.manage', target(ref)) || can(actor, 'proposal.decide', target(ref)) };
  const [serving, attendance, items, candidates] = await Promise.all([
    servingOn(db, row.fund_id, row.meeting_date),
    db.selectFrom('meeting_attendance').select(['committee_member_id', 'present']).where('meeting_id', '=', row.id).execute(),
    db
      .selectFrom('meeting_item as i')
      .innerJoin('proposal as p', 'p.id', 'i.proposal_id')
      .select([
        'i.id',
        'i.position',
        'i.proposal_id as proposalId',
        'p.title',
        'p.organisation_name as organisationName',
        'p.budget',
        'p.support_category as supportCategory',
        'p.state',
        'p.version as proposalVersion',
        'p.content_revision',
        'i.content_revision as agendaRevision',
        'i.decision',
        'i.approved_amount as approvedAmount',
        'i.conditions',
        'i.reason',
        'p.project_code as projectCode',
      ])
      .where('i.meeting_id', '=', row.id)
      .orderBy('i.position')
      .execute(),
    db
      .selectFrom('proposal')
      .select(['id', 'title', 'organisation_name as organisationName', 'budget', 'state', 'version'])
      .where('fund_id', '=', row.fund_id)
      .where('state', 'in', ['reviewed', 'deferred'])
      .orderBy('submitted_at')
      .execute(),
  ]);
  const presentIds = new Set(attendance.filter((a) => a.present).map((a) => a.committee_member_id));
  const recorded = new Set(attendance.map((a) => a.committee_member_id));
  const members = serving.map((m) => ({
    id: m.id,
    name: `${m.title}${m.first_name} ${m.last_name}`,
    position: m.position,
    organisation: m.organisation,
    present: recorded.has(m.id) ? presentIds.has(m.id) : null,
  }));
  const present = members.filter((m) => m.present).length;
  const withBudget = await Promise.all(
    items.map(async ({ content_revision, agendaRevision, ...item }) => {
      const proposal = await db.selectFrom('proposal').selectAll().where('id', '=', item.proposalId).executeTakeFirstOrThrow();
      const check = item.decision === null ? await budgetCheck(db, proposal, fromNumeric(proposal.budget)) : null;
      return { ...item, changedSinceAgenda: item.decision === null && content_revision !== agendaRevision, budgetProblems: check?.problems ?? [] };
    }),
  );
  return {
    id: row.id,
    fund: { code: row.fund_code, name_th: row.fund_name_th, name_en: row.fund_name_en },
    fiscalYear: row.fiscal_year,
    number: row.number,
    date: row.meeting_date,
    place: row.place,
    minutes: row.minutes,
    version: row.version,
    members,
    quorum: { present, serving: members.length, met: hasQuorum(present, members.length) },
    items: withBudget,
    candidates: may.manage ? candidates : [],
    may,
  };
}

export async function listMeetings(db: Db, actor: Actor | null, input: { code: string; fiscalYear?: unknown }) {
  const ref = await findFund(db, String(input.code).trim().toUpperCase());
  authorize(actor, 'meeting.view', target(ref));
  const fiscalYear = input.fiscalYear ? parseYear(input.fiscalYear) : null;
  const meetings = await db
    .selectFrom('meeting as m')
    .select(['m.id', 'm.fiscal_year as fiscalYear', 'm.number', 'm.meeting_date as date', 'm.place'])
    .select((eb) => [
      eb.selectFrom('meeting_item as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'),
      eb.selectFrom('meeting_item as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').where('i.decision', 'is', null).as('open'),
    ])
    .where('m.fund_id', '=', ref.id)
    .$if(fiscalYear !== null, (q) => q.where('m.fiscal_year', '=', fiscalYear!))
    .orderBy('m.meeting_date', 'desc')
    .execute();
  const fund = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow();
  return { fund, meetings: meetings.map((m) => ({ ...m, items: Number(m.items ?? 0), open: Number(m.open ?? 0) })), mayManage: can(actor, 'meeting.manage', target(ref)) };
}

/** Claims the meeting's version: Conflict when someone saved it since the page was read. */
async function claimMeeting(db: Db, id: number, version: number) {
  const updated = await db
    .updateTable('meeting')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new Conflict(`meeting ${id} changed since version ${version}`);
  return updated.version;
}

/** Who was there: `present.<member id>=on` for each member present; the others absent. */
export async function saveAttendance(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<{ version: number }> {
  const { row, ref } = await meetingRow(db, input.id);
  authorize(actor, 'meeting.manage', target(ref));
  const { version } = parseInput(z.object({ version: versionField }), input);
  const serving = await servingOn(db, row.fund_id, row.meeting_date);
  const ticked = (input.present && typeof input.present === 'object' ? input.present : {}) as Record<string, unknown>;
  return db.transaction().execute(async (tx) => {
    const next = await claimMeeting(tx, row.id, version);
    await tx.deleteFrom('meeting_attendance').where('meeting_id', '=', row.id).execute();
    if (serving.length) {
      await tx
        .insertInto('meeting_attendance')
        .values(serving.map((m) => ({ meeting_id: row.id, committee_member_id: m.id, present: ticked[String(m.id)] === 'on' || ticked[String(m.id)] === true })))
        .execute();
    }
    await audit(tx, actor!.userId, 'meeting.attendance', 'meeting', row.id, { present: serving.filter((m) => ticked[String(m.id)]).length });
    return { version: next };
  });
}

export async function saveMinutes(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<{ version: number }> {
  const { row, ref } = await meetingRow(db, input.id);
  authorize(actor, 'meeting.manage', target(ref));
  const value = parseInput(
    z.object({ version: versionField, minutes: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(20000, 'admin.error.tooLong')), place: meetingSchema.shape.place }),
    input,
  );
  return db.transaction().execute(async (tx) => {
    const next = await claimMeeting(tx, row.id, value.version);
    await tx.updateTable('meeting').set({ minutes: value.minutes, place: value.place }).where('id', '=', row.id).execute();
    await audit(tx, actor!.userId, 'meeting.minutes', 'meeting', row.id);
    return { version: next };
  });
}

/** Puts a reviewed (or deferred) proposal of the same fund on the agenda, as it stands now. */
export async function addToAgenda(db: Db, actor: Actor | null, input: { id: unknown; proposalId: unknown; version: unknown }): Promise<void> {
  const { row: meeting, ref } = await meetingRow(db, input.id);
  authorize(actor, 'meeting.manage', target(ref));
  const proposal = await loadProposal(db, actor, input.proposalId);
  if (proposal.row.fund_id !== meeting.fund_id) throw invalid('proposal', 'meeting.error.otherFund');
  if (!proposal.hats.includes('officer')) throw new Forbidden('proposal.add_to_agenda');
  if (!['reviewed', 'deferred'].includes(proposal.row.state)) throw invalid('proposal', 'proposal.error.transition');
  const { version } = parseInput(z.object({ version: versionField }), input);
  await db.transaction().execute(async (tx) => {
    await claimMeeting(tx, meeting.id, meeting.version);
    const last = await tx.selectFrom('meeting_item').select((eb) => eb.fn.max('position').as('n')).where('meeting_id', '=', meeting.id).executeTakeFirst();
    await tx
      .insertInto('meeting_item')
      .values({ meeting_id: meeting.id, proposal_id: proposal.row.id, position: Number(last?.n ?? 0) + 1, content_revision: proposal.row.content_revision })
      .execute();
    await applyTransition(tx, { row: proposal.row, fund: proposal.fund, actorId: actor!.userId, action: 'add_to_agenda', version, extra: { meeting: meeting.id } });
  });
}

/** Takes an undecided proposal off the agenda; it goes back to the reviewed list. */
export async function removeFromAgenda(db: Db, actor: Actor | null, input: { id: unknown; itemId: unknown }): Promise<void> {
  const { row: meeting, ref } = await meetingRow(db, input.id);
  authorize(actor, 'meeting.manage', target(ref));
  const item = await db.selectFrom('meeting_item').selectAll().where('id', '=', Number(input.itemId)).where('meeting_id', '=', meeting.id).executeTakeFirst();
  if (!item) throw new NotFound(`agenda item ${String(input.itemId)}`);
  if (item.decision !== null) throw invalid('_form', 'meeting.error.decided');
  const proposal = await loadProposal(db, actor, item.proposal_id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('meeting_item').where('id', '=', item.id).execute();
    await applyTransition(tx, { row: proposal.row, fund: proposal.fund, actorId: actor!.userId, action: 'remove_from_agenda', version: proposal.row.version, extra: { meeting: meeting.id } });
  });
}

const decisionRow = z.object({
  decision: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(DECISIONS, 'meeting.error.decision').nullable()),
  approved_amount: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
  conditions: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(2000, 'admin.error.tooLong')),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(2000, 'admin.error.tooLong')),
  version: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().positive().optional()),
});
const decisionsSchema = z.object({
  version: versionField,
  decisions: z.preprocess((v) => (v && typeof v === 'object' ? v : {}), z.record(z.string(), decisionRow)),
});

/**
 * Records the committee's decisions for the whole agenda at once, all or nothing: approve (an
 * amount up to what was asked, within the category's remaining allocation and the 10(4) cap;
 * the proposal becomes a project with its code), reject (with a reason) or defer. The meeting
 * needs its quorum, and an item whose proposal changed after it went on the agenda is refused.
 */
export async function decideAgenda(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<{ decided: number }> {
  const { row: meeting, ref } = await meetingRow(db, input.id);
  if (!can(actor, 'meeting.manage', target(ref)) && !can(actor, 'proposal.decide', target(ref))) throw new Forbidden('meeting.decide');
  const value = parseInput(decisionsSchema, input);
  const view = await getMeeting(db, actor, { id: meeting.id });
  const chosen = Object.entries(value.decisions).filter(([, d]) => d.decision !== null);
  if (chosen.length === 0) throw invalid('_form', 'meeting.error.nothingDecided');
  if (!view.quorum.met) throw invalid('_form', 'meeting.error.noQuorum', { present: view.quorum.present, serving: view.quorum.serving });

  const problems: FieldProblem[] = [];
  const at = (itemId: string, field: string) => `decisions.${itemId}.${field}`;
  const plans: { itemId: number; proposalId: number; decision: Decision; amount: string | null; conditions: string | null; reason: string | null; proposalVersion: number }[] = [];
  for (const [itemId, d] of chosen) {
    const item = view.items.find((i) => String(i.id) === itemId);
    if (!item || item.decision !== null || item.state !== 'on_agenda') {
      problems.push({ field: at(itemId, 'decision'), key: 'meeting.error.decided' });
      continue;
    }
    if (d.version !== undefined && d.version !== item.proposalVersion) problems.push({ field: at(itemId, 'decision'), key: 'meeting.error.proposalChanged' });
    if (item.changedSinceAgenda) problems.push({ field: at(itemId, 'decision'), key: 'meeting.error.changedSinceAgenda' });
    let amount: string | null = null;
    if (d.decision === 'approve') {
      const parsed = d.approved_amount === '' ? { ok: true as const, value: fromNumeric(item.budget) } : parseMoney(d.approved_amount);
      if (!parsed.ok) problems.push({ field: at(itemId, 'approved_amount'), key: `admin.error.${parsed.problem}` });
      else if (parsed.value > fromNumeric(item.budget)) problems.push({ field: at(itemId, 'approved_amount'), key: 'meeting.error.overRequested', params: { max: item.budget } });
      else if (parsed.value <= 0) problems.push({ field: at(itemId, 'approved_amount'), key: 'meeting.error.amountZero' });
      else amount = toNumeric(parsed.value);
    }
    if (d.decision === 'reject' && d.reason === '') problems.push({ field: at(itemId, 'reason'), key: 'meeting.error.reason' });
    plans.push({ itemId: item.id, proposalId: item.proposalId, decision: d.decision!, amount, conditions: d.conditions || null, reason: d.reason || null, proposalVersion: item.proposalVersion });
  }
  // Approvals in the same batch count against the same allocation, one after the other.
  const pending = new Map<number, Satang>();
  for (const plan of plans.filter((p) => p.decision === 'approve' && p.amount !== null)) {
    const proposal = await db.selectFrom('proposal').selectAll().where('id', '=', plan.proposalId).executeTakeFirstOrThrow();
    const category = proposal.support_category as SupportCategory;
    const earlier = pending.get(category) ?? (0 as Satang);
    const check = await budgetCheck(db, proposal, (fromNumeric(plan.amount!) + earlier) as Satang);
    const blocking = check?.problems.filter((p) => p.problem !== 'no_financial_plan') ?? [];
    for (const p of blocking) {
      problems.push({ field: at(String(plan.itemId), 'approved_amount'), key: p.problem === 'over_admin_cap' ? 'meeting.error.overAdminCap' : 'meeting.error.overAllocation', params: { remaining: p.remaining ?? '0' } });
    }
    pending.set(category, (earlier + fromNumeric(plan.amount!)) as Satang);
  }
  if (problems.length) throw new Invalid(problems);

  await db.transaction().execute(async (tx) => {
    await claimMeeting(tx, meeting.id, value.version);
    for (const plan of plans) {
      const loaded = await loadProposal(tx, actor, plan.proposalId);
      let code: string | null = null;
      let seq: number | null = null;
      if (plan.decision === 'approve') {
        const category = loaded.row.support_category as SupportCategory;
        const last = await tx
          .selectFrom('proposal')
          .select((eb) => eb.fn.max('project_seq').as('n'))
          .where('fund_id', '=', loaded.row.fund_id)
          .where('fiscal_year', '=', loaded.row.fiscal_year)
          .where('support_category', '=', category)
          .executeTakeFirst();
        seq = Number(last?.n ?? 0) + 1;
        code = projectCode(loaded.row.fiscal_year, loaded.fund.code, category, seq);
      }
      await tx
        .updateTable('meeting_item')
        .set({ decision: DECISION_OUTCOMES[plan.decision], approved_amount: plan.amount, conditions: plan.conditions, reason: plan.reason, decided_at: sql`now()` })
        .where('id', '=', plan.itemId)
        .execute();
      await tx
        .updateTable('proposal')
        .set({
          approved_amount: plan.amount,
          conditions: plan.conditions,
          decision_reason: plan.reason,
          decided_at: sql`now()`,
          project_code: code,
          project_seq: seq,
          project_status: code ? 'running' : null,
          project_status_at: code ? sql`now()` : null,
        })
        .where('id', '=', plan.proposalId)
        .execute();
      if (code) await startFollowUp(tx, plan.proposalId);
      await applyTransition(tx, {
        row: loaded.row,
        fund: loaded.fund,
        actorId: actor!.userId,
        action: plan.decision,
        version: plan.proposalVersion,
        extra: { meeting: meeting.id, ...(code ? { project_code: code, approved_amount: plan.amount } : {}) },
      });
    }
    await audit(tx, actor!.userId, 'meeting.decide', 'meeting', meeting.id, { decided: plans.length });
  });
  return { decided: plans.length };
}
