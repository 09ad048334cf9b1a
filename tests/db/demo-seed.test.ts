import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { AREA_ACCOUNTS, FUND_ROLE_PREFIXES, isDatabaseEmpty, seedDemo } from '../../src/db/seed/demo.ts';
import { COMPLETE_DISTRICTS, DEMO_FISCAL_YEARS } from '../../src/db/seed/demo-registry.ts';
import { createTestDatabase } from '../support/test-db.ts';

const count = async (database: Database, table: 'fund' | 'app_user' | 'fund_year' | 'committee_member' | 'organisation') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// Seeding the whole country with plans takes tens of seconds on PGlite, twice in the first test.
describe('demo seed', { timeout: 240_000 }, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('finds a migrated database empty, fills it, and can be run again without duplicates', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    const first = { funds: await count(database, 'fund'), users: await count(database, 'app_user') };
    await seedDemo(database.db);
    expect(await count(database, 'fund')).toBe(first.funds);
    expect(await count(database, 'app_user')).toBe(first.users);
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
