import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { listOutbox } from '../../src/use-cases/inbox.ts';
import { addToAgenda, createMeeting, decideAgenda, getMeeting, saveAttendance } from '../../src/use-cases/meetings.ts';
import { addAttachment } from '../../src/use-cases/proposal-attachments.ts';
import {
  addComment,
  getProposal,
  getProposalHistory,
  listFundProposals,
  planOptions,
  saveProposalStep,
  saveReviewChecklist,
  startProposal,
  transitionProposal,
} from '../../src/use-cases/proposals.ts';
import { actorFor } from '../support/actors.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';
import { createTestDatabase } from '../support/test-db.ts';

/**
 * Every role against every proposal use case, on proposals of fund L1976 in four states: a
 * draft, a submitted one, one on a committee agenda and an approved project. An allowed call
 * is one the policy lets through (it may still stop at a stale version or a missing field); a
 * "locked" one is someone with a part in the proposal asking at the wrong moment.
 */
const ACCOUNTS = { ...ROLES_AROUND_L1976, proposer_self: 'proposer.l1976', proposer_other: 'proposer.l1977' } as const;
type Who = keyof typeof ACCOUNTS | 'public';
const WHO = ['public', ...Object.keys(ACCOUNTS)] as Who[];
/** Staff of L1976's area who read every proposal there: not its committee, which reads its agenda. */
const AREA_STAFF: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in'];
const MENTORS: Who[] = ['mentor_district_in', 'mentor_fund_in'];
const STALE = 0;

type Outcome = 'allowed' | 'locked' | 'forbidden';
async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return 'allowed';
  } catch (error) {
    if (error instanceof Forbidden || error instanceof NotFound) return 'forbidden';
    if (error instanceof Invalid && error.problems.some((p) => p.key === 'proposal.error.locked')) return 'locked';
    return 'allowed';
  }
}

const COMPLETE = {
  problem: { title: 'โครงการออกกำลังกายผู้สูงอายุ', rationale: 'ผู้สูงอายุในหมู่บ้านมีภาวะข้อเข่าเสื่อม' },
  objectives: { objectives: { 0: { objective: 'ผู้สูงอายุออกกำลังกายสม่ำเสมอ', indicator: 'ร้อยละผู้ออกกำลังกาย 3 วันต่อสัปดาห์', target: '70' } } },
  targets: { target_groups: { 1004: '40' } },
  activities: { activities: { 0: { title: 'รำไม้พลอง', detail: '', expenses: { 0: { group: 'materials', item: 'ไม้พลอง', unit_cost: '80', units: '40', times: '1' } } } } },
  period: { period_start: '2026-12-01', period_end: '2027-05-31', place: 'ลานวัด' },
  results: { expected_results: 'ผู้สูงอายุแข็งแรงขึ้น', support_category: '2' },
};

