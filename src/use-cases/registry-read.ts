import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { AreaLevel, CommitteePosition, DB, LaoType } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { fundYearFigures, ruleInForce } from '../domain/fund-year.ts';
import { fromNumeric, multiplySatang, toNumeric } from '../domain/money.ts';
import { type Action, type Actor, allowedActions, fundScopeChain } from '../domain/policy.ts';
import { COMMITTEE_POSITIONS, COMMITTEE_SLOTS, isServing } from '../domain/registry.ts';
import { normalizeThaiDigits } from '../domain/thai-date.ts';
import { areaScopeChain, authorize } from './authorize.ts';
import { NotFound, parseInput } from './errors.ts';

// Reads of the public registry: the areas of the country with their counts, fund search and a
// fund's public profile. Everyone may read these ('area.view', 'fund.view'); what only the
// fund's own people and overseers may see ('fund.view_internal') is left out for the others.

export const AREA_LEVELS = ['country', 'region', 'province', 'district', 'subdistrict'] as const;

/** The column of fund_area that holds a fund's area at each level. */
const FUND_AREA_COLUMN = {
  region: 'region_code',
  province: 'province_code',
  district: 'district_code',
} as const;

const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  country: 'region',
  region: 'province',
  province: 'district',
  district: 'subdistrict',
  subdistrict: null,
};

/** The area code asked for does not exist; the message names it. */
export class UnknownArea extends NotFound {
  readonly code: string;
  constructor(code: string) {
    super(`area ${code}`);
    this.code = code;
  }
}

/** The fund code asked for does not exist. */
export class UnknownFund extends NotFound {
  readonly code: string;
  constructor(code: string) {
    super(`fund ${code}`);
    this.code = code;
  }
}

export interface AreaItem {
  code: string;
  name_th: string;
  name_en: string | null;
  level: AreaLevel;
  parent_code: string | null;
}

/** A child area with what lies under it; population is the sum for `population_year`. */
export interface AreaStats extends AreaItem {
  /** Areas directly under this one (districts of a province, …). */
  sub_areas: number;
  funds: number;
  active_funds: number;
  population: number | null;
}

export interface RegionStats extends AreaItem {
  provinces: number;
  districts: number;
  funds: number;
  active_funds: number;
  population: number | null;
}

export interface FundListItem {
  code: string;
  name_th: string;
  name_en: string | null;
  lao_type: LaoType;
  lao_name: string;
  status: 'active' | 'closed';
  district_code: string;
  district_name_th: string;
  district_name_en: string | null;
  province_code: string;
  province_name_th: string;
  province_name_en: string | null;
  region_code: string;
  region_name_th: string;
  region_name_en: string | null;
  /** Population of the latest fiscal year with a figure, and that year. */
  population: number | null;
  population_year: number | null;
}

// An area code as people type it: trimmed, upper-case (r10 → R10), Thai digits read as digits.
const areaCode = z
  .string()
  .trim()
  .max(20, 'registry.error.areaCode')
  .transform((code) => normalizeThaiDigits(code).toUpperCase());
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const AREA_COLUMNS = ['code', 'name_th', 'name_en', 'level', 'parent_code'] as const;

