import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import {
  addCommitteeMember,
  endCommitteeTerm,
  getCommitteeMember,
  getFundForEdit,
  getFundYearForEdit,
  listCommitteeForEdit,
  saveFundYear,
  updateCommitteeMember,
  updateFund,
} from '../../src/use-cases/funds-write.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

describe('officers editing their fund', () => {
  let database: Database;
  let db: Kysely<DB>;
  let fundA: string;
  let fundB: string;
  let admin: Actor;
  let officerA: Actor;
  let officerB: Actor;
  let financeA: Actor;
  let mentor: Actor;
  let chairA: Actor;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    const funds = await db.selectFrom('fund').select('code').where('district_code', '=', '3304').orderBy('code').limit(2).execute();
    fundA = funds[0]!.code;
    fundB = funds[1]!.code;
    admin = await actorFor(db, 'admin');
    officerA = await actorFor(db, `officer.${fundA.toLowerCase()}`);
    officerB = await actorFor(db, `officer.${fundB.toLowerCase()}`);
    financeA = await actorFor(db, `finance.${fundA.toLowerCase()}`);
    chairA = await actorFor(db, `chair.${fundA.toLowerCase()}`);
    mentor = await actorFor(db, 'mentor3304');
  });
  afterAll(() => database.close());

  const snapshot = (code: string) => db.selectFrom('fund').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const auditCount = async () => Number((await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  /** The edit form as it would be posted back unchanged. */
  async function formOf(code: string, actor: Actor): Promise<Record<string, unknown> & { code: string }> {
    const f = await getFundForEdit(db, actor, { code });
    return {
      code,
      version: String(f.version),
      name_th: f.name_th,
      name_en: f.name_en ?? '',
      lao_type: f.lao_type,
      lao_name: f.lao_name,
      established_fiscal_year: f.established_fiscal_year === null ? '' : String(f.established_fiscal_year),
      address: f.address ?? '',
      phone: f.phone ?? '',
      email: f.email ?? '',
      latitude: f.latitude ?? '',
      longitude: f.longitude ?? '',
      bank_name: f.bank_name ?? '',
      bank_branch: f.bank_branch ?? '',
      bank_account_name: f.bank_account_name ?? '',
      bank_account_number: f.bank_account_number ?? '',
      opening_balance: f.opening_balance ?? '',
      opening_balance_date: f.opening_balance_date ?? '',
      status: f.status,
      subdistricts: f.subdistricts,
    };
  }

  it('shows the fund for editing, with its district fixed for officers', async () => {
    const fund = await getFundForEdit(db, officerA, { code: fundA.toLowerCase() });
    expect(fund.code).toBe(fundA);
    expect(fund.district.code).toBe('3304');
    expect(fund.subdistrictOptions.length).toBeGreaterThan(1);
    expect(fund.subdistricts).toHaveLength(1);
    expect(fund.mayChangeDistrict).toBe(false);
    expect((await getFundForEdit(db, admin, { code: fundA })).mayChangeDistrict).toBe(true);
  });

  it("saves the officer's changes with a new version and an audit event naming the changed fields", async () => {
    const form = await formOf(fundA, officerA);
    const before = await snapshot(fundA);
    const result = await updateFund(db, officerA, {
      ...form,
      name_en: 'Bueng Malu Fund',
      phone: '045-812345 ต่อ 12',
      latitude: '14.8818',
      longitude: '104.7436',
      bank_account_number: '020-1-23456-7',
      opening_balance: '1,234,567.5',
      opening_balance_date: '1/10/2567',
    });
    expect(result.changed.sort()).toEqual(['bank_account_number', 'latitude', 'longitude', 'name_en', 'opening_balance', 'phone'].sort());
    const after = await snapshot(fundA);
    expect(after.version).toBe(before.version + 1);
    expect(after.bank_account_number).toBe('0201234567');
    expect(after.opening_balance).toBe('1234567.50');
    expect(after.opening_balance_date).toBe('2024-10-01');
    const event = await db
      .selectFrom('audit_event')
      .select(['action', 'actor_user_id', 'data'])
      .where('subject_type', '=', 'fund')
      .where('subject_id', '=', fundA)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('fund.update');
    expect(event.actor_user_id).toBe(officerA.userId);
    expect(Object.keys((event.data as { changes: object }).changes).sort()).toEqual(result.changed.sort());
  });

  it('writes nothing when nothing changed', async () => {
    const form = await formOf(fundA, officerA);
    const events = await auditCount();
    const result = await updateFund(db, officerA, form);
    expect(result.changed).toEqual([]);
    expect(await auditCount()).toBe(events);
    expect((await snapshot(fundA)).version).toBe(Number(form.version));
  });

  it('refuses a stale version with Conflict and overwrites nothing', async () => {
    const form = await formOf(fundA, officerA);
    await updateFund(db, officerA, { ...form, address: 'ที่อยู่ใหม่' });
    const before = await snapshot(fundA);
    expect(await refusal(() => updateFund(db, officerA, { ...form, address: 'ที่อยู่ของอีกคน' }))).toBeInstanceOf(Conflict);
    expect(await snapshot(fundA)).toEqual(before);
  });

  it("refuses another fund's officer, the finance officer, a committee member, a mentor and the public", async () => {
    const form = await formOf(fundA, admin);
    const before = await snapshot(fundA);
    for (const actor of [officerB, financeA, chairA, mentor, null]) {
      expect(await refusal(() => updateFund(db, actor, { ...form, name_th: 'ยึดกองทุน' }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => getFundForEdit(db, actor, { code: fundA }))).toBeInstanceOf(Forbidden);
    }
    expect(await snapshot(fundA)).toEqual(before);
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    const form = await formOf(fundA, officerA);
    const before = await snapshot(fundA);
    const error = await refusal(() =>
      updateFund(db, officerA, {
        ...form,
        name_th: 'ก'.repeat(201),
        lao_name: '  ',
        phone: 'call me',
        email: 'nobody',
        latitude: '95',
        longitude: '100',
        bank_account_number: '12345',
        opening_balance: '-100',
        established_fiscal_year: '2007',
        status: 'sleeping',
      }),
    );
    expect(problemsOf(error)).toEqual({
      name_th: 'admin.error.tooLong',
      lao_name: 'admin.error.required',
      phone: 'admin.error.phone',
      email: 'admin.error.email',
      latitude: 'admin.error.latitude',
      bank_account_number: 'admin.error.bankAccount',
      opening_balance: 'admin.error.negative',
      established_fiscal_year: 'admin.error.fiscalYearCe',
      status: 'admin.error.invalid',
    });
    expect(await snapshot(fundA)).toEqual(before);
  });

  it('lets only an admin move a fund to another district, which must exist', async () => {
    const form = await formOf(fundA, officerA);
    expect(await refusal(() => updateFund(db, officerA, { ...form, district_code: '5601', subdistricts: [] }))).toBeInstanceOf(Forbidden);
    const adminForm = await formOf(fundA, admin);
    expect(problemsOf(await refusal(() => updateFund(db, admin, { ...adminForm, district_code: '9999', subdistricts: [] })))).toEqual({
      district_code: 'admin.error.unknownDistrict',
    });
    // Subdistricts must lie in the (new) district.
    expect(problemsOf(await refusal(() => updateFund(db, admin, { ...adminForm, district_code: '5601' })))).toEqual({
      subdistricts: 'admin.error.subdistrict',
    });
    const moved = await updateFund(db, admin, { ...adminForm, district_code: '5601', subdistricts: [] });
    expect(moved.changed.sort()).toEqual(['district_code', 'subdistricts']);
    const area = await db.selectFrom('fund_area').selectAll().where('fund_code', '=', fundA).executeTakeFirstOrThrow();
    expect([area.district_code, area.province_code]).toEqual(['5601', '56']);
    // Back where it was, with its subdistrict.
    const back = await formOf(fundA, admin);
    await updateFund(db, admin, { ...back, district_code: '3304', subdistricts: form.subdistricts });
    expect((await getFundForEdit(db, admin, { code: fundA })).subdistricts).toEqual(form.subdistricts);
  });

  it('says NotFound for a fund that does not exist', async () => {
    expect(await refusal(() => getFundForEdit(db, admin, { code: 'L9998' }))).toBeInstanceOf(NotFound);
  });

  describe('year profiles', () => {
    const yearRow = (fy: number) =>
      db
        .selectFrom('fund_year')
        .innerJoin('fund', 'fund.id', 'fund_year.fund_id')
        .selectAll('fund_year')
        .where('fund.code', '=', fundA)
        .where('fiscal_year', '=', fy)
        .executeTakeFirst();

    it('shows the year with the rules in force and the figures they give', async () => {
      const view = await getFundYearForEdit(db, financeA, { code: fundA, fiscalYear: '2568' });
      expect(view.year).not.toBeNull();
      // The 2567 announcement's rule set governs from FY 2567 on.
      expect(view.rule?.effective_from_fiscal_year).toBe(2567);
      expect(view.rule?.nhso_per_capita).toBe('45.00');
      expect(view.bands.map((b) => b.band)).toEqual(['under_6m', '6m_to_20m', 'over_20m']);
      expect(view.years.map((y) => y.fiscal_year)).toEqual([2570, 2569, 2568]);
      const population = view.year!.population!;
      expect(view.figures.nhsoEstimate).toBe(`${population * 45}.00`);
      expect(await refusal(() => getFundYearForEdit(db, financeA, { code: fundA, fiscalYear: 'abc' }))).toBeInstanceOf(NotFound);
    });

    it("updates a year with the finance officer's figures; the budget below the minimum is saved with the figures saying so", async () => {
      const before = (await yearRow(2569))!;
      const result = await saveFundYear(db, financeA, {
        code: fundA,
        fiscalYear: '2569',
        version: String(before.version),
        population: '10,000',
        population_as_of: '1/4/2567',
        income_band: '6m_to_20m',
        cofunding_budget: '100',
      });
      expect(result.created).toBe(false);
      expect(result.figures).toEqual({ nhsoEstimate: '450000.00', minimumCofunding: '180000.00', minRatePercent: '40.00', meetsMinimum: false });
      const after = (await yearRow(2569))!;
      expect([after.population, after.population_as_of, after.income_band, after.cofunding_budget, after.version]).toEqual([
        10000,
        '2024-04-01',
        '6m_to_20m',
        '100.00',
        before.version + 1,
      ]);
      const event = await db.selectFrom('audit_event').select(['action', 'data']).where('subject_id', '=', `${fundA}/2569`).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(event.action).toBe('fund_year.update');
    });

    it('creates a missing year, and a second create of it is a Conflict', async () => {
      const input = { code: fundA, fiscalYear: '2571', version: '', population: '5000', population_as_of: '', income_band: 'under_6m', cofunding_budget: '' };
      const result = await saveFundYear(db, officerA, input);
      expect(result).toMatchObject({ created: true, version: 1, figures: { nhsoEstimate: '225000.00', minimumCofunding: '67500.00', meetsMinimum: null } });
      expect((await yearRow(2571))?.population).toBe(5000);
      expect(await refusal(() => saveFundYear(db, officerA, { ...input, population: '6000' }))).toBeInstanceOf(Conflict);
      expect((await yearRow(2571))?.population).toBe(5000);
    });

    it('refuses a stale version', async () => {
      const row = (await yearRow(2570))!;
      const base = { code: fundA, fiscalYear: '2570', population: '1', population_as_of: '', income_band: '', cofunding_budget: '' };
      await saveFundYear(db, officerA, { ...base, version: String(row.version) });
      expect(await refusal(() => saveFundYear(db, officerA, { ...base, population: '2', version: String(row.version) }))).toBeInstanceOf(Conflict);
      expect((await yearRow(2570))?.population).toBe(1);
    });

    it('refuses a bad population, date, band, amount or year, naming the field, and changes nothing', async () => {
      const row = (await yearRow(2568))!;
      const base = { code: fundA, fiscalYear: '2568', version: String(row.version), population: '100', population_as_of: '', income_band: '', cofunding_budget: '' };
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ population: 'abc' }, { population: 'admin.error.wholeNumber' }],
        [{ population: '-5' }, { population: 'admin.error.negative' }],
        [{ population: '1.5' }, { population: 'admin.error.wholeNumber' }],
        [{ population: '99999999999' }, { population: 'admin.error.populationTooLarge' }],
        [{ population_as_of: '31/2/2567' }, { population_as_of: 'admin.error.date' }],
        [{ income_band: 'tiny' }, { income_band: 'admin.error.unknownBand' }],
        [{ cofunding_budget: '12.345' }, { cofunding_budget: 'admin.error.money' }],
        [{ fiscalYear: '2024' }, { fiscalYear: 'admin.error.fiscalYearCe' }],
        [{ fiscalYear: '2800' }, { fiscalYear: 'admin.error.fiscalYearRange' }],
      ];
      for (const [change, expected] of cases) {
        expect(problemsOf(await refusal(() => saveFundYear(db, officerA, { ...base, ...change })))).toEqual(expected);
      }
      expect(await yearRow(2568)).toEqual(row);
    });

    it('refuses an income band in a year no rules cover', async () => {
      const error = await refusal(() =>
        saveFundYear(db, officerA, { code: fundA, fiscalYear: '2550', version: '', population: '1', population_as_of: '', income_band: 'under_6m', cofunding_budget: '' }),
      );
      expect(problemsOf(error)).toEqual({ income_band: 'admin.error.noRules' });
      expect(await yearRow(2550)).toBeUndefined();
    });

    it("refuses another fund's officer, a mentor, a committee member and the public", async () => {
      const row = (await yearRow(2568))!;
      for (const actor of [officerB, mentor, chairA, null]) {
        const input = { code: fundA, fiscalYear: '2568', version: String(row.version), population: '1', population_as_of: '', income_band: '', cofunding_budget: '' };
        expect(await refusal(() => saveFundYear(db, actor, input))).toBeInstanceOf(Forbidden);
        expect(await refusal(() => getFundYearForEdit(db, actor, { code: fundA, fiscalYear: '2568' }))).toBeInstanceOf(Forbidden);
      }
      expect(await yearRow(2568)).toEqual(row);
    });
  });

  describe('the committee', () => {
    const today = '2025-01-15';
    const member = (overrides: Record<string, string> = {}) => ({
      code: fundA,
      title: 'นาง',
      first_name: 'สมศรี',
      last_name: 'ใจงาม',
      position: 'member',
      composition_slot: 'village_health_volunteer',
      organisation: 'ชมรม อสม.',
      term_start: '1/4/2566',
      term_end: '31/3/2570',
      appointment_order_number: '45/2566',
      appointment_order_date: '15/3/2566',
      ...overrides,
    });

    it('lists who serves today by position, whose term has ended, and the whole history', async () => {
      const committee = await listCommitteeForEdit(db, officerA, { code: fundA, today });
      expect(committee.current).toHaveLength(14);
      expect(committee.current[0]?.position).toBe('chair');
      expect(committee.current.at(-1)?.position).toBe('assistant_secretary');
      expect(committee.ended).toHaveLength(14);
      expect(committee.history).toHaveLength(28);
      expect(committee.history[0]!.term_start >= committee.history.at(-1)!.term_start).toBe(true);
    });

    it('adds a member, corrects them, and ends their term, each versioned and audited', async () => {
      const { id } = await addCommitteeMember(db, officerA, member());
      let { member: stored } = await getCommitteeMember(db, officerA, { code: fundA, id: String(id) });
      expect([stored.term_start, stored.term_end, stored.appointment_order_date, stored.version]).toEqual(['2023-04-01', '2027-03-31', '2023-03-15', 1]);

      await updateCommitteeMember(db, officerA, { ...member({ organisation: 'ชมรม อสม. ตำบล' }), id: String(id), version: '1' });
      ({ member: stored } = await getCommitteeMember(db, officerA, { code: fundA, id }));
      expect([stored.organisation, stored.version]).toEqual(['ชมรม อสม. ตำบล', 2]);
      // The form from before the correction is stale.
      expect(await refusal(() => updateCommitteeMember(db, officerA, { ...member({ first_name: 'อื่น' }), id, version: '1' }))).toBeInstanceOf(Conflict);
      expect(await refusal(() => endCommitteeTerm(db, officerA, { code: fundA, id, version: '1', term_end: '1/1/2568' }))).toBeInstanceOf(Conflict);

      expect(problemsOf(await refusal(() => endCommitteeTerm(db, officerA, { code: fundA, id, version: '2', term_end: '1/1/2565' })))).toEqual({
        term_end: 'admin.error.termEndBeforeStart',
      });
      await endCommitteeTerm(db, officerA, { code: fundA, id, version: '2', term_end: '1/1/2568' });
      const committee = await listCommitteeForEdit(db, officerA, { code: fundA, today });
      expect(committee.current.some((m) => m.id === id)).toBe(false);
      expect(committee.ended[0]?.id).toBe(id);
      const actions = await db.selectFrom('audit_event').select('action').where('subject_type', '=', 'committee_member').where('subject_id', '=', String(id)).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['committee_member.add', 'committee_member.update', 'committee_member.end_term']);
    });

    it('refuses bad input, naming each field, and adds nothing', async () => {
      const count = async () => (await listCommitteeForEdit(db, officerA, { code: fundA, today })).history.length;
      const before = await count();
      const error = await refusal(() =>
        addCommitteeMember(
          db,
          officerA,
          member({ first_name: '', last_name: 'ก'.repeat(101), position: 'king', composition_slot: 'friend', term_start: '', term_end: '' }),
        ),
      );
      expect(problemsOf(error)).toEqual({
        first_name: 'admin.error.required',
        last_name: 'admin.error.tooLong',
        position: 'admin.error.position',
        composition_slot: 'admin.error.slot',
        term_start: 'admin.error.required',
      });
      expect(problemsOf(await refusal(() => addCommitteeMember(db, officerA, member({ term_end: '31/3/2565' }))))).toEqual({
        term_end: 'admin.error.termEndBeforeStart',
      });
      expect(await count()).toBe(before);
    });

    it("refuses another fund's officer, the finance officer, a mentor and the public; another fund's member is NotFound", async () => {
      const committee = await listCommitteeForEdit(db, officerA, { code: fundA, today });
      const target = committee.current[0]!;
      for (const actor of [officerB, financeA, mentor, null]) {
        expect(await refusal(() => addCommitteeMember(db, actor, member()))).toBeInstanceOf(Forbidden);
        expect(await refusal(() => endCommitteeTerm(db, actor, { code: fundA, id: target.id, version: String(target.version), term_end: '1/1/2568' }))).toBeInstanceOf(
          Forbidden,
        );
        expect(await refusal(() => listCommitteeForEdit(db, actor, { code: fundA }))).toBeInstanceOf(Forbidden);
      }
      // Officer B cannot reach fund A's member through fund B's address either.
      expect(await refusal(() => endCommitteeTerm(db, officerB, { code: fundB, id: target.id, version: String(target.version), term_end: '1/1/2568' }))).toBeInstanceOf(
        NotFound,
      );
      const after = await getCommitteeMember(db, officerA, { code: fundA, id: target.id });
      expect(after.member).toEqual(target);
    });
  });
});
