import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { listInbox, markRead, unreadCount } from '../../src/use-cases/inbox.ts';
import { addToAgenda, createMeeting, decideAgenda, getMeeting, saveAttendance } from '../../src/use-cases/meetings.ts';
import { getFollowUp } from '../../src/use-cases/project-followup.ts';
import { addAttachment } from '../../src/use-cases/proposal-attachments.ts';
import {
  addComment,
  answerSuggestion,
  compareVersions,
  getProject,
  getProposal,
  getProposalHistory,
  listFundProposals,
  needsMe,
  saveProposalStep,
  startProposal,
  transitionProposal,
} from '../../src/use-cases/proposals.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

/** The pages of a complete proposal, as the step forms send them. */
const STEPS = {
  problem: { title: 'โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง', rationale: 'ในตำบลมีผู้สูงอายุติดเตียง 24 คน ขาดผู้ดูแลต่อเนื่อง' },
  objectives: { objectives: { 0: { objective: 'ผู้สูงอายุติดเตียงได้รับการเยี่ยมบ้าน', indicator: 'ร้อยละของผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม', target: '90' } } },
  targets: { target_groups: { 1004: '24', 2004: '30' } },
  activities: {
    activities: {
      0: {
        title: 'อบรมจิตอาสาดูแลผู้สูงอายุ',
        detail: 'อบรม 1 วัน',
        expenses: {
          0: { group: 'services', item: 'ค่าอาหารกลางวัน', unit_cost: '60', units: '30', times: '1' },
          1: { group: 'compensation', item: 'ค่าตอบแทนวิทยากร', unit_cost: '600', units: '1', times: '5' },
        },
      },
      1: { title: 'เยี่ยมบ้าน', detail: '', expenses: { 0: { group: 'travel', item: 'ค่าเดินทางจิตอาสา', unit_cost: '50.25', units: '10', times: '12' } } },
    },
  },
  period: { period_start: '2026-11-01', period_end: '2027-06-30', place: 'ศาลาประชาคมหมู่ 3' },
  results: { expected_results: 'ผู้สูงอายุติดเตียงได้รับการดูแลต่อเนื่อง', support_category: '2' },
} as const;
// 60 × 30 + 600 × 5 + 50.25 × 10 × 12 = 1,800 + 3,000 + 6,030 baht.
const TOTAL = '10830.00';

/**
 * The whole path of a proposal at L1978 (อำเภอกันทรลักษ์ 3304, whose FY 2570 plan is approved):
 * its proposer writes and sends it, the district's mentor returns it, the proposer revises, the
 * officer puts it on an agenda and the committee approves it; and every refusal on the way.
 */
