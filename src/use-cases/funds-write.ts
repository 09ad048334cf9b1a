import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { CommitteePosition, DB, LaoType } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { type FundYearFigures, fundYearFigures, ruleInForce } from '../domain/fund-year.ts';
import {
  MAX_FISCAL_YEAR,
  MIN_FISCAL_YEAR,
  parseBankAccount,
  parseDate,
  parseEmail,
  parseFiscalYear,
  parseLatitude,
  parseLongitude,
  parseMoney,
  parsePhone,
  parsePopulation,
} from '../domain/import-values.ts';
import { fromNumeric, multiplySatang, type Satang, toNumeric } from '../domain/money.ts';
import { type Actor, can } from '../domain/policy.ts';
import { COMMITTEE_POSITIONS, COMMITTEE_SLOTS, isServing, LAO_TYPES } from '../domain/registry.ts';
import {
  audit,
  invalid,
  optionalParsed,
  optionalText,
  parsed,
  plainNumeric,
  requiredText,
  versionField,
} from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Conflict, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';

// What a fund's officers (and admins) change: the fund itself, its year profiles and its
// committee. Each use case authorises on the fund's scope chain, validates, writes in one
// transaction with an audit event, and checks the version the form was rendered with.

type Db = Kysely<DB>;

export interface AreaName {
  code: string;
  name_th: string;
  name_en: string | null;
}

