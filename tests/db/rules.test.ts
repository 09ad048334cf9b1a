import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { satang, toNumeric } from '../../src/domain/money.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { getFundYearForEdit } from '../../src/use-cases/funds-write.ts';
import { listRuleSets, type RuleSetView, saveRuleSet } from '../../src/use-cases/rules.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

/** A rule set as its form posts it. */
function formOf(set: RuleSetView, overrides: Record<string, unknown> = {}) {
  return {
    version: String(set.version),
    effective_from_fiscal_year: String(set.effective_from_fiscal_year),
    nhso_per_capita: set.nhso_per_capita,
    admin_cap_percent: set.admin_cap_percent,
    equipment_item_limit: set.equipment_item_limit,
    cash_payment_limit: set.cash_payment_limit,
    announcement: set.announcement,
    bands: [
      ...set.bands.map((b) => ({ ...b, income_below: b.income_below ?? '' })),
      // The blank row the form always offers.
      { band: '', label_th: '', label_en: '', income_from: '', income_below: '', min_rate_percent: '' },
    ],
    ...overrides,
  };
}

describe('rule tables', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officer: Actor;
  let region: Actor;
  let fundCode: string;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    region = await actorFor(db, 'region10');
    const fund = await db.selectFrom('fund').select('code').where('district_code', '=', '3304').orderBy('code').executeTakeFirstOrThrow();
    fundCode = fund.code;
    officer = await actorFor(db, `officer.${fundCode.toLowerCase()}`);
  });
  afterAll(() => database.close());

  const latest = async () => (await listRuleSets(db, admin))[0]!;

  it('lists the rule sets with their bands in income order', async () => {
    // The 2561 announcement's rules, then the 2567 announcement's, newest first.
    const [set, earlier] = await listRuleSets(db, admin);
    expect(set?.effective_from_fiscal_year).toBe(2567);
    expect(set?.until_fiscal_year).toBeNull();
    expect([earlier?.effective_from_fiscal_year, earlier?.until_fiscal_year]).toEqual([2561, 2566]);
    expect(set?.bands.map((b) => [b.band, b.min_rate_percent])).toEqual([
      ['under_6m', '30.00'],
      ['6m_to_20m', '40.00'],
      ['over_20m', '50.00'],
    ]);
  });

  it('lets only admins see and change the rules', async () => {
    const set = await latest();
    for (const actor of [officer, region, null]) {
      expect(await refusal(() => listRuleSets(db, actor))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => saveRuleSet(db, actor, formOf(set, { nhso_per_capita: '1' })))).toBeInstanceOf(Forbidden);
    }
    expect(await latest()).toEqual(set);
  });

  it('adds a new effective year from a copy, which then governs the years from it on', async () => {
    const base = await latest();
    const result = await saveRuleSet(db, admin, formOf(base, { version: '', effective_from_fiscal_year: '2570', nhso_per_capita: '47.50' }));
    expect(result).toEqual({ year: 2570, created: true, version: 1 });
    const sets = await listRuleSets(db, admin);
    expect(sets.map((s) => [s.effective_from_fiscal_year, s.until_fiscal_year])).toEqual([
      [2570, null],
      [2567, 2569],
      [2561, 2566],
    ]);
    expect(sets[0]?.bands).toHaveLength(3);
    const y2570 = await getFundYearForEdit(db, officer, { code: fundCode, fiscalYear: 2570 });
    expect(y2570.rule?.nhso_per_capita).toBe('47.50');
    expect(y2570.figures.nhsoEstimate).toBe(toNumeric(satang(y2570.year!.population! * 4750)));
    const y2569 = await getFundYearForEdit(db, officer, { code: fundCode, fiscalYear: 2569 });
    expect(y2569.rule?.effective_from_fiscal_year).toBe(2567);
    const event = await db.selectFrom('audit_event').select(['action', 'data']).where('subject_type', '=', 'rule_set').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.action).toBe('rule_set.create');
    expect((event.data as { after: { nhso_per_capita: string } }).after.nhso_per_capita).toBe('47.5');
  });

  it('refuses a second rule set for the same year', async () => {
    const set = await latest();
    expect(problemsOf(await refusal(() => saveRuleSet(db, admin, formOf(set, { version: '' }))))).toEqual({
      effective_from_fiscal_year: 'admin.error.ruleYearExists',
    });
  });

  it('corrects an existing year with its version; a stale version is a Conflict', async () => {
    const set = (await listRuleSets(db, admin)).find((s) => s.effective_from_fiscal_year === 2570)!;
    const bands = set.bands.map((b) => (b.band === 'over_20m' ? { ...b, income_below: '', min_rate_percent: '55' } : { ...b, income_below: b.income_below ?? '' }));
    const result = await saveRuleSet(db, admin, formOf(set, { admin_cap_percent: '12.5', bands }));
    expect(result).toEqual({ year: 2570, created: false, version: 2 });
    const after = (await listRuleSets(db, admin)).find((s) => s.effective_from_fiscal_year === 2570)!;
    expect(after.admin_cap_percent).toBe('12.50');
    expect(after.bands.find((b) => b.band === 'over_20m')?.min_rate_percent).toBe('55.00');
    expect(await refusal(() => saveRuleSet(db, admin, formOf(set, { admin_cap_percent: '20' })))).toBeInstanceOf(Conflict);
    expect((await listRuleSets(db, admin)).find((s) => s.effective_from_fiscal_year === 2570)).toEqual(after);
  });

  it('refuses bad numbers and bands, naming each field, and changes nothing', async () => {
    const set = await latest();
    const bands = set.bands.map((b) => ({ ...b, income_below: b.income_below ?? '' }));
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ admin_cap_percent: '101' }, { admin_cap_percent: 'admin.error.percent' }],
      [{ nhso_per_capita: '0' }, { nhso_per_capita: 'admin.error.perCapita' }],
      [{ nhso_per_capita: '45.555' }, { nhso_per_capita: 'admin.error.money' }],
      [{ equipment_item_limit: '-1' }, { equipment_item_limit: 'admin.error.negative' }],
      [{ announcement: ' ' }, { announcement: 'admin.error.required' }],
      [{ bands: [] }, { bands: 'admin.error.bandsRequired' }],
      [{ bands: [bands[0], { ...bands[1], income_from: '5000000' }, bands[2]] }, { 'bands.1.income_from': 'admin.error.bandOverlap' }],
      [{ bands: [bands[0], bands[0]] }, { 'bands.1.band': 'admin.error.bandDuplicate', 'bands.1.income_from': 'admin.error.bandOverlap' }],
      [{ bands: [{ ...bands[0], band: 'Under 6M' }] }, { 'bands.0.band': 'admin.error.bandCode' }],
      [{ bands: [{ ...bands[0], income_below: '0' }] }, { 'bands.0.income_below': 'admin.error.bandRange' }],
      [{ bands: [{ ...bands[0], min_rate_percent: '150' }] }, { 'bands.0.min_rate_percent': 'admin.error.percent' }],
      [{ bands: [{ ...bands[2] }, { ...bands[0] }] }, { 'bands.1.income_from': 'admin.error.bandOverlap' }],
    ];
    for (const [overrides, expected] of cases) {
      expect(problemsOf(await refusal(() => saveRuleSet(db, admin, formOf(set, overrides)))), JSON.stringify(overrides)).toEqual(expected);
    }
    expect(await latest()).toEqual(set);
  });

  it('keeps a band that fund years under the rule set still use', async () => {
    const set = (await listRuleSets(db, admin)).find((s) => s.effective_from_fiscal_year === 2567)!;
    const bands = set.bands.filter((b) => b.band !== 'under_6m').map((b) => ({ ...b, income_below: b.income_below ?? '', income_from: b.band === '6m_to_20m' ? '0' : b.income_from }));
    const error = await refusal(() => saveRuleSet(db, admin, formOf(set, { bands })));
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).problems[0]).toMatchObject({ field: 'bands', key: 'admin.error.bandInUse', params: { band: 'under_6m' } });
    expect((await listRuleSets(db, admin)).find((s) => s.effective_from_fiscal_year === 2567)).toEqual(set);
  });
});