describe('a proposal from draft to project', () => {
  let database: Database;
  let db: Kysely<DB>;
  let proposer: Actor;
  let otherProposer: Actor;
  let mentor: Actor;
  let officer: Actor;
  let chair: Actor;
  let otherChair: Actor;
  let id: number;
  let version: number;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    proposer = await actorFor(db, 'proposer.l1978');
    otherProposer = await actorFor(db, 'proposer.l1977');
    mentor = await actorFor(db, 'mentor3304');
    officer = await actorFor(db, 'officer.l1978');
    chair = await actorFor(db, 'chair.l1978');
    otherChair = await actorFor(db, 'chair.l4579');
  });
  afterAll(() => database.close());

  const save = async (actor: Actor, step: keyof typeof STEPS | 'organisation', values: object) => {
    const result = await saveProposalStep(db, actor, { id, step, version, ...values });
    version = result.version;
    return result;
  };

  it('starts a draft for the proposer’s group, with its members and the suggested category', async () => {
    ({ id } = await startProposal(db, proposer, { code: 'L1978', fiscal_year: '2570' }));
    const view = await getProposal(db, proposer, { id });
    version = view.version;
    expect(view.state).toBe('draft');
    expect(view.organisation.type).toBe(5);
    expect(view.organisation.name).toMatch(/^ชมรมผู้สูงอายุ/);
    expect(view.content.members).toHaveLength(6);
    expect(view.supportCategory).toBe(2);
    expect(view.actions).toEqual(['submit', 'withdraw']);
    expect(view.problems.map((p) => p.field)).toContain('title');
  });

  it('is not for someone else’s group, the committee before it reaches them, or the public', async () => {
    expect(await refusal(() => getProposal(db, otherProposer, { id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => getProposal(db, chair, { id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => getProposal(db, null, { id }))).toBeInstanceOf(NotFound);
    expect(await refusal(() => saveProposalStep(db, otherProposer, { id, step: 'problem', version, ...STEPS.problem }))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => startProposal(db, otherProposer, { code: 'L1978' }))).toBeInstanceOf(Forbidden);
    expect(problemsOf(await refusal(() => startProposal(db, officer, { code: 'L9999' })))).toEqual({ code: 'proposal.error.fund' });
    const listed = await listFundProposals(db, otherProposer, { code: 'L1978', fiscalYear: 2570 });
    expect(listed.proposals.map((p) => p.id)).not.toContain(id);
  });

  it('offers the programs and situation rows of the fund’s approved plan', async () => {
    const { planOptions } = await import('../../src/use-cases/proposals.ts');
    const fund = await db.selectFrom('fund').select('id').where('code', '=', 'L1978').executeTakeFirstOrThrow();
    const options = await planOptions(db, fund.id, 2570);
    expect(options.fiscalYear).toBe(2570);
    expect(options.programs.length).toBeGreaterThan(0);
    const program = options.programs[0]!;
    const situation = program.situations[0]!;
    await save(proposer, 'problem', { ...STEPS.problem, programs: { [program.code]: 'on' }, situations: { [situation.indicator_code]: 'on' } });
    const view = await getProposal(db, proposer, { id });
    expect(view.content.programs).toEqual([program.code]);
    expect(view.content.situations).toEqual([{ indicator_code: situation.indicator_code, value: situation.value, target: situation.target }]);
    // A situation row the plan does not have is refused.
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'problem', version, ...STEPS.problem, situations: { NOPE01: 'on' } })))).toEqual({
      situations: 'proposal.error.situation',
    });
  });

  it('refuses bad pages beside their fields and changes nothing', async () => {
    const before = await getProposal(db, proposer, { id });
    const noLines = { activities: { 0: { title: 'กิจกรรมที่ไม่มีค่าใช้จ่าย', detail: '', expenses: {} } } };
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'activities', version, ...noLines })))).toEqual({
      'activities.0.expenses': 'proposal.error.noExpenseLines',
    });
    const negative = { activities: { 0: { title: 'อบรม', detail: '', expenses: { 0: { group: 'services', item: 'อาหาร', unit_cost: '60', units: '-3', times: '0' } } } } };
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'activities', version, ...negative })))).toEqual({
      'activities.0.expenses.0.units': 'admin.error.negative',
      'activities.0.expenses.0.times': 'proposal.error.atLeastOne',
    });
    const huge = { activities: { 0: { title: 'อบรม', detail: '', expenses: { 0: { group: 'services', item: 'อาหาร', unit_cost: '1,000,000', units: '1000000', times: '1000' } } } } };
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'activities', version, ...huge })))).toEqual({
      'activities.0.expenses.0.unit_cost': 'proposal.error.amountTooLarge',
    });
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'period', version, period_start: '2026-09-30', period_end: '2027-10-01', place: '' })))).toEqual({
      period_start: 'proposal.error.outsideYear',
      period_end: 'proposal.error.outsideYear',
    });
    expect(problemsOf(await refusal(() => saveProposalStep(db, proposer, { id, step: 'organisation', version, organisation_name: 'กลุ่ม', organisation_type: '9', coordinator_phone: '12' })))).toEqual({
      organisation_type: 'proposal.error.organisationType',
      coordinator_phone: 'proposal.error.phone',
    });
    const after = await getProposal(db, proposer, { id });
    expect({ version: after.version, content: after.content, budget: after.budget }).toEqual({ version: before.version, content: before.content, budget: before.budget });
  });

  it('computes the budget on the server from the lines, in satang', async () => {
    for (const step of ['objectives', 'targets', 'activities', 'period', 'results'] as const) await save(proposer, step, STEPS[step]);
    const view = await getProposal(db, proposer, { id });
    expect(view.budget).toBe(TOTAL);
    expect(view.content.activities.map((a) => a.total)).toEqual(['4800.00', '6030.00']);
    expect(view.problems).toEqual([]);
    expect(view.budgetCheck?.category).toBe(2);
  });

  it('detects a concurrent edit instead of overwriting it', async () => {
    const stale = version - 1;
    expect(await refusal(() => saveProposalStep(db, proposer, { id, step: 'results', version: stale, ...STEPS.results, expected_results: 'ทับ' }))).toBeInstanceOf(Conflict);
    expect((await getProposal(db, proposer, { id })).expectedResults).toBe(STEPS.results.expected_results);
  });

  it('is sent once: a double-clicked send is refused as stale, and the mentors and officer are told', async () => {
    await transitionProposal(db, proposer, { id, version, action: 'submit' });
    expect(await refusal(() => transitionProposal(db, proposer, { id, version, action: 'submit' }))).toBeInstanceOf(Invalid);
    const view = await getProposal(db, proposer, { id });
    version = view.version;
    expect(view.state).toBe('submitted');
    expect(view.mayEdit).toBe(false);
    expect(await unreadCount(db, mentor)).toBeGreaterThan(0);
    expect((await listInbox(db, officer)).items[0]).toMatchObject({ key: 'inbox.proposal.submit', link: `/proposals/${id}` });
    expect((await needsMe(db, mentor)).toReview.map((p) => p.id)).toContain(id);
    expect(await refusal(() => saveProposalStep(db, proposer, { id, step: 'results', version, ...STEPS.results }))).toBeInstanceOf(Invalid);
  });

  it('is reviewed by the district mentor, who may edit (kept as theirs) and must say why it goes back', async () => {
    await transitionProposal(db, mentor, { id, version, action: 'start_review' });
    version = (await getProposal(db, mentor, { id })).version;
    await save(mentor, 'period', { ...STEPS.period, place: 'ศาลาประชาคมหมู่ 3 บ้านโนนสูง' });
    expect(problemsOf(await refusal(() => transitionProposal(db, mentor, { id, version, action: 'return', reason: ' ' })))).toEqual({ reason: 'proposal.error.reason' });
    await addComment(db, mentor, { id, section: 'problem', body: 'ชื่อโครงการควรบอกพื้นที่', suggested_field: 'title', suggested_text: 'โครงการเยี่ยมบ้านผู้สูงอายุติดเตียงบ้านโนนสูง' });
    await transitionProposal(db, mentor, { id, version, action: 'return', reason: 'เพิ่มกิจกรรมติดตามผล' });
    const history = await getProposalHistory(db, proposer, { id });
    expect(history.versions.map((v) => v.reason)).toEqual(['submitted', 'mentor_edit']);
    expect(history.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['proposal.start', 'proposal.submit', 'proposal.start_review', 'proposal.mentor_edit', 'proposal.return']),
    );
    expect(history.comments.map((c) => c.body)).toEqual(['ชื่อโครงการควรบอกพื้นที่', 'เพิ่มกิจกรรมติดตามผล']);
    const changes = await compareVersions(db, proposer, { id, from: 1, to: 2 });
    expect(changes).toEqual([{ section: 'period', field: 'place', before: 'ศาลาประชาคมหมู่ 3', after: 'ศาลาประชาคมหมู่ 3 บ้านโนนสูง' }]);
  });

  it('goes back to the proposer, who accepts the suggestion and resubmits', async () => {
    const view = await getProposal(db, proposer, { id });
    version = view.version;
    expect(view.state).toBe('returned');
    expect((await needsMe(db, proposer)).mine.map((p) => p.id)).toContain(id);
    const suggestion = (await getProposalHistory(db, proposer, { id })).comments.find((c) => c.suggestedField === 'title')!;
    expect(await refusal(() => answerSuggestion(db, mentor, { id, commentId: suggestion.id, accept: true, version }))).toBeInstanceOf(Forbidden);
    ({ version } = await answerSuggestion(db, proposer, { id, commentId: suggestion.id, accept: true, version }));
    expect((await getProposal(db, proposer, { id })).title).toBe('โครงการเยี่ยมบ้านผู้สูงอายุติดเตียงบ้านโนนสูง');
    await transitionProposal(db, proposer, { id, version, action: 'resubmit' });
    version = (await getProposal(db, mentor, { id })).version;
    await transitionProposal(db, mentor, { id, version, action: 'start_review' });
    version = (await getProposal(db, mentor, { id })).version;
    await transitionProposal(db, mentor, { id, version, action: 'pass_review' });
    const passed = await getProposal(db, officer, { id });
    version = passed.version;
    expect(passed.state).toBe('reviewed');
    expect(passed.actions).toEqual(['return', 'add_to_agenda', 'cancel']);
    expect((await needsMe(db, officer)).forAgenda.map((p) => p.id)).toContain(id);
  });

  it('reaches the committee through a meeting that needs its quorum', async () => {
    expect(await refusal(() => transitionProposal(db, officer, { id, version, action: 'add_to_agenda' }))).toBeInstanceOf(Invalid);
    expect(await refusal(() => createMeeting(db, chair, { code: 'L1978', meeting_date: '2026-12-10' }))).toBeInstanceOf(Forbidden);
    const { id: meetingId } = await createMeeting(db, officer, { code: 'L1978', meeting_date: '2026-12-10', place: 'ห้องประชุม อบต.' });
    let meeting = await getMeeting(db, officer, { id: meetingId });
    expect(meeting.fiscalYear).toBe(2570);
    await addToAgenda(db, officer, { id: meetingId, proposalId: id, version });
    meeting = await getMeeting(db, chair, { id: meetingId });
    const item = meeting.items[0]!;
    expect(item).toMatchObject({ proposalId: id, state: 'on_agenda', changedSinceAgenda: false });
    // Now on its fund's agenda, the committee may read it; a committee elsewhere may not.
    expect((await getProposal(db, chair, { id })).state).toBe('on_agenda');
    expect(await refusal(() => getMeeting(db, otherChair, { id: meetingId }))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => decideAgenda(db, otherChair, { id: meetingId, version: meeting.version, decisions: { [item.id]: { decision: 'approve' } } }))).toBeInstanceOf(
      Forbidden,
    );

    const decide = (decisions: object) => decideAgenda(db, chair, { id: meetingId, version: meeting.version, decisions });
    expect(problemsOf(await refusal(() => decide({ [item.id]: { decision: 'approve', version: String(item.proposalVersion) } })))).toEqual({ _form: 'meeting.error.noQuorum' });

    const half = Math.ceil(meeting.members.length / 2);
    await saveAttendance(db, officer, { id: meetingId, version: meeting.version, present: Object.fromEntries(meeting.members.slice(0, half).map((m) => [m.id, 'on'])) });
    meeting = await getMeeting(db, chair, { id: meetingId });
    expect(meeting.quorum.met).toBe(true);
    expect(problemsOf(await refusal(() => decide({ [item.id]: { decision: 'approve', approved_amount: '10830.01' } })))).toEqual({
      [`decisions.${item.id}.approved_amount`]: 'meeting.error.overRequested',
    });
    expect((await getProposal(db, officer, { id })).state).toBe('on_agenda');

    await decide({ [item.id]: { decision: 'approve', approved_amount: '10,000', conditions: 'ส่งรายงานทุกไตรมาส', version: String(item.proposalVersion) } });
    const approved = await getProposal(db, proposer, { id });
    expect(approved.state).toBe('approved');
    // The demo's 70-L1978-2-01 came first: this is the fund's second 10(2) project of the year.
    expect(approved.project?.code).toBe('70-L1978-2-02');
    expect(approved.decision).toMatchObject({ approvedAmount: '10000.00', conditions: 'ส่งรายงานทุกไตรมาส' });
    // The same row, readable by anyone as a project.
    expect((await getProject(db, null, { code: '70-l1978-2-02' })).id).toBe(id);
    // Approval starts the follow-up: the project runs, its periods pay out exactly what was approved.
    const followUp = await getFollowUp(db, proposer, { code: '70-L1978-2-02' });
    expect(followUp.status).toBe('running');
    expect(followUp.periods.length).toBeGreaterThan(0);
    expect(followUp.periods.reduce((sum, p) => sum + p.instalment, 0)).toBe(1_000_000);
    const inbox = await listInbox(db, proposer);
    expect(inbox.items[0]?.key).toBe('inbox.proposal.approve');
    await markRead(db, proposer, { all: true });
    expect(await unreadCount(db, proposer)).toBe(0);
    const outbox = await db.selectFrom('audit_event').select('action').where('subject_type', '=', 'proposal').where('subject_id', '=', String(id)).execute();
    expect(outbox.map((e) => e.action)).toEqual(expect.arrayContaining(['proposal.add_to_agenda', 'proposal.approve']));
  });

  it('starts a new draft from one of the group’s earlier proposals, content but not decision', async () => {
    const { id: copyId } = await startProposal(db, proposer, { code: 'L1978', fiscal_year: '2570', copy_of: String(id) });
    const [original, copy] = await Promise.all([getProposal(db, proposer, { id }), getProposal(db, proposer, { id: copyId })]);
    expect(copy).toMatchObject({ state: 'draft', title: original.title, budget: TOTAL, project: null, decision: { approvedAmount: null } });
    expect(copy.content.activities).toEqual(original.content.activities);
    // Only the proposing group may copy its proposals.
    expect(await refusal(() => startProposal(db, officer, { code: 'L1978', copy_of: String(id) }))).toBeInstanceOf(Forbidden);
  });
});

