import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import type { OverviewFigures } from '../../src/domain/overview.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { recordReceipt } from '../../src/use-cases/ledger.ts';
import { addToAgenda, createMeeting, decideAgenda, getMeeting, saveAttendance } from '../../src/use-cases/meetings.ts';
import { getOverview, getOverviewFromBaseTables } from '../../src/use-cases/overview.ts';
import { requestVoucher, stepVoucher } from '../../src/use-cases/vouchers.ts';
import { actorFor } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

/** Leaves a transaction without keeping what it did. */
class RolledBack extends Error {}

/**
 * The summary behind the overviews (0014): equal to the figures added up from the base tables,
 * and current at every level as soon as an approval, a receipt or a payment commits.
 */
describe('overview summary', { timeout: 240_000 }, () => {
  let database: Database;
  let chain: string[];
  const FUND = 'L1976';
  const today = toBangkokIsoDate(new Date());
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    const fa = await database.db.selectFrom('fund_area').selectAll().where('fund_code', '=', FUND).executeTakeFirstOrThrow();
    chain = ['TH', fa.region_code, fa.province_code, fa.district_code, fa.fund_code];
  });
  afterAll(() => database.close());

  const overviews = (fiscalYear: number) => Promise.all(chain.map((area) => getOverview(database.db, null, { area, fiscalYear })));

  async function expectSummaryEqualsBase(fiscalYear: number, areas = chain, day = today, db: Kysely<DB> = database.db) {
    for (const area of areas) {
      const [summary, base] = await Promise.all([
        getOverview(db, null, { area, fiscalYear }, day),
        getOverviewFromBaseTables(db, { area, fiscalYear }, day),
      ]);
      expect(summary, `${area} ${fiscalYear} on ${day}`).toEqual(base);
    }
  }

  /** The district summary (0021) as kept, and as recomputed from scratch in the same transaction. */
  async function districtSummaryKeptAndRecomputed() {
    const snapshot = async (tx: Kysely<DB>) => {
      const { rows } = await sql<{ summary: unknown; closes: unknown; due: unknown }>`
        select (select jsonb_agg(to_jsonb(d) order by d.fiscal_year, d.district_code) from district_year_summary d) as summary,
          (select jsonb_agg(to_jsonb(c) order by c.fiscal_year, c.district_code, c.months_closed) from district_month_close c) as closes,
          (select jsonb_agg(to_jsonb(r) order by r.fiscal_year, r.district_code, r.due_date) from district_report_due r) as due`.execute(tx);
      return rows[0]!;
    };
    let pair: [unknown, unknown] = [null, null];
    await database.db.transaction().execute(async (tx) => {
      const kept = await snapshot(tx);
      await sql`delete from district_year_summary`.execute(tx);
      await sql`select district_year_summary_refresh(array(
        select distinct row(fa.district_code, s.fiscal_year)::district_year_key
        from fund_year_summary s join fund_area fa on fa.fund_id = s.fund_id))`.execute(tx);
      pair = [kept, await snapshot(tx)];
      throw new RolledBack();
    }).catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    return pair;
  }

  it('stores, for every fund-year, what the base tables give', async () => {
    const { rows } = await sql<{ n: number; differ: number }>`
      select count(*)::int as n, count(*) filter (where to_jsonb(s) - 'fund_id' - 'fiscal_year' <> to_jsonb(b))::int as differ
      from fund_year_summary s
      cross join lateral (select g.*, m.* from fund_year_figures_of(s.fund_id, s.fiscal_year) g
        cross join fund_year_money_of(s.fund_id, s.fiscal_year, true) m) b`.execute(database.db);
    expect(rows[0]!.n).toBeGreaterThan(7000);
    expect(rows[0]!.differ).toBe(0);
  });

  it('recomputes many fund-years at once (0019) exactly as one at a time, rows owed and rows dropped included', async () => {
    // Province 33's fund-years, plus one a fund never recorded anything in (it must get no row).
    const keys = sql`array(select row(s.fund_id, s.fiscal_year)::fund_year_key from fund_year_summary s
      join fund_area fa on fa.fund_id = s.fund_id where fa.province_code = '33'
      union all select row(min(fund_id), 2545)::fund_year_key from fund_year_summary)`;
    const snapshot = async (tx: Kysely<DB>) => {
      const { rows } = await sql<{ summary: unknown; due: unknown; n: number; owed: number }>`
        select (select jsonb_agg(to_jsonb(s) order by s.fund_id, s.fiscal_year) from fund_year_summary s) as summary,
          (select jsonb_agg(to_jsonb(d) order by d.fund_id, d.fiscal_year, d.due_date) from fund_report_due d) as due,
          (select count(*)::int from fund_year_summary s join fund_area fa on fa.fund_id = s.fund_id where fa.province_code = '33') as n,
          (select count(*)::int from fund_report_due d join fund_area fa on fa.fund_id = d.fund_id where fa.province_code = '33') as owed`.execute(tx);
      return rows[0]!;
    };
    await database.db.transaction().execute(async (tx) => {
      // A stale row, as if its records had gone: each path must drop it.
      const stale = () => sql`insert into fund_year_summary select fund_id, 2545, is_active, population, has_plan, has_financial_plan,
        plan_programs, proposals_developed, projects_followed, projects_paper, projects_imported, approved_budget,
        approved_peoples_group, target_people, target_groups_covered, months_closed, opening_balance, received_nhso,
        received_local, received_interest, received_other, refunded, paid, paid_1, paid_2, paid_3, paid_4, paid_5,
        paid_peoples_group, paid_q1, paid_q2, paid_q3, paid_q4, balance
        from fund_year_summary where fund_id = (select min(fund_id) from fund_year_summary) limit 1`.execute(tx);
      await stale();
      await sql`select fund_year_summary_refresh(k.fund_id, k.fiscal_year) from unnest(${keys}) k`.execute(tx);
      const oneByOne = await snapshot(tx);
      await stale();
      await sql`select fund_year_summary_refresh_set(${keys})`.execute(tx);
      const atOnce = await snapshot(tx);
      expect(oneByOne.n).toBeGreaterThan(100);
      expect(oneByOne.owed).toBeGreaterThan(0);
      expect(atOnce).toEqual(oneByOne);
      throw new RolledBack();
    }).catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  });

  it('gives every overview figure, at every level, equal to the same figure from the base tables', async () => {
    for (const fy of [2568, 2569, 2570]) await expectSummaryEqualsBase(fy);
    const [country] = await overviews(2569);
    expect(country!.totals.funds).toBeGreaterThan(7000);
    expect(country!.totals.projectsFollowed).toBeGreaterThan(0);
    expect(country!.totals.paid).toBeGreaterThan(0);
    expect(country!.children.map((c) => c.code)).toContain('R10');
  });

  it('counts the day\'s figures above the district (reports due, month closes) as the funds do, whatever the day', async () => {
    // Before, inside and after each fiscal year: no close expected yet, some, all twelve.
    const days = ['2025-09-30', '2025-10-01', '2025-12-15', '2026-04-30', '2026-10-01', '2027-01-31'];
    for (const day of days) {
      for (const fy of [2569, 2570]) await expectSummaryEqualsBase(fy, chain.slice(0, 4), day);
    }
    const { rows } = await sql<{ owed: number; first: number }>`
      select count(*)::int as owed, coalesce(sum(funds_first_unsubmitted), 0)::int as first from district_report_due`.execute(database.db);
    expect(rows[0]!.owed).toBeGreaterThan(0);
    expect(rows[0]!.first).toBeGreaterThan(0);
  });

  it('follows a fund to another district, and a new fund deleted with its year (0021)', async () => {
    const moved = chain[4]!;
    const from = await database.db.selectFrom('fund_area').selectAll().where('fund_code', '=', moved).executeTakeFirstOrThrow();
    // A district of another province and region.
    const to = await database.db.selectFrom('area').select(['code', 'parent_code']).where('level', '=', 'district')
      .where('parent_code', 'not in', [from.province_code]).where('code', 'like', '1%').orderBy('code').executeTakeFirstOrThrow();
    const toProvince = to.parent_code!;
    const toRegion = (await database.db.selectFrom('area').select('parent_code').where('code', '=', toProvince).executeTakeFirstOrThrow()).parent_code!;
    const areas = ['TH', from.region_code, from.province_code, from.district_code, toRegion, toProvince, to.code];
    await database.db.transaction().execute(async (tx) => {
      const before = await getOverview(tx, null, { area: to.code, fiscalYear: 2569 });
      await tx.updateTable('fund').set({ district_code: to.code }).where('code', '=', moved).execute();
      await expectSummaryEqualsBase(2569, areas, today, tx);
      const after = await getOverview(tx, null, { area: toProvince, fiscalYear: 2569 });
      expect(after.children.find((c) => c.code === to.code)!.figures.funds).toBe(before.totals.funds + 1);

      // A fund with only its population recorded, then deleted with everything it has.
      const { id } = await tx.insertInto('fund')
        .values({ code: 'L9990', name_th: 'กองทุนทดสอบ', lao_type: 'sao', lao_name: 'อบต.ทดสอบ', district_code: from.district_code })
        .returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('fund_year').values({ fund_id: id, fiscal_year: 2569, population: 4321, updated_at: new Date().toISOString() }).execute();
      await expectSummaryEqualsBase(2569, areas, today, tx);
      const withNew = await getOverview(tx, null, { area: from.province_code, fiscalYear: 2569 });
      await tx.deleteFrom('fund').where('id', '=', id).execute();
      await expectSummaryEqualsBase(2569, areas, today, tx);
      const gone = await getOverview(tx, null, { area: from.province_code, fiscalYear: 2569 });
      expect(gone.totals.population).toBe(withNew.totals.population - 4321);
      expect(gone.totals.funds).toBe(withNew.totals.funds - 1);
      throw new RolledBack();
    }).catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  });

  it('is never stale: an approval, a receipt and a payment show at every level once committed', async () => {
    const fy = 2570;
    const before = await overviews(fy);
    const who = async (role: string): Promise<Actor> => actorFor(database.db, `${role}.${FUND.toLowerCase()}`);
    const [officer, chair, finance, treasurer, clerk] = await Promise.all(['officer', 'chair', 'finance', 'treasurer', 'clerk'].map(who));

    // The committee approves the demo's reviewed proposal.
    const proposal = await database.db
      .selectFrom('proposal')
      .innerJoin('fund', 'fund.id', 'proposal.fund_id')
      .select(['proposal.id', 'proposal.version'])
      .where('fund.code', '=', FUND)
      .where('proposal.state', '=', 'reviewed')
      .executeTakeFirstOrThrow();
    const { id: meetingId } = await createMeeting(database.db, officer!, { code: FUND, meeting_date: today, place: 'ห้องประชุม' });
    await addToAgenda(database.db, officer!, { id: meetingId, proposalId: proposal.id, version: proposal.version });
    let meeting = await getMeeting(database.db, officer!, { id: meetingId });
    await saveAttendance(database.db, officer!, { id: meetingId, version: meeting.version, present: Object.fromEntries(meeting.members.map((m) => [m.id, 'on'])) });
    meeting = await getMeeting(database.db, chair!, { id: meetingId });
    const item = meeting.items[0]!;
    await decideAgenda(database.db, chair!, { id: meetingId, version: meeting.version, decisions: { [item.id]: { decision: 'approve', approved_amount: '5,000', version: String(item.proposalVersion) } } });
    const approved = await overviews(fy);
    approved.forEach((o, i) => {
      expect(o.totals.projectsFollowed, o.area.code).toBe(before[i]!.totals.projectsFollowed + 1);
      expect(o.totals.approvedBudget, o.area.code).toBe(before[i]!.totals.approvedBudget + 5_000_00);
    });

    // A receipt from NHSO, then the project paid through the voucher chain.
    await recordReceipt(database.db, finance!, { code: FUND, source: 'nhso', entry_date: today, amount: '1234.56' });
    const received = await overviews(fy);
    received.forEach((o, i) => {
      expect(o.totals.receivedNhso, o.area.code).toBe(approved[i]!.totals.receivedNhso + 1_234_56);
      expect(o.totals.balance, o.area.code).toBe(approved[i]!.totals.balance + 1_234_56);
    });
    const code = (await database.db.selectFrom('proposal').select('project_code').where('id', '=', proposal.id).executeTakeFirstOrThrow()).project_code!;
    const { id: voucherId } = await requestVoucher(database.db, officer!, { code: FUND, purpose: 'project', project_code: code, amount: '2000', payment_method: 'transfer' });
    let version = 1;
    for (const [step, actor] of [['check', finance], ['approve_finance', treasurer], ['approve_clerk', clerk], ['approve_chair', chair]] as const) {
      await stepVoucher(database.db, actor!, { id: voucherId, step, version: version++ }, today);
    }
    const paid = await overviews(fy);
    paid.forEach((o, i) => {
      const was: OverviewFigures = received[i]!.totals;
      expect(o.totals.paid, o.area.code).toBe(was.paid + 2_000_00);
      expect(o.totals.balance, o.area.code).toBe(was.balance - 2_000_00);
    });
    await expectSummaryEqualsBase(fy);
    const [kept, recomputed] = await districtSummaryKeptAndRecomputed();
    expect(kept).toEqual(recomputed);
  });
});
