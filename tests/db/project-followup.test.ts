import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { listInbox } from '../../src/use-cases/inbox.ts';
import {
  addActivityFile,
  changeProjectStatus,
  deleteActivity,
  getActivityFile,
  getFollowUp,
  recordActivity,
  removeActivityFile,
  setPeriods,
  startFollowUp,
  updateActivity,
} from '../../src/use-cases/project-followup.ts';
import { requestVoucher, voucherForm } from '../../src/use-cases/vouchers.ts';
import { actorFor, permissionMatrix, refusal } from '../support/actors.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';
import { createTestDatabase } from '../support/test-db.ts';

/**
 * Following a project of L1976's own proposer (FY 2569, over): every role against every action,
 * then the rules of periods, activity records, their files and the project's status.
 */
const ACCOUNTS = { ...ROLES_AROUND_L1976, proposer_self: 'proposer.l1976', proposer_other: 'proposer.l1977' } as const;
type Who = keyof typeof ACCOUNTS | 'public';
const WHO = ['public', ...Object.keys(ACCOUNTS)] as Who[];
const INTERNAL: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in', 'committee_in'];
const RECORDERS: Who[] = ['admin', 'officer_in', 'proposer_self'];
const MANAGERS: Who[] = ['admin', 'officer_in'];

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