describe('attachments', () => {
  let database: Database;
  let proposer: Actor;
  let id: number;
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    proposer = await actorFor(database.db, 'proposer.l1976');
    ({ id } = await startProposal(database.db, proposer, { code: 'L1976', fiscal_year: '2570' }));
  });
  afterAll(() => database.close());

  const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

  it('takes a PDF and refuses a file that is not what its name says', async () => {
    await addAttachment(database.db, proposer, { id, fileName: 'หนังสือรับรองกลุ่ม.pdf', bytes: PDF });
    expect(problemsOf(await refusal(() => addAttachment(database.db, proposer, { id, fileName: 'photo.pdf', bytes: PNG })))).toEqual({ file: 'proposal.error.fileMismatch' });
    expect(problemsOf(await refusal(() => addAttachment(database.db, proposer, { id, fileName: 'list.pdf', bytes: new TextEncoder().encode('name,phone') })))).toEqual({
      file: 'proposal.error.fileType',
    });
    expect(problemsOf(await refusal(() => addAttachment(database.db, proposer, { id, fileName: 'big.pdf', bytes: new Uint8Array(5 * 1024 * 1024 + 1) })))).toEqual({
      file: 'proposal.error.fileTooLarge',
    });
    const rows = await database.db.selectFrom('proposal_attachment').select(['file_name', 'media_type']).where('proposal_id', '=', id).execute();
    expect(rows).toEqual([{ file_name: 'หนังสือรับรองกลุ่ม.pdf', media_type: 'application/pdf' }]);
  });
});