async function findArea(db: Kysely<DB>, code: string) {
  const area = await db
    .selectFrom('area')
    .select([...AREA_COLUMNS, 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!area) throw new UnknownArea(code);
  return area;
}

/** Regions in number order (R1 … R13), everything else by code. */
const byCode = sql`length(code), code`;

// ---------------------------------------------------------------------------------------------
// Areas

const listAreasInput = z.object({
  level: optional(z.enum(AREA_LEVELS, 'registry.error.level')),
  parent: optional(areaCode),
});

/**
 * Areas as plain items. `parent` alone gives its direct children; with `level`, its descendants
 * at that level (every district of region 10); `level` alone, every area at that level.
 * An unknown parent is UnknownArea; an unknown level is Invalid.
 */
export async function listAreas(db: Kysely<DB>, actor: Actor | null, input: unknown): Promise<AreaItem[]> {
  authorize(actor, 'area.view');
  const { level, parent } = parseInput(listAreasInput, input);
  let query = db.selectFrom('area').select(AREA_COLUMNS);
  if (parent) {
    const parentArea = await findArea(db, parent);
    query = level ? query.where('path', 'like', `${parentArea.path}/%`).where('level', '=', level) : query.where('parent_code', '=', parent);
  } else if (level) {
    query = query.where('level', '=', level);
  }
  return query
    .orderBy(sql`case level when 'country' then 0 when 'region' then 1 when 'province' then 2 when 'district' then 3 else 4 end`)
    .orderBy(byCode)
    .execute();
}

/** The latest fiscal year with a population figure for some fund in the area (any, for TH). */
async function latestPopulationYear(db: Kysely<DB>, area: { code: string; level: AreaLevel }): Promise<number | null> {
  let query = db
    .selectFrom('fund_year as y')
    .innerJoin('fund_area as fa', 'fa.fund_id', 'y.fund_id')
    .select((eb) => eb.fn.max('y.fiscal_year').as('year'))
    .where('y.population', 'is not', null);
  if (area.level === 'subdistrict') {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('fund_subdistrict as fs').whereRef('fs.fund_id', '=', 'y.fund_id').where('fs.subdistrict_code', '=', area.code)),
    );
  } else if (area.level !== 'country') {
    query = query.where(`fa.${FUND_AREA_COLUMN[area.level]}`, '=', area.code);
  }
  const row = await query.executeTakeFirst();
  return row?.year ?? null;
}

/**
 * The country page: every NHSO region with its provinces, districts, funds (all and active) and
 * population in the latest year with figures, in one grouped query.
 */
export async function countryOverview(
  db: Kysely<DB>,
  actor: Actor | null,
): Promise<{ regions: RegionStats[]; population_year: number | null; actions: Action[] }> {
  authorize(actor, 'area.view');
  const year = await latestPopulationYear(db, { code: 'TH', level: 'country' });
  const { rows } = await sql<RegionStats>`
    with provinces as (
      select parent_code as region, count(*) as n from area where level = 'province' group by parent_code
    ), districts as (
      select p.parent_code as region, count(*) as n
      from area d join area p on p.code = d.parent_code
      where d.level = 'district' group by p.parent_code
    ), funds as (
      select fa.region_code as region, count(*) as n, count(*) filter (where f.status = 'active') as active,
        sum(y.population) as population
      from fund_area fa join fund f on f.id = fa.fund_id
      left join fund_year y on y.fund_id = f.id and y.fiscal_year = ${year ?? 0}
      group by fa.region_code
    )
    select r.code, r.name_th, r.name_en, r.level, r.parent_code,
      coalesce(p.n, 0) as provinces, coalesce(d.n, 0) as districts,
      coalesce(f.n, 0) as funds, coalesce(f.active, 0) as active_funds, f.population
    from area r
    left join provinces p on p.region = r.code
    left join districts d on d.region = r.code
    left join funds f on f.region = r.code
    where r.level = 'region'
    order by length(r.code), r.code`.execute(db);
  return { regions: rows.map(numbersOf), population_year: year, actions: areaActions(actor, ['TH']) };
}

/** int8 and numeric aggregates arrive as numbers (int8) or text (sum of integer is numeric on some paths). */
function numbersOf<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of ['provinces', 'districts', 'funds', 'active_funds', 'sub_areas', 'population']) {
    const value = out[key];
    if (typeof value === 'string') out[key] = Number(value);
  }
  return out as T;
}

function areaActions(actor: Actor | null, scopeChain: string[]): Action[] {
  return allowedActions(actor, ['fund.create', 'funds.import'], { scopeChain });
}

export interface AreaDetail {
  area: AreaItem & { path: string };
  /** From the country down to the area's parent. */
  breadcrumbs: AreaItem[];
  children: AreaStats[];
  /** For a district or a subdistrict: its funds. */
  funds: FundListItem[];
  /** The fiscal year whose population the children's figures add up. */
  population_year: number | null;
  actions: Action[];
}

const getAreaInput = z.object({ code: areaCode });