/** A real (tiny) PNG: signature, IHDR, one IDAT, IEND; CRCs are not checked by the sniffer but are right anyway. */
function png(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

describe('following a project', () => {
  let database: Database;
  let db: Database['db'];
  const actors = new Map<Who, Actor | null>([['public', null]]);
  let code: string;
  let period: { start: string; end: string };
  let targetGroup: string;
  let position: string;
  const actor = (who: Who) => actors.get(who) ?? null;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    for (const [who, username] of Object.entries(ACCOUNTS)) actors.set(who as Who, await actorFor(db, username));
    const project = await db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select(['p.id', 'p.project_code', 'p.period_start', 'p.period_end'])
      .where('f.code', '=', 'L1976')
      .where('p.fiscal_year', '=', 2569)
      .where('p.created_by', '=', actor('proposer_self')!.userId)
      .where('p.project_status', '=', 'running')
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    code = project.project_code!;
    period = { start: project.period_start!, end: project.period_end! };
    const group = await db.selectFrom('proposal_target_group').select('target_group_code').where('proposal_id', '=', project.id).executeTakeFirstOrThrow();
    targetGroup = group.target_group_code;
    const planned = await db.selectFrom('proposal_activity').select('position').where('proposal_id', '=', project.id).orderBy('position').executeTakeFirstOrThrow();
    position = String(planned.position);
    // Demo projects get their periods as real approvals do.
    await db.transaction().execute((tx) => startFollowUp(tx, project.id));
  });
  afterAll(() => database.close());

  const activity = (overrides: Record<string, unknown> = {}) => ({
    code,
    activity_date: period.start,
    title: 'ประชุมชี้แจงโครงการกับแกนนำชุมชน',
    activity_position: position,
    done: 'ชี้แจงวัตถุประสงค์และแบ่งหน้าที่',
    participants: { 0: { target_group_code: targetGroup, planned: '30', actual: '27' } },
    expenses: { 0: { group: 'materials', amount: '1,250.50' }, 1: { group: 'travel', amount: '' } },
    ...overrides,
  });

  describe('every role against every action', () => {
    const CASES: [string, Who[], (a: Actor | null) => Promise<unknown>][] = [
      ['read the follow-up', [...INTERNAL, 'proposer_self'], (a) => getFollowUp(db, a, { code })],
      // Allowed calls stop at their input: nothing is written.
      ['record an activity', RECORDERS, (a) => recordActivity(db, a, { code, title: '' })],
      ['set the periods', MANAGERS, (a) => setPeriods(db, a, { code, stamp: '' })],
      ['change the status', MANAGERS, (a) => changeProjectStatus(db, a, { code, to: 'nonsense', version: '1' })],
    ];
    for (const [name, allowed, call] of CASES) {
      it(name, async () => {
        const { outcome, expected } = await permissionMatrix(WHO, allowed, (who) => call(actor(who)));
        expect(outcome).toEqual(expected);
      });
    }

    it('tells each reader what they may do', async () => {
      const rights: Record<string, [boolean, boolean]> = {};
      for (const who of [...INTERNAL, 'proposer_self'] as Who[]) {
        const view = await getFollowUp(db, actor(who), { code });
        rights[who] = [view.mayRecord, view.mayManage];
      }
      for (const who of Object.keys(rights)) expect({ who, rights: rights[who] }).toEqual({ who, rights: [RECORDERS.includes(who as Who), MANAGERS.includes(who as Who)] });
    });

    it('wrote nothing', async () => {
      const n = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'project.%').executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });
  });

  describe('activity records', () => {
    it('records an activity with its participants and expenses, blank expense groups left out', async () => {
      const { id } = await recordActivity(db, actor('proposer_self'), activity());
      const view = await getFollowUp(db, actor('officer_in'), { code });
      const record = view.activities.find((a) => a.id === id)!;
      expect(record).toMatchObject({ title: 'ประชุมชี้แจงโครงการกับแกนนำชุมชน', activityPosition: Number(position), periodNumber: 1, total: 125_050 });
      expect(record.participants).toEqual([{ targetGroupCode: targetGroup, planned: 30, actual: 27 }]);
      expect(record.expenses).toEqual([{ group: 'materials', amount: 125_050 }]);
      expect(view.expenseGroups.find((g) => g.group === 'materials')?.actual).toBeGreaterThanOrEqual(125_050);
    });

    it('refuses a date outside the project, an unknown planned activity, a repeated expense group and a negative amount; writes nothing', async () => {
      const count = async () => Number((await db.selectFrom('project_activity_record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const dayBefore = new Date(Date.parse(`${period.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(problemsOf(await refusal(() => recordActivity(db, actor('proposer_self'), activity({ activity_date: dayBefore }))))).toEqual({ activity_date: 'followup.error.beforeStart' });
      expect(problemsOf(await refusal(() => recordActivity(db, actor('proposer_self'), activity({ activity_date: '2099-01-01' }))))).toEqual({ activity_date: 'followup.error.afterEnd' });
      expect(
        problemsOf(
          await refusal(() =>
            recordActivity(db, actor('officer_in'), activity({ activity_position: '99', expenses: { 0: { group: 'travel', amount: '10' }, 1: { group: 'travel', amount: '20' } } })),
          ),
        ),
      ).toEqual({ activity_position: 'followup.error.activity', 'expenses.1.amount': 'followup.error.expenseTwice' });
      expect(problemsOf(await refusal(() => recordActivity(db, actor('officer_in'), activity({ expenses: [{ group: 'travel', amount: '-5' }] }))))).toEqual({
        'expenses.0.amount': 'admin.error.negative',
      });
      expect(problemsOf(await refusal(() => recordActivity(db, actor('officer_in'), activity({ activity_date: '31/02/2569' }))))).toHaveProperty('activity_date');
      expect(await count()).toBe(before);
    });

    it('edits with the version it was read at; a second save from an old form is a conflict and changes nothing', async () => {
      const { id } = await recordActivity(db, actor('proposer_self'), activity({ title: 'อบรมอาสาสมัคร' }));
      await updateActivity(db, actor('officer_in'), { id, ...activity({ version: '1', title: 'อบรมอาสาสมัครสาธารณสุข', expenses: {} }) });
      expect(await refusal(() => updateActivity(db, actor('proposer_self'), { id, ...activity({ version: '1', title: 'ทับของคนอื่น' }) }))).toBeInstanceOf(Conflict);
      const record = (await getFollowUp(db, actor('officer_in'), { code })).activities.find((a) => a.id === id)!;
      expect(record).toMatchObject({ title: 'อบรมอาสาสมัครสาธารณสุข', version: 2, expenses: [], total: 0 });
      expect(await refusal(() => deleteActivity(db, actor('proposer_self'), { code, id, version: '1' }))).toBeInstanceOf(Conflict);
      await deleteActivity(db, actor('proposer_self'), { code, id, version: '2' });
      expect((await getFollowUp(db, actor('officer_in'), { code })).activities.some((a) => a.id === id)).toBe(false);
    });

    it('keeps photos and receipts checked by their bytes, readable by the project’s people only', async () => {
      const { id } = await recordActivity(db, actor('proposer_self'), activity({ title: 'รณรงค์ทำความสะอาด' }));
      const { fileId } = await addActivityFile(db, actor('proposer_self'), { code, id, kind: 'photo', fileName: 'รณรงค์.png', bytes: png() });
      expect(problemsOf(await refusal(() => addActivityFile(db, actor('proposer_self'), { code, id, kind: 'photo', fileName: 'photo.pdf', bytes: png() })))).toEqual({
        file: 'proposal.error.fileMismatch',
      });
      expect(problemsOf(await refusal(() => addActivityFile(db, actor('proposer_self'), { code, id, kind: 'photo', fileName: 'x.png', bytes: new TextEncoder().encode('not an image') })))).toEqual({
        file: 'proposal.error.fileType',
      });
      expect(problemsOf(await refusal(() => addActivityFile(db, actor('proposer_self'), { code, id, kind: 'selfie', fileName: 'x.png', bytes: png() })))).toEqual({
        kind: 'followup.error.fileKind',
      });
      expect((await getActivityFile(db, actor('committee_in'), { code, id, fileId })).media_type).toBe('image/png');
      expect(await refusal(() => getActivityFile(db, actor('proposer_other'), { code, id, fileId }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => removeActivityFile(db, actor('committee_in'), { code, id, fileId }))).toBeInstanceOf(Forbidden);
      await removeActivityFile(db, actor('officer_in'), { code, id, fileId });
      expect((await getFollowUp(db, actor('officer_in'), { code })).activities.find((a) => a.id === id)?.files).toEqual([]);
    });
  });

  describe('periods', () => {
    it('the officer splits the project anew; the instalments must add up, and a stale form is a conflict', async () => {
      const view = await getFollowUp(db, actor('officer_in'), { code });
      const approved = view.approved;
      const middle = view.periods[0]!.periodEnd;
      const next = view.periods[1]?.periodStart ?? middle;
      const rows = (first: string, second: string) => ({
        0: { period_start: period.start, period_end: middle, report_due: middle, instalment: first },
        1: { period_start: next, period_end: period.end, report_due: period.end, instalment: second },
        2: { period_start: '', period_end: '', report_due: '', instalment: '' },
      });
      const baht = (satang: number) => (satang / 100).toFixed(2);
      const short = await refusal(() => setPeriods(db, actor('officer_in'), { code, stamp: view.periodsStamp, periods: rows(baht(approved - 100), '0') }));
      expect(problemsOf(short)).toEqual({ periods: 'followup.error.instalmentSum' });
      const { stamp } = await setPeriods(db, actor('officer_in'), { code, stamp: view.periodsStamp, periods: rows(baht(approved - 100), '1') });
      const after = await getFollowUp(db, actor('proposer_self'), { code });
      expect(after.periods.map((p) => p.instalment)).toEqual([approved - 100, 100]);
      expect(after.periodsStamp).toBe(stamp);
      expect(await refusal(() => setPeriods(db, actor('officer_in'), { code, stamp: view.periodsStamp, periods: rows(baht(approved), '0') }))).toBeInstanceOf(Conflict);
      expect(problemsOf(await refusal(() => setPeriods(db, actor('officer_in'), { code, stamp, periods: { 0: { period_start: period.end, period_end: period.start, report_due: period.end, instalment: baht(approved) } } })))).toEqual({
        'periods.0.period_end': 'followup.error.periodOrder',
      });
    });
  });

  describe('status', () => {
    it('suspends with a reason, tells the group, refuses new records while suspended, resumes and completes', async () => {
      let view = await getFollowUp(db, actor('officer_in'), { code });
      expect(view.nextStatuses).toEqual(['completed', 'suspended', 'terminated']);
      expect(problemsOf(await refusal(() => changeProjectStatus(db, actor('officer_in'), { code, to: 'suspended', reason: ' ', version: String(view.version) })))).toEqual({
        reason: 'followup.error.reason',
      });
      await changeProjectStatus(db, actor('officer_in'), { code, to: 'suspended', reason: 'ผู้รับผิดชอบย้ายออกจากพื้นที่', version: String(view.version) });
      expect(await refusal(() => changeProjectStatus(db, actor('admin'), { code, to: 'terminated', reason: 'ซ้ำ', version: String(view.version) }))).toBeInstanceOf(Conflict);
      view = await getFollowUp(db, actor('proposer_self'), { code });
      expect(view).toMatchObject({ status: 'suspended', statusReason: 'ผู้รับผิดชอบย้ายออกจากพื้นที่', mayRecord: false });
      expect(view.statusHistory.at(-1)).toMatchObject({ from: 'running', to: 'suspended', reason: 'ผู้รับผิดชอบย้ายออกจากพื้นที่' });
      expect((await listInbox(db, actor('proposer_self'))).items[0]?.key).toBe('followup.inbox.status.suspended');
      expect(problemsOf(await refusal(() => recordActivity(db, actor('proposer_self'), activity())))).toEqual({ activity_date: 'followup.error.notRunning' });
      // Nor is a suspended project paid: the voucher form leaves it out and a request is refused.
      expect((await voucherForm(db, actor('officer_in'), { code: 'L1976' })).projects.map((p) => p.code)).not.toContain(code);
      const request = { code: 'L1976', purpose: 'project', project_code: code, amount: '1', payment_method: 'transfer' };
      expect(problemsOf(await refusal(() => requestVoucher(db, actor('officer_in'), request)))).toEqual({ project_code: 'ledger.error.projectStopped' });

      await changeProjectStatus(db, actor('officer_in'), { code, to: 'running', version: String(view.version) });
      view = await getFollowUp(db, actor('officer_in'), { code });
      await changeProjectStatus(db, actor('officer_in'), { code, to: 'completed', version: String(view.version) });
      view = await getFollowUp(db, actor('officer_in'), { code });
      expect(view).toMatchObject({ status: 'completed', nextStatuses: [] });
      expect(problemsOf(await refusal(() => changeProjectStatus(db, actor('officer_in'), { code, to: 'running', version: String(view.version) })))).toEqual({ to: 'followup.error.status' });
      // A completed project still takes late records: the final report is written after the end.
      expect(view.mayRecord).toBe(true);
      const events = await sql<{ n: number }>`select count(*)::int as n from project_status_event e join proposal p on p.id = e.proposal_id where p.project_code = ${code}`.execute(db);
      expect(events.rows[0]?.n).toBe(3);
    });
  });
});
