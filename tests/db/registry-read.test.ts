import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { readCsv } from '../../src/db/reference/areas.ts';
import { seedDemo } from '../../src/db/seed/demo.ts';
import { COMPLETE_DISTRICTS } from '../../src/db/seed/demo-registry.ts';
import { fromNumeric } from '../../src/domain/money.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import {
  countryOverview,
  escapeLike,
  getArea,
  getFundProfile,
  listAreas,
  searchFunds,
  UnknownArea,
  UnknownFund,
} from '../../src/use-cases/registry-read.ts';
import { loadSessionUser } from '../../src/use-cases/sessions.ts';
import { createTestDatabase } from '../support/test-db.ts';

const REGIONS_CSV = fileURLToPath(new URL('../../reference/health-regions.csv', import.meta.url));
const TODAY = '2026-11-23';
/** A district of Si Sa Ket (33, NHSO region 10) whose first three funds the demo makes complete. */
const DISTRICT = COMPLETE_DISTRICTS[0];

describe('registry reads', () => {
  let database: Database;
  let db: Database['db'];
  const actors = new Map<string, Actor | null>();
  const as = (username: string) => actors.get(username) ?? null;
  let fund1: string;
  let fund2: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedDemo(db);
    const users = await db.selectFrom('app_user').select(['id', 'username']).execute();
    for (const u of users) actors.set(u.username, actorOf(await loadSessionUser(db, u.id)));
    const funds = await db.selectFrom('fund').select('code').where('district_code', '=', DISTRICT).orderBy('code').execute();
    fund1 = funds[0]!.code;
    fund2 = funds[1]!.code;
  }, 300_000); // seeds the whole demo itself: minutes on a busy machine
  afterAll(() => database.close());

  describe('areas', () => {
    it('has the whole country: 13 regions, 77 provinces, ≥ 900 districts, ≥ 7,000 subdistricts', async () => {
      expect(await listAreas(db, null, { level: 'region' })).toHaveLength(13);
      expect(await listAreas(db, null, { level: 'province' })).toHaveLength(77);
      expect((await listAreas(db, null, { level: 'district' })).length).toBeGreaterThanOrEqual(900);
      expect((await listAreas(db, null, { level: 'subdistrict' })).length).toBeGreaterThanOrEqual(7000);
      const regions = await listAreas(db, null, { level: 'region' });
      expect(regions.map((r) => r.code)).toEqual(Array.from({ length: 13 }, (_, i) => `R${i + 1}`));
      expect(Object.keys(regions[0]!).sort()).toEqual(['code', 'level', 'name_en', 'name_th', 'parent_code']);
    });

    it('puts every province under the region reference/health-regions.csv gives', async () => {
      const provinces = await listAreas(db, null, { level: 'province' });
      const byCode = new Map(provinces.map((p) => [p.code, p]));
      const reference = readCsv(REGIONS_CSV);
      expect(reference).toHaveLength(77);
      for (const row of reference) {
        expect(byCode.get(row.province_code!)?.parent_code, row.province_code).toBe(`R${row.nhso_region}`);
        expect(byCode.get(row.province_code!)?.name_th).toBe(row.province_th);
      }
      const r10 = await listAreas(db, null, { parent: 'R10' });
      expect(r10.map((p) => p.code).sort()).toEqual(reference.filter((r) => r.nhso_region === '10').map((r) => r.province_code).sort());
    });

    it('lists the descendants of an area at a level, and reads codes as people type them', async () => {
      const districts = await listAreas(db, null, { parent: 'r10', level: 'district' });
      const provinces = new Set((await listAreas(db, null, { parent: 'R10' })).map((p) => p.code));
      expect(districts.length).toBeGreaterThan(50);
      for (const d of districts) expect(provinces.has(d.parent_code!)).toBe(true);
      const subdistricts = await listAreas(db, null, { parent: DISTRICT, level: '' });
      expect(subdistricts.every((s) => s.level === 'subdistrict' && s.parent_code === DISTRICT)).toBe(true);
      expect(subdistricts.length).toBeGreaterThan(5);
    });

    it('refuses an unknown level (Invalid) and an unknown parent (UnknownArea)', async () => {
      await expect(listAreas(db, null, { level: 'village' })).rejects.toThrow(Invalid);
      await expect(listAreas(db, null, { level: 'village' })).rejects.toMatchObject({ problems: [{ field: 'level', key: 'registry.error.level' }] });
      await expect(listAreas(db, null, { parent: 'ZZ' })).rejects.toThrow(UnknownArea);
      await expect(listAreas(db, null, { parent: 'ZZ' })).rejects.toMatchObject({ code: 'ZZ' });
    });

    it('counts each region in one overview that adds up to the country', async () => {
      const overview = await countryOverview(db, null);
      expect(overview.regions).toHaveLength(13);
      expect(overview.population_year).toBe(2570);
      const total = (key: 'provinces' | 'districts' | 'funds' | 'active_funds') => overview.regions.reduce((n, r) => n + r[key], 0);
      expect(total('provinces')).toBe(77);
      const districts = await db.selectFrom('area').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', 'district').executeTakeFirstOrThrow();
      expect(total('districts')).toBe(Number(districts.n));
      const funds = await db.selectFrom('fund').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(total('funds')).toBe(Number(funds.n));
      expect(total('active_funds')).toBe(Number(funds.n));
      const r13 = overview.regions.find((r) => r.code === 'R13')!;
      expect(r13).toMatchObject({ provinces: 1, funds: 0, population: null });
      const r10 = overview.regions.find((r) => r.code === 'R10')!;
      expect(typeof r10.population).toBe('number');
      expect(r10.population).toBeGreaterThan(100_000);
      expect(overview.actions).toEqual([]);
      expect((await countryOverview(db, as('admin'))).actions).toEqual(['fund.create', 'funds.import']);
    });

    it('shows a region with its breadcrumbs and provinces, whose figures add up to the region', async () => {
      const overview = await countryOverview(db, null);
      const region = await getArea(db, null, { code: 'R10' });
      expect(region.area).toMatchObject({ code: 'R10', level: 'region', path: 'TH/R10' });
      expect(region.breadcrumbs.map((b) => b.code)).toEqual(['TH']);
      expect(region.children.map((c) => c.level)).toEqual(region.children.map(() => 'province'));
      const fromOverview = overview.regions.find((r) => r.code === 'R10')!;
      expect(region.children.reduce((n, c) => n + c.funds, 0)).toBe(fromOverview.funds);
      expect(region.children.reduce((n, c) => n + (c.population ?? 0), 0)).toBe(fromOverview.population);
      expect(region.children.reduce((n, c) => n + c.sub_areas, 0)).toBe(fromOverview.districts);
      expect(region.funds).toEqual([]);
    });

    it('shows a district with its funds and subdistricts', async () => {
      const district = await getArea(db, null, { code: DISTRICT });
      expect(district.breadcrumbs.map((b) => b.code)).toEqual(['TH', 'R10', '33']);
      const expected = await db.selectFrom('fund').select('code').where('district_code', '=', DISTRICT).orderBy('code').execute();
      expect(district.funds.map((f) => f.code)).toEqual(expected.map((f) => f.code));
      const first = district.funds[0]!;
      expect(first).toMatchObject({ district_code: DISTRICT, province_code: '33', region_code: 'R10', population_year: 2570 });
      expect(first.population).toBeGreaterThan(0);
      expect(district.children.every((c) => c.level === 'subdistrict' && c.population === null)).toBe(true);
      expect(district.children.reduce((n, c) => n + c.funds, 0)).toBe(expected.length);
      const province = await getArea(db, null, { code: '33' });
      const row = province.children.find((c) => c.code === DISTRICT)!;
      expect(row.funds).toBe(expected.length);
      expect(row.sub_areas).toBe(district.children.length);
    });

    it('shows a subdistrict with the fund that covers it, and refuses unknown codes', async () => {
      const { subdistrict_code } = await db
        .selectFrom('fund_subdistrict as fs')
        .innerJoin('fund as f', 'f.id', 'fs.fund_id')
        .select('fs.subdistrict_code')
        .where('f.code', '=', fund1)
        .executeTakeFirstOrThrow();
      const subdistrict = await getArea(db, null, { code: subdistrict_code });
      expect(subdistrict.breadcrumbs.map((b) => b.code)).toEqual(['TH', 'R10', '33', DISTRICT]);
      expect(subdistrict.children).toEqual([]);
      expect(subdistrict.funds.map((f) => f.code)).toEqual([fund1]);
      await expect(getArea(db, null, { code: '999999' })).rejects.toThrow(UnknownArea);
      await expect(getArea(db, null, { code: 'x'.repeat(30) })).rejects.toThrow(Invalid);
    });
  });

  describe('fund search', () => {
    it('finds a fund by a Thai substring of its name or its local government', async () => {
      const fund = await db.selectFrom('fund').select(['code', 'name_th', 'lao_name']).where('code', '=', fund1).executeTakeFirstOrThrow();
      // The subdistrict part of the name, without the กองทุน… prefix.
      const part = fund.lao_name.replace(/^(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง)/, '');
      const result = await searchFunds(db, null, { q: part });
      expect(result.items.map((f) => f.code)).toContain(fund1);
      const hit = result.items.find((f) => f.code === fund1)!;
      expect(hit).toMatchObject({ district_code: DISTRICT, province_code: '33', region_code: 'R10' });
      expect(hit.district_name_th).toBeTruthy();
      expect(hit.province_name_th).toBeTruthy();
      expect(hit.region_name_th).toContain('เขต 10');
      const byLao = await searchFunds(db, null, { q: fund.lao_name });
      expect(byLao.items.map((f) => f.code)).toContain(fund1);
    });

    it('finds a fund by its code, exact (any case) first, or by a prefix', async () => {
      const exact = await searchFunds(db, null, { q: fund1.toLowerCase() });
      expect(exact.items[0]!.code).toBe(fund1);
      const prefix = await searchFunds(db, null, { q: 'L000' });
      expect(prefix.items.map((f) => f.code)).toEqual(['L0001', 'L0002', 'L0003', 'L0004', 'L0005', 'L0006', 'L0007', 'L0008', 'L0009']);
      expect(prefix.total).toBe(9);
    });

    it('filters by an area of any level', async () => {
      const fund = await db.selectFrom('fund').select('lao_name').where('code', '=', fund1).executeTakeFirstOrThrow();
      const part = fund.lao_name.replace(/^(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง)/, '');
      for (const area of ['R10', '33', DISTRICT]) {
        const result = await searchFunds(db, null, { q: part, area });
        expect(result.items.map((f) => f.code), area).toContain(fund1);
        expect(result.area?.code).toBe(area);
      }
      const elsewhere = await searchFunds(db, null, { q: fund1, area: 'R1' });
      expect(elsewhere.total).toBe(0);
      const inDistrict = await searchFunds(db, null, { area: DISTRICT, limit: 500 });
      const expected = await db.selectFrom('fund').select('code').where('district_code', '=', DISTRICT).orderBy('code').execute();
      expect(inDistrict.items.map((f) => f.code)).toEqual(expected.map((f) => f.code));
      expect(inDistrict.total).toBe(expected.length);
      await expect(searchFunds(db, null, { q: 'a', area: 'R99' })).rejects.toThrow(UnknownArea);
    });

    it('pages through results with a total, at most 50 by default', async () => {
      const first = await searchFunds(db, null, { area: 'R10' });
      expect(first.items).toHaveLength(50);
      expect(first.total).toBeGreaterThan(50);
      const second = await searchFunds(db, null, { area: 'R10', offset: 50, limit: 10 });
      expect(second.items).toHaveLength(10);
      expect(second.items[0]!.code > first.items[49]!.code).toBe(true);
      const beyond = await searchFunds(db, null, { area: 'R10', offset: 100_000 });
      expect(beyond).toMatchObject({ items: [], total: first.total });
    });

    it('treats % and _ as plain characters', async () => {
      expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
      expect((await searchFunds(db, null, { q: '%' })).total).toBe(0);
      expect((await searchFunds(db, null, { q: '_' })).total).toBe(0);
    });

    it('refuses bad paging and over-long text', async () => {
      await expect(searchFunds(db, null, { q: 'x'.repeat(101) })).rejects.toMatchObject({ problems: [{ field: 'q', key: 'registry.error.queryTooLong' }] });
      await expect(searchFunds(db, null, { limit: 501 })).rejects.toThrow(Invalid);
      await expect(searchFunds(db, null, { limit: 0 })).rejects.toThrow(Invalid);
      await expect(searchFunds(db, null, { limit: 'ten' })).rejects.toThrow(Invalid);
      await expect(searchFunds(db, null, { offset: -1 })).rejects.toThrow(Invalid);
    });
  });

  describe('fund profile', () => {
    it('shows what the fund is, where it is, and its years in figures', async () => {
      const profile = await getFundProfile(db, null, { code: fund1, today: TODAY });
      expect(profile).toMatchObject({ code: fund1, status: 'active', district: { code: DISTRICT }, province: { code: '33' }, region: { code: 'R10' } });
      expect(profile.subdistricts).toHaveLength(1);
      expect(profile.years.map((y) => y.fiscal_year)).toEqual([2570, 2569, 2568]);
      for (const year of profile.years) {
        const population = year.population!;
        expect(year.rule_set_year).toBe(2567);
        expect(year.nhso_per_capita).toBe('45.00');
        expect(fromNumeric(year.nhso_estimate!)).toBe(population * 4500);
        const rate = Number(year.min_rate_percent);
        expect(fromNumeric(year.minimum_cofunding!)).toBe(Math.ceil((population * 4500 * rate) / 100));
        // The demo budgets at least the minimum.
        expect(year.meets_minimum).toBe(true);
        expect(year.income_band_label_th).toBeTruthy();
        expect(year.population_as_of).toBe(`${year.fiscal_year - 544}-04-01`);
      }
    });

    it('shows the serving committee and the ended terms, names and roles only', async () => {
      const profile = await getFundProfile(db, null, { code: fund1, today: TODAY });
      expect(profile.committee.as_of).toBe(TODAY);
      expect(profile.committee.current).toHaveLength(14);
      expect(profile.committee.ended).toHaveLength(14);
      expect(profile.committee.upcoming).toHaveLength(0);
      expect(profile.committee.current[0]).toMatchObject({ position: 'chair', composition_slot: 'lao_executive' });
      expect(Object.keys(profile.committee.current[0]!).sort()).toEqual(
        ['composition_slot', 'first_name', 'last_name', 'organisation', 'position', 'term_end', 'term_start', 'title'].sort(),
      );
      // On a day before the current term, the current members are still to come.
      const earlier = await getFundProfile(db, null, { code: fund1, today: '2020-01-01' });
      expect(earlier.committee.current).toHaveLength(14);
      expect(earlier.committee.upcoming).toHaveLength(14);
      expect(earlier.committee.ended).toHaveLength(0);
    });

    it("hides the bank account and opening balance from everyone but the fund's people and overseers", async () => {
      const suffix = fund1.toLowerCase();
      expect((await getFundProfile(db, null, { code: fund1 })).internal).toBeNull();
      expect((await getFundProfile(db, as(`proposer.${suffix}`), { code: fund1 })).internal).toBeNull();
      expect((await getFundProfile(db, as('region1'), { code: fund1 })).internal).toBeNull();
      const otherOfficer = `officer.${fund2.toLowerCase()}`;
      expect((await getFundProfile(db, as(otherOfficer), { code: fund1 })).internal).toBeNull();
      for (const who of [`officer.${suffix}`, `finance.${suffix}`, `chair.${suffix}`, `mentor${DISTRICT}`, 'province33', 'region10', 'admin']) {
        const internal = (await getFundProfile(db, as(who), { code: fund1 })).internal;
        expect(internal, who).not.toBeNull();
        expect(internal?.bank_account_number, who).toMatch(/^[0-9]{10}$/);
        expect(internal?.opening_balance, who).toMatch(/^[0-9]+\.[0-9]{2}$/);
      }
    });

    it('carries the actions each caller may take on the fund', async () => {
      const suffix = fund1.toLowerCase();
      const actionsOf = async (who: string | null) => (await getFundProfile(db, who ? as(who) : null, { code: fund1 })).actions;
      expect(await actionsOf(null)).toEqual([]);
      expect(await actionsOf(`officer.${suffix}`)).toEqual(['fund.view_internal', 'fund.edit', 'fund_year.edit', 'committee.edit', 'meeting.view', 'proposal.create', 'ledger.view', 'project.record_outside', 'history.import']);
      expect(await actionsOf(`finance.${suffix}`)).toEqual(['fund.view_internal', 'fund_year.edit', 'meeting.view', 'ledger.view']);
      expect(await actionsOf(`chair.${suffix}`)).toEqual(['fund.view_internal', 'meeting.view', 'ledger.view']);
      expect(await actionsOf(`proposer.${suffix}`)).toEqual(['proposal.create']);
      expect(await actionsOf('region10')).toEqual(['fund.view_internal', 'meeting.view', 'ledger.view', 'history.import']);
      expect(await actionsOf('admin')).toEqual(['fund.view_internal', 'fund.edit', 'fund_year.edit', 'committee.edit', 'meeting.view', 'proposal.create', 'ledger.view', 'project.record_outside', 'history.import']);
      expect(await actionsOf(`officer.${fund2.toLowerCase()}`)).toEqual([]);
      expect(await actionsOf('region1')).toEqual([]);
    });

    it('finds a fund by its code in any case, and says when there is none', async () => {
      expect((await getFundProfile(db, null, { code: fund1.toLowerCase() })).code).toBe(fund1);
      await expect(getFundProfile(db, null, { code: 'L9999' })).rejects.toThrow(UnknownFund);
      await expect(getFundProfile(db, null, { code: 'L9999' })).rejects.toMatchObject({ code: 'L9999' });
      await expect(getFundProfile(db, null, { code: 'x'.repeat(11) })).rejects.toThrow(Invalid);
    });

    it('uses the rules in force each year, and says when the budget is below the minimum', async () => {
      const { id } = await db.selectFrom('fund').select('id').where('code', '=', fund2).executeTakeFirstOrThrow();
      await db
        .insertInto('rule_set')
        .values({ effective_from_fiscal_year: 2570, nhso_per_capita: '47.50', admin_cap_percent: '15.00', equipment_item_limit: '20000.00', cash_payment_limit: '10000.00', announcement: 'test' })
        .execute();
      await db
        .insertInto('cofunding_band')
        .values([
          { effective_from_fiscal_year: 2570, band: 'under_6m', label_th: 'ต่ำกว่า 6 ล้าน', label_en: 'Under 6 M', income_from: '0', income_below: '6000000', min_rate_percent: '33.33' },
          { effective_from_fiscal_year: 2570, band: '6m_to_20m', label_th: '6–20 ล้าน', label_en: '6–20 M', income_from: '6000000', income_below: '20000000', min_rate_percent: '45.00' },
          { effective_from_fiscal_year: 2570, band: 'over_20m', label_th: 'เกิน 20 ล้าน', label_en: 'Over 20 M', income_from: '20000000', income_below: null, min_rate_percent: '55.00' },
        ])
        .execute();
      await db.updateTable('fund_year').set({ population: 1000, income_band: 'under_6m', cofunding_budget: '15000.00' }).where('fund_id', '=', id).where('fiscal_year', '=', 2570).execute();
      await db.updateTable('fund_year').set({ income_band: 'no_such_band', cofunding_budget: null }).where('fund_id', '=', id).where('fiscal_year', '=', 2569).execute();
      const profile = await getFundProfile(db, null, { code: fund2 });
      const [y2570, y2569, y2568] = profile.years;
      // 1,000 × 47.50 = 47,500 baht; 33.33 % = 15,831.75 baht; 15,000 budgeted is short.
      expect(y2570).toMatchObject({
        rule_set_year: 2570,
        nhso_per_capita: '47.50',
        min_rate_percent: '33.33',
        income_band_label_en: 'Under 6 M',
        nhso_estimate: '47500.00',
        minimum_cofunding: '15831.75',
        cofunding_budget: '15000.00',
        meets_minimum: false,
      });
      // A band the rules do not know: the NHSO estimate stands, the minimum cannot be said.
      expect(y2569).toMatchObject({ rule_set_year: 2567, min_rate_percent: null, minimum_cofunding: null, meets_minimum: null, income_band: 'no_such_band' });
      expect(y2569!.nhso_estimate).toBe(`${y2569!.population! * 45}.00`);
      expect(y2568!.rule_set_year).toBe(2567);
    });
  });
});