/** One area with the way up (breadcrumbs) and down (children with counts, or its funds). */
export async function getArea(db: Kysely<DB>, actor: Actor | null, input: unknown): Promise<AreaDetail> {
  authorize(actor, 'area.view');
  const { code } = parseInput(getAreaInput, input);
  const area = await findArea(db, code);
  const ancestors = areaScopeChain(area.path).slice(0, -1);
  const breadcrumbs =
    ancestors.length === 0
      ? []
      : await db.selectFrom('area').select(AREA_COLUMNS).where('code', 'in', ancestors).orderBy(sql`length(path)`).execute();
  const year = await latestPopulationYear(db, area);
  const childLevel = CHILD_LEVEL[area.level];
  const children = childLevel ? await childStats(db, area, childLevel, year) : [];
  const funds =
    area.level === 'district' || area.level === 'subdistrict'
      ? await fundList(db)
          .where((eb) =>
            area.level === 'district'
              ? eb('fa.district_code', '=', area.code)
              : eb.exists(eb.selectFrom('fund_subdistrict as fs').whereRef('fs.fund_id', '=', 'f.id').where('fs.subdistrict_code', '=', area.code)),
          )
          .orderBy('f.code')
          .execute()
      : [];
  return {
    area,
    breadcrumbs,
    children,
    funds,
    population_year: year,
    actions: areaActions(actor, areaScopeChain(area.path)),
  };
}

async function childStats(db: Kysely<DB>, area: { code: string; level: AreaLevel }, childLevel: AreaLevel, year: number | null): Promise<AreaStats[]> {
  if (childLevel === 'subdistrict') {
    // A fund may cover several subdistricts, so populations are not split among them.
    const { rows } = await sql<AreaStats>`
      select s.code, s.name_th, s.name_en, s.level, s.parent_code, 0 as sub_areas,
        count(f.id) as funds, count(f.id) filter (where f.status = 'active') as active_funds, null as population
      from area s
      left join fund_subdistrict fs on fs.subdistrict_code = s.code
      left join fund f on f.id = fs.fund_id
      where s.parent_code = ${area.code}
      group by s.code
      order by s.code`.execute(db);
    return rows.map(numbersOf);
  }
  const childColumn = sql.ref(`fa.${FUND_AREA_COLUMN[childLevel as keyof typeof FUND_AREA_COLUMN]}`);
  const within = area.level === 'country' ? sql`true` : sql`${sql.ref(`fa.${FUND_AREA_COLUMN[area.level as keyof typeof FUND_AREA_COLUMN]}`)} = ${area.code}`;
  const { rows } = await sql<AreaStats>`
    with below as (
      select g.parent_code as code, count(*) as n
      from area g join area c on c.code = g.parent_code
      where c.parent_code = ${area.code}
      group by g.parent_code
    ), funds as (
      select ${childColumn} as code, count(*) as n, count(*) filter (where f.status = 'active') as active,
        sum(y.population) as population
      from fund_area fa join fund f on f.id = fa.fund_id
      left join fund_year y on y.fund_id = f.id and y.fiscal_year = ${year ?? 0}
      where ${within}
      group by ${childColumn}
    )
    select c.code, c.name_th, c.name_en, c.level, c.parent_code, coalesce(b.n, 0) as sub_areas,
      coalesce(f.n, 0) as funds, coalesce(f.active, 0) as active_funds, f.population
    from area c
    left join below b on b.code = c.code
    left join funds f on f.code = c.code
    where c.parent_code = ${area.code}
    order by length(c.code), c.code`.execute(db);
  return rows.map(numbersOf);
}

// ---------------------------------------------------------------------------------------------
// Funds

/** Funds with their district, province and region names and latest population. */
function fundList(db: Kysely<DB>) {
  return db
    .selectFrom('fund as f')
    .innerJoin('fund_area as fa', 'fa.fund_id', 'f.id')
    .innerJoin('area as d', 'd.code', 'fa.district_code')
    .innerJoin('area as p', 'p.code', 'fa.province_code')
    .innerJoin('area as r', 'r.code', 'fa.region_code')
    .select([
      'f.code',
      'f.name_th',
      'f.name_en',
      'f.lao_type',
      'f.lao_name',
      'f.status',
      'fa.district_code',
      'd.name_th as district_name_th',
      'd.name_en as district_name_en',
      'fa.province_code',
      'p.name_th as province_name_th',
      'p.name_en as province_name_en',
      'fa.region_code',
      'r.name_th as region_name_th',
      'r.name_en as region_name_en',
      latestYear('population').as('population'),
      latestYear('fiscal_year').as('population_year'),
    ]);
}