describe('every role against every proposal use case', () => {
  let database: Database;
  const actors = new Map<Who, Actor | null>([['public', null]]);
  const ids = { draft: 0, submitted: 0, agenda: 0, approved: 0 };
  let meetingId: number;
  let before: unknown;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    const db = database.db;
    for (const [who, username] of Object.entries(ACCOUNTS)) actors.set(who as Who, await actorFor(db, username));
    const proposer = actors.get('proposer_self')!;
    const mentor = actors.get('mentor_district_in')!;
    const officer = actors.get('officer_in')!;
    // A program of L1976's plan in force (FY 2569; its FY 2570 plan is still a draft).
    const fund = await db.selectFrom('fund').select('id').where('code', '=', 'L1976').executeTakeFirstOrThrow();
    const program = (await planOptions(db, fund.id, 2570)).programs[0]!.code;
    const make = async (until: 'draft' | 'submitted' | 'reviewed') => {
      const { id } = await startProposal(db, proposer, { code: 'L1976', fiscal_year: '2570' });
      let version = (await getProposal(db, proposer, { id })).version;
      if (until === 'draft') return id;
      for (const [step, values] of Object.entries(COMPLETE)) {
        const extra = step === 'problem' ? { programs: { [program]: 'on' } } : {};
        ({ version } = await saveProposalStep(db, proposer, { id, step, version, ...values, ...extra }));
      }
      const step = async (actor: Actor, action: string) => {
        await transitionProposal(db, actor, { id, version, action });
        version = (await getProposal(db, actor, { id })).version;
      };
      await step(proposer, 'submit');
      if (until === 'submitted') return id;
      await step(mentor, 'start_review');
      await step(mentor, 'pass_review');
      return id;
    };
    ids.draft = await make('draft');
    ids.submitted = await make('submitted');
    ids.agenda = await make('reviewed');
    ids.approved = await make('reviewed');
    ({ id: meetingId } = await createMeeting(db, officer, { code: 'L1976', meeting_date: '2026-12-15' }));
    for (const id of [ids.agenda, ids.approved]) {
      await addToAgenda(db, officer, { id: meetingId, proposalId: id, version: (await getProposal(db, officer, { id })).version });
    }
    let meeting = await getMeeting(db, officer, { id: meetingId });
    await saveAttendance(db, officer, { id: meetingId, version: meeting.version, present: Object.fromEntries(meeting.members.map((m) => [m.id, 'on'])) });
    meeting = await getMeeting(db, officer, { id: meetingId });
    const item = meeting.items.find((i) => i.proposalId === ids.approved)!;
    await decideAgenda(db, officer, { id: meetingId, version: meeting.version, decisions: { [item.id]: { decision: 'approve' } } });
    before = await proposalSnapshot(database);
  });
  afterAll(() => database.close());

  const CASES: [name: string, allowed: Partial<Record<Outcome, Who[]>>, call: (db: Database['db'], actor: Actor | null) => Promise<unknown>][] = [
    ['read a draft', { allowed: [...AREA_STAFF, 'proposer_self'] }, (db, a) => getProposal(db, a, { id: ids.draft })],
    ['read a submitted proposal', { allowed: [...AREA_STAFF, 'proposer_self'] }, (db, a) => getProposal(db, a, { id: ids.submitted })],
    ['read a proposal on the agenda', { allowed: [...AREA_STAFF, 'proposer_self', 'committee_in'] }, (db, a) => getProposal(db, a, { id: ids.agenda })],
    ['read an approved project', { allowed: WHO }, (db, a) => getProposal(db, a, { id: ids.approved })],
    ['read the history of a draft', { allowed: [...AREA_STAFF, 'proposer_self'] }, (db, a) => getProposalHistory(db, a, { id: ids.draft })],
    ['start a proposal at the fund', { allowed: ['admin', 'officer_in', 'proposer_self'] }, (db, a) => startProposal(db, a, { code: 'L1976', fiscal_year: 'x' })],
    [
      'edit a draft',
      { allowed: ['admin', 'officer_in', 'proposer_self'], locked: MENTORS },
      (db, a) => saveProposalStep(db, a, { id: ids.draft, step: 'results', version: STALE, ...COMPLETE.results }),
    ],
    [
      'edit a submitted proposal',
      { allowed: ['admin', 'officer_in', ...MENTORS], locked: ['proposer_self'] },
      (db, a) => saveProposalStep(db, a, { id: ids.submitted, step: 'results', version: STALE, ...COMPLETE.results }),
    ],
    [
      'edit a proposal on the agenda',
      { locked: ['admin', 'officer_in', ...MENTORS, 'proposer_self'] },
      (db, a) => saveProposalStep(db, a, { id: ids.agenda, step: 'results', version: STALE, ...COMPLETE.results }),
    ],
    ['send a draft', { allowed: ['admin', 'officer_in', 'proposer_self'] }, (db, a) => transitionProposal(db, a, { id: ids.draft, version: STALE, action: 'submit' })],
    ['start reviewing', { allowed: ['admin', 'officer_in', ...MENTORS] }, (db, a) => transitionProposal(db, a, { id: ids.submitted, version: STALE, action: 'start_review' })],
    ['withdraw', { allowed: ['proposer_self'] }, (db, a) => transitionProposal(db, a, { id: ids.submitted, version: STALE, action: 'withdraw' })],
    ['cancel', { allowed: ['admin', 'officer_in'] }, (db, a) => transitionProposal(db, a, { id: ids.submitted, version: STALE, action: 'cancel', reason: 'ซ้ำ' })],
    ['comment', { allowed: ['admin', 'officer_in', ...MENTORS, 'proposer_self'] }, (db, a) => addComment(db, a, { id: ids.submitted, section: 'whole', body: '' })],
    ['tick the review checklist', { allowed: ['admin', 'officer_in', ...MENTORS] }, (db, a) => saveReviewChecklist(db, a, { id: ids.submitted, version: STALE })],
    [
      'attach a file to a draft',
      { allowed: ['admin', 'officer_in', 'proposer_self'], locked: MENTORS },
      (db, a) => addAttachment(db, a, { id: ids.draft, fileName: 'x.pdf', bytes: new Uint8Array() }),
    ],
    ['read the meeting', { allowed: [...AREA_STAFF, 'committee_in'] }, (db, a) => getMeeting(db, a, { id: meetingId })],
    ['call a meeting', { allowed: ['admin', 'officer_in'] }, (db, a) => createMeeting(db, a, { code: 'L1976', meeting_date: '' })],
    ['record attendance', { allowed: ['admin', 'officer_in'] }, (db, a) => saveAttendance(db, a, { id: meetingId, version: STALE })],
    ['decide the agenda', { allowed: ['admin', 'officer_in', 'committee_in'] }, (db, a) => decideAgenda(db, a, { id: meetingId, version: STALE, decisions: {} })],
    ['read the email outbox', { allowed: ['admin'] }, (db, a) => listOutbox(db, a)],
  ];

  for (const [name, allowed, call] of CASES) {
    it(name, async () => {
      const outcome: Record<string, Outcome> = {};
      const expected: Record<string, Outcome> = {};
      for (const who of WHO) {
        outcome[who] = await outcomeOf(() => call(database.db, actors.get(who) ?? null));
        expected[who] = allowed.allowed?.includes(who) ? 'allowed' : allowed.locked?.includes(who) ? 'locked' : 'forbidden';
      }
      expect(outcome).toEqual(expected);
    });
  }

  it("lists a fund's drafts only to its area's staff and the proposing group", async () => {
    const outcome: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const who of WHO) {
      const list = await listFundProposals(database.db, actors.get(who) ?? null, { code: 'L1976', fiscalYear: 2570 });
      const seen = new Set(list.proposals.map((p) => p.id));
      outcome[who] = { draft: seen.has(ids.draft), approved: seen.has(ids.approved) };
      expected[who] = { draft: AREA_STAFF.includes(who) || who === 'proposer_self', approved: true };
    }
    expect(outcome).toEqual(expected);
  });

  it('changed nothing for anyone', async () => {
    expect(await proposalSnapshot(database)).toEqual(before);
  });
});

/** A digest of every proposal and meeting row: what any call above could have changed. */
async function proposalSnapshot(database: Database) {
  const digest = async (table: string, order: string) =>
    (await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by ${sql.raw(order)})) as digest from ${sql.table(table)} t`.execute(database.db))
      .rows[0];
  return {
    proposal: await digest('proposal', 'id'),
    proposal_expense: await digest('proposal_expense', 'proposal_id, activity_position, position'),
    proposal_comment: await digest('proposal_comment', 'id'),
    proposal_attachment: await digest('proposal_attachment', 'id'),
    meeting: await digest('meeting', 'id'),
    meeting_item: await digest('meeting_item', 'id'),
    meeting_attendance: await digest('meeting_attendance', 'meeting_id, committee_member_id'),
  };
}