/** The fund named by the page's address (its code); NotFound when there is none. */
async function fundFor(db: Db, input: { code?: unknown }): Promise<FundRef> {
  return findFund(db, String(input.code ?? '').trim().toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// The fund

export interface FundForEdit {
  code: string;
  version: number;
  name_th: string;
  name_en: string | null;
  lao_type: LaoType;
  lao_name: string;
  district: AreaName & { province: AreaName };
  established_fiscal_year: number | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  latitude: string | null;
  longitude: string | null;
  bank_name: string | null;
  bank_branch: string | null;
  bank_account_name: string | null;
  bank_account_number: string | null;
  opening_balance: string | null;
  opening_balance_date: string | null;
  status: 'active' | 'closed';
  subdistricts: string[];
  /** The subdistricts of the fund's district, to choose those it covers. */
  subdistrictOptions: AreaName[];
  /** Whether this actor may move the fund to another district (admins). */
  mayChangeDistrict: boolean;
}

/** The fund as its edit form shows it. */
export async function getFundForEdit(db: Db, actor: Actor | null, input: { code: string }): Promise<FundForEdit> {
  const ref = await fundFor(db, input);
  authorize(actor, 'fund.edit', { scopeChain: ref.scopeChain });
  const fund = await db.selectFrom('fund').selectAll().where('id', '=', ref.id).executeTakeFirstOrThrow();
  const [district, covered, options] = await Promise.all([
    db
      .selectFrom('area as d')
      .innerJoin('area as p', 'p.code', 'd.parent_code')
      .select(['d.code', 'd.name_th', 'd.name_en', 'p.code as p_code', 'p.name_th as p_name_th', 'p.name_en as p_name_en'])
      .where('d.code', '=', fund.district_code)
      .executeTakeFirstOrThrow(),
    db.selectFrom('fund_subdistrict').select('subdistrict_code').where('fund_id', '=', ref.id).orderBy('subdistrict_code').execute(),
    db.selectFrom('area').select(['code', 'name_th', 'name_en']).where('parent_code', '=', fund.district_code).where('level', '=', 'subdistrict').orderBy('code').execute(),
  ]);
  return {
    code: fund.code,
    version: fund.version,
    name_th: fund.name_th,
    name_en: fund.name_en,
    lao_type: fund.lao_type,
    lao_name: fund.lao_name,
    district: {
      code: district.code,
      name_th: district.name_th,
      name_en: district.name_en,
      province: { code: district.p_code, name_th: district.p_name_th, name_en: district.p_name_en },
    },
    established_fiscal_year: fund.established_fiscal_year,
    address: fund.address,
    phone: fund.phone,
    email: fund.email,
    latitude: plainNumeric(fund.latitude),
    longitude: plainNumeric(fund.longitude),
    bank_name: fund.bank_name,
    bank_branch: fund.bank_branch,
    bank_account_name: fund.bank_account_name,
    bank_account_number: fund.bank_account_number,
    opening_balance: fund.opening_balance,
    opening_balance_date: fund.opening_balance_date,
    status: fund.status,
    subdistricts: covered.map((s) => s.subdistrict_code),
    subdistrictOptions: options,
    mayChangeDistrict: can(actor, 'fund.change_district'),
  };
}

const fundSchema = z
  .object({
    version: versionField,
    name_th: requiredText(200),
    name_en: optionalText(200),
    lao_type: z.enum(LAO_TYPES, 'admin.error.laoType'),
    lao_name: requiredText(200),
    /** Absent: the district stays as it is. */
    district_code: z.string().trim().max(10, 'admin.error.districtCode').optional(),
    /** Absent: the subdistricts stay as they are; an empty list covers none. */
    subdistricts: z.array(z.string().trim().max(10, 'admin.error.subdistrict')).max(50, 'admin.error.subdistrict').optional(),
    established_fiscal_year: optionalParsed(parseFiscalYear),
    address: optionalText(500),
    phone: optionalParsed(parsePhone),
    email: optionalParsed(parseEmail),
    latitude: optionalParsed(parseLatitude),
    longitude: optionalParsed(parseLongitude),
    bank_name: optionalText(100),
    bank_branch: optionalText(100),
    bank_account_name: optionalText(200),
    bank_account_number: optionalParsed(parseBankAccount),
    opening_balance: optionalParsed(parseMoney),
    opening_balance_date: optionalParsed(parseDate),
    status: z.enum(['active', 'closed'], 'admin.error.invalid'),
  })
  .superRefine((value, ctx) => {
    if (value.opening_balance !== null && value.opening_balance_date === null) {
      ctx.addIssue({ code: 'custom', path: ['opening_balance_date'], message: 'admin.error.openingBalanceDate' });
    }
    if ((value.latitude === null) !== (value.longitude === null)) {
      ctx.addIssue({ code: 'custom', path: [value.latitude === null ? 'latitude' : 'longitude'], message: 'admin.error.coordinatesPair' });
    }
  });

/** The fund's columns an edit may change, in form order. */
const FUND_FIELDS = [
  'name_th',
  'name_en',
  'lao_type',
  'lao_name',
  'district_code',
  'established_fiscal_year',
  'address',
  'phone',
  'email',
  'latitude',
  'longitude',
  'bank_name',
  'bank_branch',
  'bank_account_name',
  'bank_account_number',
  'opening_balance',
  'opening_balance_date',
  'status',
] as const;
type FundField = (typeof FUND_FIELDS)[number];

/**
 * Saves the fund's details. Officers of the fund may change everything but its code and its
 * district; moving it to another district is for admins. Nothing is written when nothing
 * changed; a stale version is a Conflict.
 */
export async function updateFund(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string },
): Promise<{ code: string; version: number; changed: string[] }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'fund.edit', { scopeChain: ref.scopeChain });
  const value = parseInput(fundSchema, input, 'admin.error.invalid');
  return db.transaction().execute(async (tx) => {
    const fund = await tx.selectFrom('fund').selectAll().where('id', '=', ref.id).forUpdate().executeTakeFirstOrThrow();
    if (fund.version !== value.version) throw new Conflict(`fund ${fund.code}`);

    const districtCode = value.district_code || fund.district_code;
    if (districtCode !== fund.district_code) {
      if (!can(actor, 'fund.change_district')) throw new Forbidden('fund.change_district');
      const district = await tx.selectFrom('area').select('code').where('code', '=', districtCode).where('level', '=', 'district').executeTakeFirst();
      if (!district) throw invalid('district_code', 'admin.error.unknownDistrict', { code: districtCode });
    }
    const covered = await tx.selectFrom('fund_subdistrict').select('subdistrict_code').where('fund_id', '=', ref.id).orderBy('subdistrict_code').execute();
    const beforeCodes = covered.map((s) => s.subdistrict_code);
    const subdistricts = value.subdistricts ? [...new Set(value.subdistricts.filter((s) => s !== ''))].sort() : beforeCodes;
    if (subdistricts.length > 0) {
      const found = await tx
        .selectFrom('area')
        .select('code')
        .where('code', 'in', subdistricts)
        .where('parent_code', '=', districtCode)
        .where('level', '=', 'subdistrict')
        .execute();
      if (found.length !== subdistricts.length) throw invalid('subdistricts', 'admin.error.subdistrict');
    }

    const next = {
      name_th: value.name_th,
      name_en: value.name_en,
      lao_type: value.lao_type,
      lao_name: value.lao_name,
      district_code: districtCode,
      established_fiscal_year: value.established_fiscal_year,
      address: value.address,
      phone: value.phone,
      email: value.email,
      latitude: value.latitude,
      longitude: value.longitude,
      bank_name: value.bank_name,
      bank_branch: value.bank_branch,
      bank_account_name: value.bank_account_name,
      bank_account_number: value.bank_account_number,
      opening_balance: value.opening_balance === null ? null : toNumeric(value.opening_balance),
      opening_balance_date: value.opening_balance_date,
      status: value.status,
    } satisfies Record<FundField, unknown>;
    const comparable = (field: FundField, v: string | number | null) =>
      v === null ? null : field === 'latitude' || field === 'longitude' || field === 'opening_balance' ? plainNumeric(String(v)) : v;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of FUND_FIELDS) {
      const before: string | number | null = fund[field];
      const after: string | number | null = next[field];
      if (comparable(field, before) !== comparable(field, after)) changes[field] = { from: before, to: after };
    }
    const subdistrictsChanged = beforeCodes.join(',') !== subdistricts.join(',');
    if (subdistrictsChanged) changes.subdistricts = { from: beforeCodes, to: subdistricts };
    const changed = Object.keys(changes);
    if (changed.length === 0) return { code: fund.code, version: fund.version, changed };

    const result = await tx
      .updateTable('fund')
      .set({
        ...next,
        version: sql<number>`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', ref.id)
      .where('version', '=', value.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Conflict(`fund ${fund.code}`);
    if (subdistrictsChanged) {
      await tx.deleteFrom('fund_subdistrict').where('fund_id', '=', ref.id).execute();
      if (subdistricts.length > 0) {
        await tx
          .insertInto('fund_subdistrict')
          .values(subdistricts.map((code) => ({ fund_id: ref.id, subdistrict_code: code })))
          .execute();
      }
    }
    await audit(tx, actor?.userId ?? null, 'fund.update', 'fund', fund.code, { changes });
    return { code: fund.code, version: fund.version + 1, changed };
  });
}

// ---------------------------------------------------------------------------------------------
// Year profiles

export interface BandOption {
  band: string;
  label_th: string;
  label_en: string;
  min_rate_percent: string;
}

export interface RuleInForce {
  effective_from_fiscal_year: number;
  nhso_per_capita: string;
  announcement: string;
}

export interface FundYearSummary {
  fiscal_year: number;
  population: number | null;
  income_band: string | null;
  /** The band's names under the rules in force that year. */
  income_band_label_th: string | null;
  income_band_label_en: string | null;
  cofunding_budget: string | null;
}

export interface FundYearForEdit {
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  /** The stored year, or null when it is yet to be created. */
  year: {
    version: number;
    population: number | null;
    population_as_of: string | null;
    income_band: string | null;
    cofunding_budget: string | null;
  } | null;
  rule: RuleInForce | null;
  bands: BandOption[];
  /** What the stored inputs give under the rules in force (null parts where an input is missing). */
  figures: YearFigures;
  years: FundYearSummary[];
}

export interface YearFigures {
  /** Baht as numeric text. */
  nhsoEstimate: string | null;
  minimumCofunding: string | null;
  minRatePercent: string | null;
  meetsMinimum: boolean | null;
}

const fiscalYearInput = z.coerce
  .number('admin.error.fiscalYear')
  .int('admin.error.fiscalYear')
  .min(MIN_FISCAL_YEAR, 'admin.error.fiscalYearRange')
  .max(MAX_FISCAL_YEAR, 'admin.error.fiscalYearRange');

async function rulesFor(db: Db, fiscalYear: number): Promise<{ rule: RuleInForce | null; bands: BandOption[] }> {
  const rule = await db
    .selectFrom('rule_set')
    .select(['effective_from_fiscal_year', 'nhso_per_capita', 'announcement'])
    .where('effective_from_fiscal_year', '<=', fiscalYear)
    .orderBy('effective_from_fiscal_year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!rule) return { rule: null, bands: [] };
  const bands = await db
    .selectFrom('cofunding_band')
    .select(['band', 'label_th', 'label_en', 'min_rate_percent'])
    .where('effective_from_fiscal_year', '=', rule.effective_from_fiscal_year)
    .orderBy('income_from')
    .execute();
  return { rule, bands };
}

/** The year's figures: NHSO estimate = population × per-capita rate; minimum co-funding = estimate × band rate. */
export function figuresOf(
  rule: RuleInForce | null,
  bands: readonly BandOption[],
  year: { population: number | null; income_band: string | null; cofunding_budget: string | null },
): YearFigures {
  const band = bands.find((b) => b.band === year.income_band) ?? null;
  const budget: Satang | null = year.cofunding_budget === null ? null : fromNumeric(year.cofunding_budget);
  let figures: FundYearFigures | null = null;
  if (rule && band && year.population !== null) {
    figures = fundYearFigures({
      population: year.population,
      perCapita: fromNumeric(rule.nhso_per_capita),
      minRatePercent: band.min_rate_percent,
      cofundingBudget: budget,
    });
  }
  const estimate = figures?.nhsoEstimate ?? (rule && year.population !== null ? multiplySatang(fromNumeric(rule.nhso_per_capita), year.population) : null);
  return {
    nhsoEstimate: estimate === null ? null : toNumeric(estimate),
    minimumCofunding: figures ? toNumeric(figures.minimumCofunding) : null,
    minRatePercent: band?.min_rate_percent ?? null,
    meetsMinimum: figures?.meetsMinimum ?? null,
  };
}

/** A fund's year as its form shows it, with the rules in force and the fund's other years. */
export async function getFundYearForEdit(db: Db, actor: Actor | null, input: { code: string; fiscalYear: unknown }): Promise<FundYearForEdit> {
  const ref = await fundFor(db, input);
  authorize(actor, 'fund_year.edit', { scopeChain: ref.scopeChain });
  const fiscalYear = fiscalYearInput.safeParse(input.fiscalYear);
  if (!fiscalYear.success) throw new NotFound(`fiscal year ${String(input.fiscalYear)}`);
  const fy = fiscalYear.data;
  const [fund, year, years, rules, ruleYears, allBands] = await Promise.all([
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow(),
    db
      .selectFrom('fund_year')
      .select(['version', 'population', 'population_as_of', 'income_band', 'cofunding_budget'])
      .where('fund_id', '=', ref.id)
      .where('fiscal_year', '=', fy)
      .executeTakeFirst(),
    db
      .selectFrom('fund_year')
      .select(['fiscal_year', 'population', 'income_band', 'cofunding_budget'])
      .where('fund_id', '=', ref.id)
      .orderBy('fiscal_year', 'desc')
      .execute(),
    rulesFor(db, fy),
    db.selectFrom('rule_set').select('effective_from_fiscal_year').execute(),
    db.selectFrom('cofunding_band').select(['effective_from_fiscal_year', 'band', 'label_th', 'label_en']).execute(),
  ]);
  const versions = ruleYears.map((r) => ({ effectiveFromFiscalYear: r.effective_from_fiscal_year }));
  const bandOf = (fiscalYear: number, band: string | null) => {
    const rule = band === null ? null : ruleInForce(versions, fiscalYear);
    return rule ? allBands.find((b) => b.effective_from_fiscal_year === rule.effectiveFromFiscalYear && b.band === band) : undefined;
  };
  return {
    fund,
    fiscalYear: fy,
    year: year ?? null,
    rule: rules.rule,
    bands: rules.bands,
    figures: figuresOf(rules.rule, rules.bands, year ?? { population: null, income_band: null, cofunding_budget: null }),
    years: years.map((y) => {
      const band = bandOf(y.fiscal_year, y.income_band);
      return { ...y, income_band_label_th: band?.label_th ?? null, income_band_label_en: band?.label_en ?? null };
    }),
  };
}

const yearSchema = z.object({
  /** Empty: the year is new; otherwise the version the form was rendered with. */
  version: z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), versionField.nullable()),
  population: optionalParsed(parsePopulation),
  population_as_of: optionalParsed(parseDate),
  income_band: optionalText(40),
  cofunding_budget: optionalParsed(parseMoney),
});

/**
 * Creates the fund's year (fiscal year 2540–2700) or updates it. The income band must be one
 * of the bands in force that year. Returns the figures the saved inputs give.
 */
export async function saveFundYear(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; fiscalYear: unknown },
): Promise<{ created: boolean; version: number; figures: YearFigures }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'fund_year.edit', { scopeChain: ref.scopeChain });
  const fy = parseInput(z.object({ fiscalYear: parsed(parseFiscalYear) }), { fiscalYear: String(input.fiscalYear ?? '') }, 'admin.error.invalid').fiscalYear;
  const value = parseInput(yearSchema, input, 'admin.error.invalid');
  const { rule, bands } = await rulesFor(db, fy);
  if (value.income_band !== null) {
    if (!rule) throw invalid('income_band', 'admin.error.noRules', { year: fy });
    if (!bands.some((b) => b.band === value.income_band)) {
      throw invalid('income_band', 'admin.error.unknownBand', { band: value.income_band, bands: bands.map((b) => b.band).join(', ') });
    }
  }
  const row = {
    population: value.population,
    population_as_of: value.population_as_of,
    income_band: value.income_band,
    cofunding_budget: value.cofunding_budget === null ? null : toNumeric(value.cofunding_budget),
  };
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('fund_year')
      .selectAll()
      .where('fund_id', '=', ref.id)
      .where('fiscal_year', '=', fy)
      .forUpdate()
      .executeTakeFirst();
    const figures = figuresOf(rule, bands, row);
    if (!existing) {
      // A version means the form showed a stored year that has since gone.
      if (value.version !== null) throw new Conflict(`fund year ${ref.code}/${fy}`);
      await tx
        .insertInto('fund_year')
        .values({ fund_id: ref.id, fiscal_year: fy, ...row })
        .execute();
      await audit(tx, actor?.userId ?? null, 'fund_year.create', 'fund_year', `${ref.code}/${fy}`, { values: row });
      return { created: true, version: 1, figures };
    }
    // No version: someone created the year while this form was open.
    if (value.version === null || existing.version !== value.version) throw new Conflict(`fund year ${ref.code}/${fy}`);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['population', 'population_as_of', 'income_band', 'cofunding_budget'] as const) {
      const before = field === 'cofunding_budget' ? plainNumeric(existing[field]) : existing[field];
      const after = field === 'cofunding_budget' ? plainNumeric(row[field]) : row[field];
      if (before !== after) changes[field] = { from: existing[field], to: row[field] };
    }
    if (Object.keys(changes).length === 0) return { created: false, version: existing.version, figures };
    const result = await tx
      .updateTable('fund_year')
      .set({ ...row, version: sql<number>`version + 1`, updated_at: sql`now()` })
      .where('fund_id', '=', ref.id)
      .where('fiscal_year', '=', fy)
      .where('version', '=', value.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Conflict(`fund year ${ref.code}/${fy}`);
    await audit(tx, actor?.userId ?? null, 'fund_year.update', 'fund_year', `${ref.code}/${fy}`, { changes });
    return { created: false, version: existing.version + 1, figures };
  });
}

// ---------------------------------------------------------------------------------------------
// The committee

export interface CommitteeMember {
  id: number;
  version: number;
  title: string;
  first_name: string;
  last_name: string;
  position: CommitteePosition;
  composition_slot: string;
  organisation: string | null;
  term_start: string;
  term_end: string | null;
  appointment_order_number: string | null;
  appointment_order_date: string | null;
}

export interface CommitteeForEdit {
  fund: { code: string; name_th: string; name_en: string | null };
  today: string;
  /** Serving today, by position then seat. */
  current: CommitteeMember[];
  /** Appointed, term not begun yet. */
  upcoming: CommitteeMember[];
  /** Terms that have ended, latest end first. */
  ended: CommitteeMember[];
  /** Every appointment, latest start first. */
  history: CommitteeMember[];
}

const MEMBER_COLUMNS = [
  'id',
  'version',
  'title',
  'first_name',
  'last_name',
  'position',
  'composition_slot',
  'organisation',
  'term_start',
  'term_end',
  'appointment_order_number',
  'appointment_order_date',
] as const;

const POSITION_ORDER = new Map<string, number>(COMMITTEE_POSITIONS.map((p, i) => [p, i]));
const SLOT_ORDER = new Map<string, number>(COMMITTEE_SLOTS.map((s, i) => [s, i]));
const byPosition = (a: CommitteeMember, b: CommitteeMember) =>
  (POSITION_ORDER.get(a.position) ?? 99) - (POSITION_ORDER.get(b.position) ?? 99) ||
  (SLOT_ORDER.get(a.composition_slot) ?? 99) - (SLOT_ORDER.get(b.composition_slot) ?? 99) ||
  a.id - b.id;

/** The fund's committee for its officers: who serves today, who is to start, whose term has ended. */
export async function listCommitteeForEdit(db: Db, actor: Actor | null, input: { code: string; today?: string }): Promise<CommitteeForEdit> {
  const ref = await fundFor(db, input);
  authorize(actor, 'committee.edit', { scopeChain: ref.scopeChain });
  const today = input.today ?? toBangkokIsoDate(new Date());
  const [fund, members] = await Promise.all([
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow(),
    db.selectFrom('committee_member').select(MEMBER_COLUMNS).where('fund_id', '=', ref.id).execute(),
  ]);
  const ordered = [...members].sort(byPosition);
  return {
    fund,
    today,
    current: ordered.filter((m) => isServing(m, today)),
    upcoming: ordered.filter((m) => m.term_start > today),
    ended: ordered.filter((m) => m.term_end !== null && m.term_end < today).sort((a, b) => b.term_end!.localeCompare(a.term_end!) || byPosition(a, b)),
    history: [...members].sort((a, b) => b.term_start.localeCompare(a.term_start) || byPosition(a, b)),
  };
}

/** One appointment of the fund's committee, for its edit form. */
export async function getCommitteeMember(
  db: Db,
  actor: Actor | null,
  input: { code: string; id: unknown },
): Promise<{ fund: { code: string; name_th: string; name_en: string | null }; member: CommitteeMember }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'committee.edit', { scopeChain: ref.scopeChain });
  const id = memberId(input.id);
  const [fund, member] = await Promise.all([
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow(),
    db.selectFrom('committee_member').select(MEMBER_COLUMNS).where('id', '=', id).where('fund_id', '=', ref.id).executeTakeFirst(),
  ]);
  if (!member) throw new NotFound(`committee member ${id}`);
  return { fund, member };
}

function memberId(value: unknown): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound(`committee member ${String(value)}`);
  return id;
}

const memberSchema = z
  .object({
    title: optionalText(40),
    first_name: requiredText(100),
    last_name: requiredText(100),
    position: z.enum(COMMITTEE_POSITIONS, 'admin.error.position'),
    composition_slot: z.enum(COMMITTEE_SLOTS, 'admin.error.slot'),
    organisation: optionalText(200),
    term_start: parsed(parseDate),
    term_end: optionalParsed(parseDate),
    appointment_order_number: optionalText(60),
    appointment_order_date: optionalParsed(parseDate),
  })
  .superRefine((value, ctx) => {
    if (value.term_end !== null && value.term_end < value.term_start) {
      ctx.addIssue({ code: 'custom', path: ['term_end'], message: 'admin.error.termEndBeforeStart' });
    }
  });

type MemberValues = z.infer<typeof memberSchema>;
const memberRow = (v: MemberValues) => ({ ...v, title: v.title ?? '' });

/** Records an appointment to the fund's committee. */
export async function addCommitteeMember(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string }): Promise<{ id: number }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'committee.edit', { scopeChain: ref.scopeChain });
  const value = parseInput(memberSchema, input, 'admin.error.invalid');
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('committee_member')
      .values({ fund_id: ref.id, ...memberRow(value) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor?.userId ?? null, 'committee_member.add', 'committee_member', id, { fund: ref.code, values: memberRow(value) });
    return { id };
  });
}

/** Corrects an appointment: every field, checked against the version the form showed. */
export async function updateCommitteeMember(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; id: unknown },
): Promise<{ id: number; version: number }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'committee.edit', { scopeChain: ref.scopeChain });
  const id = memberId(input.id);
  const { version } = parseInput(z.object({ version: versionField }), input, 'admin.error.invalid');
  const value = parseInput(memberSchema, input, 'admin.error.invalid');
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('committee_member').select(MEMBER_COLUMNS).where('id', '=', id).where('fund_id', '=', ref.id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFound(`committee member ${id}`);
    if (before.version !== version) throw new Conflict(`committee member ${id}`);
    const row = memberRow(value);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, to] of Object.entries(row)) {
      const from = before[field as keyof typeof before];
      if (from !== to) changes[field] = { from, to };
    }
    if (Object.keys(changes).length === 0) return { id, version };
    const result = await tx
      .updateTable('committee_member')
      .set({ ...row, version: sql<number>`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Conflict(`committee member ${id}`);
    await audit(tx, actor?.userId ?? null, 'committee_member.update', 'committee_member', id, { fund: ref.code, changes });
    return { id, version: version + 1 };
  });
}

/** Ends an appointment's term on a day (not before it began). */
export async function endCommitteeTerm(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; id: unknown },
): Promise<{ id: number; version: number }> {
  const ref = await fundFor(db, input);
  authorize(actor, 'committee.edit', { scopeChain: ref.scopeChain });
  const id = memberId(input.id);
  const value = parseInput(z.object({ version: versionField, term_end: parsed(parseDate) }), input, 'admin.error.invalid');
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('committee_member').select(MEMBER_COLUMNS).where('id', '=', id).where('fund_id', '=', ref.id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFound(`committee member ${id}`);
    if (before.version !== value.version) throw new Conflict(`committee member ${id}`);
    if (value.term_end < before.term_start) throw new Invalid([{ field: 'term_end', key: 'admin.error.termEndBeforeStart' }]);
    const result = await tx
      .updateTable('committee_member')
      .set({ term_end: value.term_end, version: sql<number>`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('version', '=', value.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Conflict(`committee member ${id}`);
    await audit(tx, actor?.userId ?? null, 'committee_member.end_term', 'committee_member', id, {
      fund: ref.code,
      from: before.term_end,
      to: value.term_end,
    });
    return { id, version: value.version + 1 };
  });
}