type FundListQuery = ReturnType<typeof fundList>;

/** A column of the fund's latest year that has a population figure. */
function latestYear(column: 'population' | 'fiscal_year') {
  return sql<number | null>`(select ${sql.ref(`y.${column}`)} from fund_year y where y.fund_id = f.id and y.population is not null order by y.fiscal_year desc limit 1)`;
}

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export const SEARCH_MAX_LIMIT = 500;

const searchInput = z.object({
  q: optional(z.string().trim().max(100, 'registry.error.queryTooLong')),
  area: optional(areaCode),
  limit: optional(z.coerce.number('registry.error.limit').int('registry.error.limit').min(1, 'registry.error.limit').max(SEARCH_MAX_LIMIT, 'registry.error.limit')),
  offset: optional(z.coerce.number('registry.error.offset').int('registry.error.offset').min(0, 'registry.error.offset').max(1_000_000, 'registry.error.offset')),
});

export interface FundSearchResult {
  items: FundListItem[];
  /** How many funds match in all, beyond this page. */
  total: number;
  limit: number;
  offset: number;
  /** The area filter, when one was given. */
  area: AreaItem | null;
}

/**
 * Funds by code (exact or prefix: L54, l5432, 33…) or by part of the fund's or its local
 * government's name (Thai or English), within an area of any level. With neither, every fund
 * (of the area), by code. Exact code first, then code prefixes, then names.
 */
export async function searchFunds(db: Kysely<DB>, actor: Actor | null, input: unknown): Promise<FundSearchResult> {
  authorize(actor, 'fund.view');
  const parsed = parseInput(searchInput, input);
  const limit = parsed.limit ?? 50;
  const offset = parsed.offset ?? 0;
  const area = parsed.area ? await findArea(db, parsed.area) : null;
  let query: FundListQuery = fundList(db);
  if (area && area.level !== 'country') {
    query =
      area.level === 'subdistrict'
        ? query.where((eb) =>
            eb.exists(eb.selectFrom('fund_subdistrict as fs').whereRef('fs.fund_id', '=', 'f.id').where('fs.subdistrict_code', '=', area.code)),
          )
        : query.where(`fa.${FUND_AREA_COLUMN[area.level]}`, '=', area.code);
  }
  const q = parsed.q;
  if (q) {
    const code = normalizeThaiDigits(q).toUpperCase();
    const codePrefix = `${escapeLike(code)}%`;
    const contains = `%${escapeLike(q)}%`;
    query = query
      .where((eb) =>
        eb.or([
          eb('f.code', 'like', codePrefix),
          eb('f.name_th', 'ilike', contains),
          eb('f.lao_name', 'ilike', contains),
          eb('f.name_en', 'ilike', contains),
        ]),
      )
      .orderBy(sql`case when f.code = ${code} then 0 when f.code like ${codePrefix} then 1 else 2 end`);
  }
  const rows = await query
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .orderBy('f.code')
    .limit(limit)
    .offset(offset)
    .execute();
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && offset > 0) {
    // Past the end: still say how many there are.
    const counted = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).clearOrderBy().executeTakeFirst();
    total = Number(counted?.n ?? 0);
  }
  return {
    items: rows.map(({ total: _total, ...item }) => item),
    total,
    limit,
    offset,
    area: area && { code: area.code, name_th: area.name_th, name_en: area.name_en, level: area.level, parent_code: area.parent_code },
  };
}

// ---------------------------------------------------------------------------------------------
// A fund's public profile

export const FUND_ACTIONS = ['fund.view_internal', 'fund.edit', 'fund_year.edit', 'committee.edit', 'meeting.view', 'proposal.create', 'ledger.view', 'project.record_outside', 'history.import'] as const;
export type FundAction = (typeof FUND_ACTIONS)[number];

