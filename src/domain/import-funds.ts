// Importing funds and their year profiles from a spreadsheet: reading the tables (CSV or the
// sheets of an XLSX workbook, already turned into rows of text) and deciding, row by row, what
// would be created, updated, left unchanged or rejected and why. Pure: the database's current
// state comes in as an ImportContext, so the dry run and the apply make the very same plan.

import { isBlankRecord } from './csv.ts';
import { fromNumeric, type Satang } from './money.ts';
import type { LaoTypeCode } from './registry.ts';
import {
  type Parsed,
  parseDate,
  parseDistrictCode,
  parseEmail,
  parseFiscalYear,
  parseFundCode,
  parseLaoType,
  parseMoney,
  parseName,
  parsePhone,
  parsePopulation,
  type ValueProblem,
} from './import-values.ts';

/** A table of text cells as read from the file: a CSV, or one sheet of a workbook. */
export interface SourceTable {
  /** The sheet's name; null for a CSV. */
  sheet: string | null;
  /** Records in file order; the first non-blank one names the columns. */
  records: string[][];
}

export const FUND_COLUMNS = ['fund_code', 'name_th', 'lao_type', 'lao_name', 'district_code', 'established_fiscal_year', 'phone', 'email'] as const;
export const FUND_REQUIRED_COLUMNS = ['fund_code', 'name_th', 'lao_type', 'lao_name', 'district_code'] as const;
export const YEAR_COLUMNS = ['fund_code', 'fiscal_year', 'population', 'population_as_of', 'income_band', 'cofunding_budget'] as const;
export const YEAR_REQUIRED_COLUMNS = ['fund_code', 'fiscal_year'] as const;

/** The most data rows one upload may hold (7,700 funds × a few years fits well). */
export const MAX_IMPORT_ROWS = 50_000;

/** Why a row cannot be imported: the value problems, plus those only the whole file or the database reveal. */
export type RowProblemCode = ValueProblem | 'duplicateFund' | 'duplicateYear' | 'unknownDistrict' | 'unknownFund' | 'unknownBand' | 'noRules';

export interface RowProblem {
  /** The column at fault, or null for the row as a whole. */
  column: string | null;
  code: RowProblemCode;
  params?: Record<string, string | number>;
}

/** What is wrong with the file as a whole; nothing in it is looked at further. */
export type FileProblem =
  | { code: 'noTables' }
  | { code: 'missingColumns'; sheet: string | null; columns: string[] }
  | { code: 'tooManyRows'; max: number };

export interface FundValues {
  name_th?: string;
  lao_type?: LaoTypeCode;
  lao_name?: string;
  district_code?: string;
  established_fiscal_year?: number;
  phone?: string;
  email?: string;
}

export interface YearValues {
  population?: number;
  population_as_of?: string;
  income_band?: string;
  cofunding_budget?: Satang;
}

interface RowBase {
  sheet: string | null;
  /** The record's number in the file or sheet, the header being 1. */
  row: number;
  fundCode: string;
  problems: RowProblem[];
}
export interface FundRow extends RowBase {
  kind: 'fund';
  values: FundValues;
}
export interface YearRow extends RowBase {
  kind: 'year';
  fiscalYear: number | null;
  values: YearValues;
}

export interface ReadTables {
  funds: FundRow[];
  years: YearRow[];
  /** Columns present in a table that the import does not use, per table. */
  ignoredColumns: { sheet: string | null; columns: string[] }[];
  problems: FileProblem[];
}

const headerName = (text: string) => text.trim().toLowerCase().replace(/\s+/g, '_');

function check<T>(problems: RowProblem[], column: string, parsed: Parsed<T>): T | undefined {
  if (parsed.ok) return parsed.value;
  problems.push(parsed.params ? { column, code: parsed.problem, params: parsed.params } : { column, code: parsed.problem });
  return undefined;
}

/**
 * Reads each table as funds (it has name_th) or year profiles (it has fiscal_year), and checks
 * every cell's form. An empty cell means "leave as it is" (or nothing, for a new row).
 */
