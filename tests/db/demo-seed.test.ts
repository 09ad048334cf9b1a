import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { AREA_ACCOUNTS, FUND_ROLE_PREFIXES, isDatabaseEmpty, seedDemo } from '../../src/db/seed/demo.ts';
import { COMPLETE_DISTRICTS, DEMO_FISCAL_YEARS } from '../../src/db/seed/demo-registry.ts';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { fromNumeric, sumSatang } from '../../src/domain/money.ts';
import { projectMoneyOf } from '../../src/use-cases/ledger.ts';
import { createTestDatabase } from '../support/test-db.ts';

const count = async (
  database: Database,
  table: 'fund' | 'app_user' | 'fund_year' | 'committee_member' | 'organisation' | 'project_period' | 'project_activity_record' | 'project_activity_attachment' | 'project_status_event',
) =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// Seeding the whole country with plans takes tens of seconds on PGlite, twice in the first test.
describe('demo seed', { timeout: 480_000 }, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('finds a migrated database empty, fills it, and can be run again without duplicates', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    const followUp = async () => ({
      periods: await count(database, 'project_period'),
      records: await count(database, 'project_activity_record'),
      files: await count(database, 'project_activity_attachment'),
      statusEvents: await count(database, 'project_status_event'),
    });
    const first = { funds: await count(database, 'fund'), users: await count(database, 'app_user'), followUp: await followUp() };
    await seedDemo(database.db);
    expect(await count(database, 'fund')).toBe(first.funds);
    expect(await count(database, 'app_user')).toBe(first.users);
    // The projects are reloaded with what was recorded on them, not added to.
    expect(await followUp()).toEqual(first.followUp);
    expect(first.followUp.records).toBeGreaterThan(0);
    expect(first.users).toBe(AREA_ACCOUNTS.length + COMPLETE_DISTRICTS.length * 3 * FUND_ROLE_PREFIXES.length);
  });

  it('gives every district outside Bangkok funds named after its subdistricts, with year profiles', async () => {
    const districtsWithoutFunds = await database.db
      .selectFrom('area')
      .select('code')
      .where('level', '=', 'district')
      .where('code', 'not like', '10%')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('fund').select('fund.id').whereRef('fund.district_code', '=', 'area.code'))),
      )
      .execute();
    expect(districtsWithoutFunds).toEqual([]);
    const funds = await count(database, 'fund');
    expect(funds).toBeGreaterThan(7000);
    expect(await count(database, 'fund_year')).toBe(funds * DEMO_FISCAL_YEARS.length);
    const sample = await database.db
      .selectFrom('fund')
      .innerJoin('fund_subdistrict', 'fund_subdistrict.fund_id', 'fund.id')
      .innerJoin('area', 'area.code', 'fund_subdistrict.subdistrict_code')
      .select(['fund.name_th', 'area.name_th as subdistrict'])
      .limit(50)
      .execute();
    for (const row of sample) expect(row.name_th).toContain(row.subdistrict);
  });

  it('makes three complete funds in each of กันทรลักษ์ and เมืองพะเยา, with committees and people', async () => {
    for (const district of COMPLETE_DISTRICTS) {
      const complete = await database.db
        .selectFrom('fund')
        .select('fund.code')
        .where('district_code', '=', district)
        .where(({ exists, selectFrom }) => exists(selectFrom('committee_member').select('id').whereRef('committee_member.fund_id', '=', 'fund.id')))
        .execute();
      expect(complete).toHaveLength(3);
      for (const { code } of complete) {
        const roles = await database.db
          .selectFrom('role_assignment')
          .select('role')
          .where('scope_code', '=', code)
          .execute();
        expect(roles.map((r) => r.role).sort()).toEqual(FUND_ROLE_PREFIXES.map(([, role]) => role).sort());
      }
    }
    const groups = await database.db
      .selectFrom('organisation')
      .innerJoin('organisation_member', 'organisation_member.organisation_id', 'organisation.id')
      .select(['organisation.id', (eb) => eb.fn.countAll<number>().as('members')])
      .groupBy('organisation.id')
      .execute();
    expect(groups).toHaveLength(6);
    for (const g of groups) expect(Number(g.members)).toBeGreaterThanOrEqual(5);
  });

  it('gives every fund approved plans for 2568 and 2569, and the complete funds a plan at each step in 2570', async () => {
    const db = database.db;
    const funds = await count(database, 'fund');
    const approved = await db
      .selectFrom('fund_plan')
      .select(['fiscal_year', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'approved')
      .groupBy('fiscal_year')
      .orderBy('fiscal_year')
      .execute();
    expect(approved.filter((r) => r.fiscal_year < 2570).map((r) => Number(r.n))).toEqual([funds, funds]);
    const steps = await db
      .selectFrom('fund_plan')
      .innerJoin('fund', 'fund.id', 'fund_plan.fund_id')
      .select(['fund.code', 'fund_plan.status'])
      .where('fund_plan.fiscal_year', '=', 2570)
      .where('fund.code', 'in', ['L1976', 'L1977', 'L1978', 'L4579', 'L4580', 'L4581'])
      .orderBy('fund.code')
      .execute();
    expect(steps.map((r) => `${r.code} ${r.status}`)).toEqual([
      'L1976 draft',
      'L1977 submitted',
      'L1978 approved',
      'L4579 draft',
      'L4580 submitted',
      'L4581 approved',
    ]);
    // Every plan has fund administration; every approved situation value is in the facts.
    const withoutAdmin = await db
      .selectFrom('fund_plan as p')
      .select('p.id')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('plan_entry as e').select('e.id').whereRef('e.plan_id', '=', 'p.id').where('e.program_code', '=', 'fund_admin'))))
      .execute();
    expect(withoutAdmin).toEqual([]);
    const situations = await db
      .selectFrom('plan_situation as s')
      .innerJoin('plan_entry as e', 'e.id', 's.entry_id')
      .innerJoin('fund_plan as p', 'p.id', 'e.plan_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const facts = await db.selectFrom('situation_fact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(facts.n)).toBe(Number(situations.n));
    expect(Number(facts.n)).toBeGreaterThan(funds);
    // The district health boards' issues: at least two a year in both complete districts.
    const issues = await db
      .selectFrom('district_issue')
      .select(['district_code', 'fiscal_year', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['district_code', 'fiscal_year'])
      .orderBy('district_code')
      .orderBy('fiscal_year')
      .execute();
    expect(issues.map((r) => `${r.district_code} ${r.fiscal_year}`)).toEqual(['3304 2569', '3304 2570', '5601 2569', '5601 2570']);
    expect(issues.every((r) => Number(r.n) >= 2)).toBe(true);
  });

  it('gives every approved demo project periods adding up to its approved amount', async () => {
    const projects = await database.db
      .selectFrom('proposal')
      .select(['id', 'project_code', 'approved_amount', 'period_start', 'period_end'])
      .where('is_demo', '=', true)
      .where('project_code', 'is not', null)
      .execute();
    expect(projects.length).toBeGreaterThan(20);
    const periods = await database.db.selectFrom('project_period').selectAll().orderBy('proposal_id').orderBy('number').execute();
    for (const p of projects) {
      const own = periods.filter((x) => x.proposal_id === p.id);
      expect(own.length, p.project_code!).toBeGreaterThan(0);
      expect(sumSatang(own.map((x) => fromNumeric(x.instalment))), p.project_code!).toBe(fromNumeric(p.approved_amount!));
      expect(own[0]!.period_start).toBe(p.period_start);
      expect(own.at(-1)!.period_end).toBe(p.period_end);
    }
  });

  it('records what the complete fund L1978 did on its projects: activities with people, photos and spending within what was paid', async () => {
    const db = database.db;
    const today = toBangkokIsoDate(new Date());
    const projects = await db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select(['p.id', 'p.project_code', 'p.project_status', 'p.project_status_reason', 'p.period_start', 'p.period_end'])
      .where('f.code', '=', 'L1978')
      .where('p.project_code', 'is not', null)
      .orderBy('p.project_code')
      .execute();
    const records = await db
      .selectFrom('project_activity_record as r')
      .select(['r.id', 'r.proposal_id', 'r.activity_date', 'r.activity_position', 'r.title', 'r.done', 'r.outputs', 'r.outcomes'])
      .where('r.proposal_id', 'in', projects.map((p) => p.id))
      .execute();
    for (const p of projects.filter((p) => p.period_end! < today)) {
      const own = records.filter((r) => r.proposal_id === p.id);
      expect(own.length, p.project_code!).toBeGreaterThanOrEqual(2);
      expect(own.length, p.project_code!).toBeLessThanOrEqual(5);
    }
    for (const r of records) {
      const p = projects.find((x) => x.id === r.proposal_id)!;
      expect(r.activity_date >= p.period_start! && r.activity_date <= p.period_end! && r.activity_date <= today, `${p.project_code} ${r.activity_date}`).toBe(true);
      expect(r.activity_position).not.toBeNull();
      expect(`${r.title}${r.done}${r.outputs}${r.outcomes}`).toMatch(/[\u0E00-\u0E7F]/);
    }
    const ids = records.map((r) => r.id);
    const participants = await db.selectFrom('project_activity_participant').selectAll().where('record_id', 'in', ids).execute();
    expect(new Set(participants.map((x) => x.record_id)).size).toBe(ids.length);
    expect(participants.some((x) => x.actual !== x.planned)).toBe(true);
    // Spending never runs ahead of the money the books paid the project (less what came back).
    const expenses = await db.selectFrom('project_activity_expense').selectAll().where('record_id', 'in', ids).execute();
    for (const p of projects) {
      const own = new Set(records.filter((r) => r.proposal_id === p.id).map((r) => r.id));
      const spent = sumSatang(expenses.filter((e) => own.has(e.record_id)).map((e) => fromNumeric(e.amount)));
      const money = await projectMoneyOf(db, p.id);
      expect(spent, p.project_code!).toBeLessThanOrEqual(money.paid - money.refunded);
      if (p.project_status === 'completed') expect(spent, p.project_code!).toBe(money.paid - money.refunded);
    }
    // Photos (and some receipts) are real PNGs with their hash and size.
    const files = await db.selectFrom('project_activity_attachment').selectAll().where('record_id', 'in', ids).execute();
    expect(new Set(files.filter((f) => f.kind === 'photo').map((f) => f.record_id)).size).toBe(ids.length);
    expect(files.some((f) => f.kind === 'receipt')).toBe(true);
    for (const f of files) {
      const bytes = Buffer.from(f.content);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(f.media_type).toBe('image/png');
      expect(f.file_name).toMatch(/\.png$/);
      expect(f.size_bytes).toBe(bytes.byteLength);
      expect(f.size_bytes).toBeLessThan(20_000);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // Not every project is running: one is completed and one suspended, each with its event.
    const statuses = projects.map((p) => p.project_status);
    expect(statuses).toContain('completed');
    expect(statuses).toContain('suspended');
    const suspended = projects.find((p) => p.project_status === 'suspended')!;
    expect(suspended.project_status_reason).toMatch(/[\u0E00-\u0E7F]/);
    const events = await db.selectFrom('project_status_event').selectAll().where('proposal_id', 'in', projects.map((p) => p.id)).execute();
    expect(events.map((e) => e.to_status).sort()).toEqual(['completed', 'suspended']);
    // The books journey's project keeps running with money left to pay.
    const journey = projects.find((p) => p.project_code === '70-L1978-2-01')!;
    expect(journey.project_status).toBe('running');
    expect((await projectMoneyOf(db, journey.id)).remaining).toBeGreaterThan(0);
  });

  it('leaves accounts and funds it did not create alone', async () => {
    await database.db
      .insertInto('app_user')
      .values({ username: 'real.person', first_name: 'จริง', last_name: 'ใจ', password_hash: 'x' })
      .execute();
    await database.db
      .insertInto('fund')
      .values({ code: '50102', name_th: 'กองทุนจริง', lao_type: 'sao', lao_name: 'อบต.จริง', district_code: '3306' })
      .execute();
    await seedDemo(database.db);
    expect(await database.db.selectFrom('app_user').select('id').where('username', '=', 'real.person').execute()).toHaveLength(1);
    expect(await database.db.selectFrom('fund').select('id').where('code', '=', '50102').execute()).toHaveLength(1);
  });
});