export interface FundYearView {
  fiscal_year: number;
  population: number | null;
  population_as_of: string | null;
  income_band: string | null;
  income_band_label_th: string | null;
  income_band_label_en: string | null;
  /** Minimum co-funding rate of the band under the rules in force that year ('30.00'). */
  min_rate_percent: string | null;
  /** The rule set in force: its first fiscal year and NHSO per-capita rate (baht). */
  rule_set_year: number | null;
  nhso_per_capita: string | null;
  /** Baht as exact numeric text; null where an input is missing. */
  nhso_estimate: string | null;
  minimum_cofunding: string | null;
  cofunding_budget: string | null;
  meets_minimum: boolean | null;
}

export interface CommitteeMemberView {
  position: CommitteePosition;
  composition_slot: string;
  title: string;
  first_name: string;
  last_name: string;
  organisation: string | null;
  term_start: string;
  term_end: string | null;
}

export interface FundInternal {
  bank_name: string | null;
  bank_branch: string | null;
  bank_account_name: string | null;
  bank_account_number: string | null;
  opening_balance: string | null;
  opening_balance_date: string | null;
}

export interface FundProfile {
  code: string;
  name_th: string;
  name_en: string | null;
  lao_type: LaoType;
  lao_name: string;
  status: 'active' | 'closed';
  established_fiscal_year: number | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  region: AreaItem;
  province: AreaItem;
  district: AreaItem;
  subdistricts: AreaItem[];
  /** Latest fiscal year first. */
  years: FundYearView[];
  committee: {
    /** Serving on `as_of`. */
    current: CommitteeMemberView[];
    /** Appointed, term not yet begun. */
    upcoming: CommitteeMemberView[];
    /** Terms that have ended, latest first. */
    ended: CommitteeMemberView[];
    as_of: string;
  };
  /** Bank account and opening balance: only for those who may see them. */
  internal: FundInternal | null;
  actions: FundAction[];
}

const fundCode = z
  .string()
  .trim()
  .max(10, 'registry.error.fundCode')
  .transform((code) => normalizeThaiDigits(code).toUpperCase());
const profileInput = z.object({ code: fundCode, today: optional(z.iso.date('registry.error.date')) });

const POSITION_ORDER = new Map<string, number>(COMMITTEE_POSITIONS.map((p, i) => [p, i]));
const SLOT_ORDER = new Map<string, number>(COMMITTEE_SLOTS.map((s, i) => [s, i]));