export function readImportTables(tables: readonly SourceTable[]): ReadTables {
  const result: ReadTables = { funds: [], years: [], ignoredColumns: [], problems: [] };
  let rowCount = 0;
  for (const table of tables) {
    const headerIndex = table.records.findIndex((r) => !isBlankRecord(r));
    if (headerIndex < 0) continue;
    const header = table.records[headerIndex]!.map(headerName);
    const kind = header.includes('fiscal_year') ? 'year' : header.includes('name_th') ? 'fund' : null;
    if (!kind) {
      // Neither kind: say what a table needs (a sheet of notes in a workbook is skipped).
      if (table.sheet === null || header.includes('fund_code')) {
        result.problems.push({ code: 'missingColumns', sheet: table.sheet, columns: ['name_th', 'fiscal_year'] });
      }
      continue;
    }
    const required: readonly string[] = kind === 'fund' ? FUND_REQUIRED_COLUMNS : YEAR_REQUIRED_COLUMNS;
    const known: readonly string[] = kind === 'fund' ? FUND_COLUMNS : YEAR_COLUMNS;
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      result.problems.push({ code: 'missingColumns', sheet: table.sheet, columns: missing });
      continue;
    }
    const ignored = header.filter((c) => c !== '' && !known.includes(c));
    if (ignored.length > 0) result.ignoredColumns.push({ sheet: table.sheet, columns: ignored });
    for (let i = headerIndex + 1; i < table.records.length; i++) {
      const record = table.records[i]!;
      if (isBlankRecord(record)) continue;
      if (++rowCount > MAX_IMPORT_ROWS) {
        result.problems.push({ code: 'tooManyRows', max: MAX_IMPORT_ROWS });
        return result;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, j) => {
        // The first column of a name wins; a repeated header is ignored.
        if (name !== '' && !(name in cells)) cells[name] = (record[j] ?? '').trim();
      });
      if (kind === 'fund') result.funds.push(readFundRow(table.sheet, i + 1, cells));
      else result.years.push(readYearRow(table.sheet, i + 1, cells));
    }
  }
  if (result.problems.length === 0 && result.funds.length === 0 && result.years.length === 0) result.problems.push({ code: 'noTables' });
  return result;
}

/** The row's fund code, normalised; as typed when it is not a valid code (the problem is noted). */
function readFundCode(problems: RowProblem[], code: string): string {
  if (code === '') {
    problems.push({ column: 'fund_code', code: 'required' });
    return '';
  }
  return check(problems, 'fund_code', parseFundCode(code)) ?? code;
}

function readFundRow(sheet: string | null, row: number, cells: Record<string, string>): FundRow {
  const problems: RowProblem[] = [];
  const values: FundValues = {};
  const fundCode = readFundCode(problems, cells.fund_code ?? '');
  const present = (column: string) => (cells[column] ?? '') !== '';
  if (present('name_th')) values.name_th = check(problems, 'name_th', parseName(cells.name_th!, 200));
  if (present('lao_type')) values.lao_type = check(problems, 'lao_type', parseLaoType(cells.lao_type!));
  if (present('lao_name')) values.lao_name = check(problems, 'lao_name', parseName(cells.lao_name!, 200));
  if (present('district_code')) values.district_code = check(problems, 'district_code', parseDistrictCode(cells.district_code!));
  if (present('established_fiscal_year')) values.established_fiscal_year = check(problems, 'established_fiscal_year', parseFiscalYear(cells.established_fiscal_year!));
  if (present('phone')) values.phone = check(problems, 'phone', parsePhone(cells.phone!));
  if (present('email')) values.email = check(problems, 'email', parseEmail(cells.email!));
  return { kind: 'fund', sheet, row, fundCode, problems, values: withoutUndefined(values) };
}

function readYearRow(sheet: string | null, row: number, cells: Record<string, string>): YearRow {
  const problems: RowProblem[] = [];
  const values: YearValues = {};
  const fundCode = readFundCode(problems, cells.fund_code ?? '');
  const year = cells.fiscal_year ?? '';
  let fiscalYear: number | null = null;
  if (year === '') problems.push({ column: 'fiscal_year', code: 'required' });
  else fiscalYear = check(problems, 'fiscal_year', parseFiscalYear(year)) ?? null;
  const present = (column: string) => (cells[column] ?? '') !== '';
  if (present('population')) values.population = check(problems, 'population', parsePopulation(cells.population!));
  if (present('population_as_of')) values.population_as_of = check(problems, 'population_as_of', parseDate(cells.population_as_of!));
  if (present('income_band')) values.income_band = cells.income_band!.trim();
  if (present('cofunding_budget')) values.cofunding_budget = check(problems, 'cofunding_budget', parseMoney(cells.cofunding_budget!));
  return { kind: 'year', sheet, row, fundCode, fiscalYear, problems, values: withoutUndefined(values) };
}

function withoutUndefined<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// The plan

/** A fund as stored, in the import's terms. */
export interface ExistingFund {
  code: string;
  name_th: string;
  lao_type: LaoTypeCode;
  lao_name: string;
  district_code: string;
  established_fiscal_year: number | null;
  phone: string | null;
  email: string | null;
}

export interface ExistingYear {
  population: number | null;
  population_as_of: string | null;
  income_band: string | null;
  /** numeric text as stored ('1234.50'). */
  cofunding_budget: string | null;
}

/** What the database holds that the rows are matched and checked against. */
export interface ImportContext {
  funds: ReadonlyMap<string, ExistingFund>;
  /** Existing years by `${fundCode}/${fiscalYear}`. */
  years: ReadonlyMap<string, ExistingYear>;
  /** District codes that exist. */
  districts: ReadonlySet<string>;
  /** The income band codes of the rules in force in a fiscal year; null when no rules apply. */
  bandsInForce(fiscalYear: number): readonly string[] | null;
}

export type Outcome = 'create' | 'update' | 'unchanged' | 'reject';

export interface PlannedRow<V> {
  sheet: string | null;
  row: number;
  fundCode: string;
  fiscalYear: number | null;
  outcome: Outcome;
  /** The columns whose stored value would change (update), or that are given (create). */
  changed: string[];
  problems: RowProblem[];
  values: V;
}