/** A fund's public profile: what it is, where, its years in figures and its committee. */
export async function getFundProfile(db: Kysely<DB>, actor: Actor | null, input: unknown): Promise<FundProfile> {
  authorize(actor, 'fund.view');
  const { code, today = toBangkokIsoDate(new Date()) } = parseInput(profileInput, input);
  const fund = await db
    .selectFrom('fund as f')
    .innerJoin('fund_area as fa', 'fa.fund_id', 'f.id')
    .selectAll('f')
    .select(['fa.region_code', 'fa.province_code'])
    .where('f.code', '=', code)
    .executeTakeFirst();
  if (!fund) throw new UnknownFund(code);
  const scopeChain = fundScopeChain({ regionCode: fund.region_code, provinceCode: fund.province_code, districtCode: fund.district_code, fundCode: fund.code });
  const actions = allowedActions(actor, FUND_ACTIONS, { scopeChain });

  const [areas, subdistricts, years, ruleSets, bands, members] = await Promise.all([
    db.selectFrom('area').select(AREA_COLUMNS).where('code', 'in', [fund.region_code, fund.province_code, fund.district_code]).execute(),
    db
      .selectFrom('fund_subdistrict as fs')
      .innerJoin('area as s', 's.code', 'fs.subdistrict_code')
      .select(['s.code', 's.name_th', 's.name_en', 's.level', 's.parent_code'])
      .where('fs.fund_id', '=', fund.id)
      .orderBy('s.code')
      .execute(),
    db.selectFrom('fund_year').selectAll().where('fund_id', '=', fund.id).orderBy('fiscal_year', 'desc').execute(),
    db.selectFrom('rule_set').select(['effective_from_fiscal_year', 'nhso_per_capita']).execute(),
    db.selectFrom('cofunding_band').select(['effective_from_fiscal_year', 'band', 'label_th', 'label_en', 'min_rate_percent']).execute(),
    db
      .selectFrom('committee_member')
      .select(['position', 'composition_slot', 'title', 'first_name', 'last_name', 'organisation', 'term_start', 'term_end', 'id'])
      .where('fund_id', '=', fund.id)
      .execute(),
  ]);
  const areaOf = (c: string) => areas.find((a) => a.code === c)!;
  const rules = ruleSets.map((r) => ({ ...r, effectiveFromFiscalYear: r.effective_from_fiscal_year }));

  const yearViews = years.map((y): FundYearView => {
    const rule = ruleInForce(rules, y.fiscal_year);
    const band = rule && y.income_band ? bands.find((b) => b.effective_from_fiscal_year === rule.effective_from_fiscal_year && b.band === y.income_band) : undefined;
    const budget = y.cofunding_budget === null ? null : fromNumeric(y.cofunding_budget);
    const figures =
      rule && band && y.population !== null
        ? fundYearFigures({ population: y.population, perCapita: fromNumeric(rule.nhso_per_capita), minRatePercent: band.min_rate_percent, cofundingBudget: budget })
        : null;
    // Without a known band the NHSO estimate still stands on its own.
    const nhsoEstimate = figures?.nhsoEstimate ?? (rule && y.population !== null ? multiplySatang(fromNumeric(rule.nhso_per_capita), y.population) : null);
    return {
      fiscal_year: y.fiscal_year,
      population: y.population,
      population_as_of: y.population_as_of,
      income_band: y.income_band,
      income_band_label_th: band?.label_th ?? null,
      income_band_label_en: band?.label_en ?? null,
      min_rate_percent: band?.min_rate_percent ?? null,
      rule_set_year: rule?.effective_from_fiscal_year ?? null,
      nhso_per_capita: rule?.nhso_per_capita ?? null,
      nhso_estimate: nhsoEstimate === null ? null : toNumeric(nhsoEstimate),
      minimum_cofunding: figures ? toNumeric(figures.minimumCofunding) : null,
      cofunding_budget: budget === null ? null : toNumeric(budget),
      meets_minimum: figures?.meetsMinimum ?? null,
    };
  });

  const ordered = [...members].sort(
    (a, b) =>
      (POSITION_ORDER.get(a.position) ?? 99) - (POSITION_ORDER.get(b.position) ?? 99) ||
      (SLOT_ORDER.get(a.composition_slot) ?? 99) - (SLOT_ORDER.get(b.composition_slot) ?? 99) ||
      a.id - b.id,
  );
  const view = ({ id: _id, ...m }: (typeof members)[number]): CommitteeMemberView => m;
  const ended = ordered
    .filter((m) => m.term_end !== null && m.term_end < today)
    .sort((a, b) => (b.term_end ?? '').localeCompare(a.term_end ?? '') || (POSITION_ORDER.get(a.position) ?? 99) - (POSITION_ORDER.get(b.position) ?? 99));

  return {
    code: fund.code,
    name_th: fund.name_th,
    name_en: fund.name_en,
    lao_type: fund.lao_type,
    lao_name: fund.lao_name,
    status: fund.status,
    established_fiscal_year: fund.established_fiscal_year,
    address: fund.address,
    phone: fund.phone,
    email: fund.email,
    region: areaOf(fund.region_code),
    province: areaOf(fund.province_code),
    district: areaOf(fund.district_code),
    subdistricts,
    years: yearViews,
    committee: {
      current: ordered.filter((m) => isServing(m, today)).map(view),
      upcoming: ordered.filter((m) => m.term_start > today).map(view),
      ended: ended.map(view),
      as_of: today,
    },
    internal: actions.includes('fund.view_internal')
      ? {
          bank_name: fund.bank_name,
          bank_branch: fund.bank_branch,
          bank_account_name: fund.bank_account_name,
          bank_account_number: fund.bank_account_number,
          opening_balance: fund.opening_balance,
          opening_balance_date: fund.opening_balance_date,
        }
      : null,
    actions,
  };
}