export interface ImportPlan {
  funds: PlannedRow<FundValues>[];
  years: PlannedRow<YearValues>[];
  counts: Record<Outcome, number>;
}

export const yearKey = (fundCode: string, fiscalYear: number) => `${fundCode}/${fiscalYear}`;

const FUND_REQUIRED_VALUES = ['name_th', 'lao_type', 'lao_name', 'district_code'] as const;

/** Decides each row's outcome against the database's state; rows with any problem are rejected. */
export function planImport(read: ReadTables, context: ImportContext): ImportPlan {
  const funds: PlannedRow<FundValues>[] = [];
  const firstFundRow = new Map<string, FundRow>();
  for (const row of read.funds) {
    const problems = [...row.problems];
    const earlier = row.fundCode ? firstFundRow.get(row.fundCode) : undefined;
    if (earlier) problems.push({ column: 'fund_code', code: 'duplicateFund', params: { row: earlier.row, ...(earlier.sheet ? { sheet: earlier.sheet } : {}) } });
    else if (row.fundCode) firstFundRow.set(row.fundCode, row);
    if (row.values.district_code !== undefined && !context.districts.has(row.values.district_code)) {
      problems.push({ column: 'district_code', code: 'unknownDistrict', params: { code: row.values.district_code } });
    }
    const existing = context.funds.get(row.fundCode);
    if (!existing) {
      for (const column of FUND_REQUIRED_VALUES) {
        if (row.values[column] === undefined && !problems.some((p) => p.column === column)) problems.push({ column, code: 'required' });
      }
    }
    const changed = existing ? changedFundColumns(existing, row.values) : Object.keys(row.values);
    funds.push(planned(row, null, problems, existing ? (changed.length > 0 ? 'update' : 'unchanged') : 'create', changed, row.values));
  }

  const years: PlannedRow<YearValues>[] = [];
  const firstYearRow = new Map<string, YearRow>();
  for (const row of read.years) {
    const problems = [...row.problems];
    const known = row.fundCode !== '' && (context.funds.has(row.fundCode) || firstFundRow.has(row.fundCode));
    if (row.fundCode !== '' && !row.problems.some((p) => p.column === 'fund_code') && !known) {
      problems.push({ column: 'fund_code', code: 'unknownFund', params: { code: row.fundCode } });
    }
    const key = row.fiscalYear === null ? null : yearKey(row.fundCode, row.fiscalYear);
    const earlier = key ? firstYearRow.get(key) : undefined;
    if (earlier) problems.push({ column: 'fiscal_year', code: 'duplicateYear', params: { row: earlier.row, ...(earlier.sheet ? { sheet: earlier.sheet } : {}) } });
    else if (key) firstYearRow.set(key, row);
    if (row.fiscalYear !== null && row.values.income_band !== undefined) {
      const bands = context.bandsInForce(row.fiscalYear);
      if (!bands) problems.push({ column: 'income_band', code: 'noRules', params: { year: row.fiscalYear } });
      else if (!bands.includes(row.values.income_band)) {
        problems.push({ column: 'income_band', code: 'unknownBand', params: { band: row.values.income_band, bands: bands.join(', ') } });
      }
    }
    const existing = key ? context.years.get(key) : undefined;
    const changed = existing ? changedYearColumns(existing, row.values) : Object.keys(row.values);
    years.push(planned(row, row.fiscalYear, problems, existing ? (changed.length > 0 ? 'update' : 'unchanged') : 'create', changed, row.values));
  }

  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const row of [...funds, ...years]) counts[row.outcome]++;
  return { funds, years, counts };
}

function planned<V>(row: RowBase, fiscalYear: number | null, problems: RowProblem[], outcome: Outcome, changed: string[], values: V): PlannedRow<V> {
  return {
    sheet: row.sheet,
    row: row.row,
    fundCode: row.fundCode,
    fiscalYear,
    outcome: problems.length > 0 ? 'reject' : outcome,
    changed: problems.length > 0 ? [] : changed,
    problems,
    values,
  };
}

function changedFundColumns(existing: ExistingFund, values: FundValues): string[] {
  return (Object.keys(values) as (keyof FundValues)[]).filter((column) => values[column] !== existing[column]);
}

function changedYearColumns(existing: ExistingYear, values: YearValues): string[] {
  const changed: string[] = [];
  if (values.population !== undefined && values.population !== existing.population) changed.push('population');
  if (values.population_as_of !== undefined && values.population_as_of !== existing.population_as_of) changed.push('population_as_of');
  if (values.income_band !== undefined && values.income_band !== existing.income_band) changed.push('income_band');
  if (
    values.cofunding_budget !== undefined &&
    (existing.cofunding_budget === null || fromNumeric(existing.cofunding_budget) !== values.cofunding_budget)
  ) {
    changed.push('cofunding_budget');
  }
  return changed;
}

/** Whether the plan can be applied: nothing rejected and something to write. */
export function planIsApplicable(plan: ImportPlan): boolean {
  return plan.counts.reject === 0 && plan.counts.create + plan.counts.update > 0;
}
