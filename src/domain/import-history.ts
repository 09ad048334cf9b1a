// Importing history from the current program (localfund): its published lists of followed
// projects, annual financial plans and ledger transactions, as JSON, CSV or XLSX with the same
// columns (docs/decisions/015-history-import.md). Pure rules: which columns each kind has, how a
// record's values are read (Thai and ISO dates, Buddhist-era years, categories by label or
// number, exact money), how a ledger entry's lines must balance, and the summary a run keeps.
// Nothing is guessed: a year that looks like the wrong era is refused with both readings.

import { BE_OFFSET, fiscalYearOf, formatIsoDate, isValidCalendarDate } from './fiscal-year.ts';
import { type Parsed as ParsedValue, parseFiscalYear, parseFundCode, parseMoney, parseWholeNumber, type ValueProblem } from './import-values.ts';
import { BANK_ACCOUNT, EXPENSE_ACCOUNTS, type EntryKind, RECEIPT_ACCOUNTS, REFUND_ACCOUNT } from './ledger.ts';
import { type Satang, sumSatang, ZERO_SATANG } from './money.ts';
import type { SupportCategory } from './planning.ts';
import { normalizeThaiDigits } from './thai-date.ts';

export const HISTORY_KINDS = ['projects', 'financial_plans', 'ledger'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];
export const isHistoryKind = (value: unknown): value is HistoryKind => (HISTORY_KINDS as readonly unknown[]).includes(value);

export interface HistoryColumn {
  name: string;
  required: boolean;
  /** Other names the same column goes by in the old program's exports. */
  aliases?: readonly string[];
}

const col = (name: string, required = false, aliases: string[] = []): HistoryColumn => ({ name, required, aliases });

/** The columns of each kind, named as the old program's JSON names them. */
export const HISTORY_COLUMNS: Record<HistoryKind, readonly HistoryColumn[]> = {
  projects: [
    col('areaName'),
    col('changwatName'),
    col('ampurName'),
    col('fundCode', true, ['fundId']),
    col('fundName'),
    col('projectId', true),
    col('projectCode', true),
    col('projectTitle', true),
    col('budgetYear', true),
    col('projectType', true),
    col('orgName'),
    col('dateStart'),
    col('dateEnd'),
    col('budgetGrant', true),
    col('dateApprove'),
    col('dateReport'),
    col('coordinatorName'),
    col('coordinatorPhone'),
    col('targetGroup'),
    col('targetSize'),
    col('targetActivity'),
    col('status'),
  ],
  financial_plans: [
    col('fundId', true, ['fundCode']),
    col('budgetYear', true),
    col('openBalance', true),
    col('incomeNhso', true),
    col('incomeLocal', true),
    col('incomeOther'),
    col('budget10_1', true),
    col('budget10_2', true),
    col('budget10_3', true),
    col('budget10_4', true),
    col('budget10_5', true),
    col('dateApprove'),
  ],
  ledger: [
    col('fundCode', true, ['fundId']),
    col('refCode', true, ['reference']),
    col('dateTrans', true, ['date', 'transDate']),
    col('accountCode', true, ['accCode']),
    col('debit'),
    col('credit'),
    col('project', false, ['projectId', 'projectCode']),
    col('description', false, ['detail']),
  ],
};

const normalizeName = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** Each kind's column (and alias) names normalised → the column's name. */
const COLUMN_LOOKUP: Record<HistoryKind, Map<string, string>> = Object.fromEntries(
  HISTORY_KINDS.map((kind) => [
    kind,
    new Map(HISTORY_COLUMNS[kind].flatMap((c) => [c.name, ...(c.aliases ?? [])].map((n) => [normalizeName(n), c.name] as const))),
  ]),
) as Record<HistoryKind, Map<string, string>>;

/** The column a header cell or JSON key names, or null when the kind has no such column. */
export function historyColumn(kind: HistoryKind, name: string): string | null {
  return COLUMN_LOOKUP[kind].get(normalizeName(name)) ?? null;
}

export interface HeaderPlan {
  /** Column name → its position in the header. */
  positions: Map<string, number>;
  missing: string[];
  unknown: string[];
}

/** Reads a spreadsheet's header row: where each column is, what is missing, what is not ours. */
export function readHeader(kind: HistoryKind, header: readonly string[]): HeaderPlan {
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((cell, i) => {
    if (cell.trim() === '') return;
    const name = historyColumn(kind, cell);
    if (name && !positions.has(name)) positions.set(name, i);
    else unknown.push(cell.trim());
  });
  const missing = HISTORY_COLUMNS[kind].filter((c) => c.required && !positions.has(c.name)).map((c) => c.name);
  return { positions, missing, unknown };
}

/** A value of a JSON item as the text a spreadsheet cell would hold. */
export function jsonValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// Problems

/** What can be wrong with a row beyond a single value's own form. */
export const HISTORY_PROBLEMS = [
  'missingValue',
  'dateCe',
  'dateBe',
  'dateTwoDigitYear',
  'category',
  'status',
  'account',
  'debitOrCredit',
  'unbalanced',
  'accountForKind',
  'reference',
  'referenceCe',
  'referenceSplit',
  'entryDates',
  'duplicateProjectId',
  'duplicateProjectCode',
  'duplicatePlan',
  'duplicateReference',
  'unknownFund',
  'outOfScope',
  'projectCodeTaken',
  'unknownProject',
  'planMadeHere',
  'referenceTaken',
  'monthClosed',
  'periodOrder',
  'targetSize',
] as const;
export type HistoryProblemCode = (typeof HISTORY_PROBLEMS)[number];

/** A message key: the registry's value problems (admin.error.*) or this import's own. */
export type ProblemKey = `admin.error.${ValueProblem}` | `history.error.${HistoryProblemCode}`;

export interface RowProblem {
  column: string | null;
  key: ProblemKey;
  params?: Record<string, string | number>;
}

export const problem = (column: string | null, code: HistoryProblemCode, params?: Record<string, string | number>): RowProblem =>
  params ? { column, key: `history.error.${code}`, params } : { column, key: `history.error.${code}` };

/** Runs a value parser and notes its problem against the column. */
function take<T>(problems: RowProblem[], column: string, parsed: ParsedValue<T>): T | null {
  if (parsed.ok) return parsed.value;
  problems.push(parsed.params ? { column, key: `admin.error.${parsed.problem}`, params: parsed.params } : { column, key: `admin.error.${parsed.problem}` });
  return null;
}

function takeHistory<T>(problems: RowProblem[], column: string, parsed: HistoryParsed<T>): T | null {
  if (parsed.ok) return parsed.value;
  problems.push(problem(column, parsed.code, parsed.params));
  return null;
}

type HistoryParsed<T> = { ok: true; value: T } | { ok: false; code: HistoryProblemCode; params?: Record<string, string | number> };

// ---------------------------------------------------------------------------------------------
// Dates

const THAI_MONTHS: readonly (readonly string[])[] = [
  ['ม.ค.', 'มกราคม', 'มค'],
  ['ก.พ.', 'กุมภาพันธ์', 'กพ'],
  ['มี.ค.', 'มีนาคม', 'มีค'],
  ['เม.ย.', 'เมษายน', 'เมย'],
  ['พ.ค.', 'พฤษภาคม', 'พค'],
  ['มิ.ย.', 'มิถุนายน', 'มิย'],
  ['ก.ค.', 'กรกฎาคม', 'กค'],
  ['ส.ค.', 'สิงหาคม', 'สค'],
  ['ก.ย.', 'กันยายน', 'กย'],
  ['ต.ค.', 'ตุลาคม', 'ตค'],
  ['พ.ย.', 'พฤศจิกายน', 'พย'],
  ['ธ.ค.', 'ธันวาคม', 'ธค'],
];
const MONTH_BY_NAME = new Map(THAI_MONTHS.flatMap((names, i) => names.map((n) => [n.replaceAll('.', ''), i + 1] as const)));

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const THAI_DATE = /^(\d{1,2})\s*([ก-๙.]+?)\s*(?:พ\.?\s?ศ\.?\s*)?(\d{2}|\d{4})$/;
/** Years at or above this are Buddhist era (as in thai-date.ts). */
const BE_THRESHOLD = 2400;
const MIN_DATE_YEAR_CE = 2500 - BE_OFFSET;
const MAX_DATE_YEAR_CE = 2700 - BE_OFFSET;

/**
 * A date as the old program and Thai spreadsheets write it, to ISO (CE): `2025-01-15` (ISO is
 * CE; a BE year there is refused), `15/01/2568` or `15 ม.ค. 2568` (Thai forms are BE; a CE
 * year there is refused). Both readings are named in the refusal; two-digit years are refused.
 */
export function parseHistoryDate(text: string): HistoryParsed<string> | ParsedValue<string> {
  const t = normalizeThaiDigits(text.trim()).replace(/\s+/g, ' ');
  let year: number;
  let month: number;
  let day: number;
  let era: 'ce' | 'be';
  const iso = ISO_DATE.exec(t);
  const numeric = iso ? null : NUMERIC_DATE.exec(t);
  const thai = iso || numeric ? null : THAI_DATE.exec(t);
  if (iso) {
    [year, month, day, era] = [Number(iso[1]), Number(iso[2]), Number(iso[3]), 'ce'];
  } else if (numeric) {
    if (numeric[3]!.length === 2) return { ok: false, code: 'dateTwoDigitYear', params: { text: t } };
    [day, month, year, era] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3]), 'be'];
  } else if (thai) {
    const m = MONTH_BY_NAME.get(thai[2]!.replaceAll('.', ''));
    if (!m) return { ok: false, problem: 'date' };
    if (thai[3]!.length === 2) return { ok: false, code: 'dateTwoDigitYear', params: { text: t } };
    [day, month, year, era] = [Number(thai[1]), m, Number(thai[3]), 'be'];
  } else {
    return { ok: false, problem: 'date' };
  }
  const ceYear = year >= BE_THRESHOLD ? year - BE_OFFSET : year;
  if (!isValidCalendarDate(ceYear, month, day)) return { ok: false, problem: 'date' };
  const asCe = formatIsoDate({ year: ceYear, month, day });
  if (era === 'ce' && year >= BE_THRESHOLD) return { ok: false, code: 'dateBe', params: { text: t, ce: asCe } };
  if (era === 'be' && year < BE_THRESHOLD && year >= 1900) {
    return { ok: false, code: 'dateCe', params: { text: t, be: `${day}/${month}/${year + BE_OFFSET}` } };
  }
  if (ceYear < MIN_DATE_YEAR_CE || ceYear > MAX_DATE_YEAR_CE) return { ok: false, problem: 'dateRange' };
  return { ok: true, value: asCe };
}

function takeDate(problems: RowProblem[], column: string, text: string): string | null {
  if (text.trim() === '') return null;
  const parsed = parseHistoryDate(text);
  if (parsed.ok) return parsed.value;
  if ('code' in parsed) problems.push(problem(column, parsed.code, parsed.params));
  else take(problems, column, parsed);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Categories and statuses

/** The category labels the old program and the announcement use, without spaces. */
const CATEGORY_LABELS: Record<SupportCategory, readonly string[]> = {
  1: ['สนับสนุนการจัดบริการสาธารณสุขของหน่วยบริการ/สถานบริการ/หน่วยงานสาธารณสุข', 'หน่วยบริการ/สถานบริการ/หน่วยงานสาธารณสุข', 'healthserviceunits'],
  2: ['สนับสนุนกิจกรรมสร้างเสริมสุขภาพการป้องกันโรคของกลุ่มหรือองค์กรประชาชน/หน่วยงานอื่น', 'กลุ่มหรือองค์กรประชาชน/หน่วยงานอื่น', 'communitygroupsandotherorganisations'],
  3: ['สนับสนุนการจัดกิจกรรมของศูนย์เด็กเล็ก/ผู้สูงอายุ/คนพิการ', 'ศูนย์เด็กเล็ก/ผู้สูงอายุ/คนพิการ', 'child,elderlyanddisabilitycentres'],
  4: ['สนับสนุนการบริหารหรือพัฒนากองทุนฯ', 'สนับสนุนการบริหารหรือพัฒนากองทุน', 'การบริหารหรือพัฒนากองทุน', 'fundadministrationanddevelopment'],
  5: ['สนับสนุนกรณีเกิดโรคระบาดหรือภัยพิบัติ', 'กรณีเกิดโรคระบาดหรือภัยพิบัติ', 'epidemicsanddisasters'],
};
const CATEGORY_BY_LABEL = new Map(
  Object.entries(CATEGORY_LABELS).flatMap(([category, labels]) => labels.map((l) => [l.toLowerCase(), Number(category) as SupportCategory] as const)),
);

/** A support category by number (2, 10(2), ข้อ 10(2)) or by its label, with or without [ข้อ 10(n)]. */
export function parseCategory(text: string): HistoryParsed<SupportCategory> {
  const t = normalizeThaiDigits(text.trim());
  const bare = /^(?:ข้อ\s*)?(?:10\s*)?\(?\s*([1-5])\s*\)?$/.exec(t);
  const clause = /10\s*\(\s*([1-5])\s*\)/.exec(t);
  const byLabel = CATEGORY_BY_LABEL.get(t.replace(/\[[^\]]*\]/g, '').replace(/\s+/g, '').toLowerCase());
  const found = bare?.[1] ?? clause?.[1];
  const category = found ? (Number(found) as SupportCategory) : byLabel;
  if (!category) return { ok: false, code: 'category', params: { text: t.slice(0, 80) } };
  // A label naming one category and a clause naming another is a contradiction, not a choice.
  if (found && byLabel && byLabel !== Number(found)) return { ok: false, code: 'category', params: { text: t.slice(0, 80) } };
  return { ok: true, value: category };
}

export type ImportedProjectStatus = 'running' | 'completed' | 'terminated' | 'suspended';
const STATUS_WORDS: Record<string, ImportedProjectStatus> = {
  running: 'running',
  ongoing: 'running',
  อนุมัติ: 'running',
  ดำเนินการ: 'running',
  กำลังดำเนินการ: 'running',
  อยู่ระหว่างดำเนินการ: 'running',
  completed: 'completed',
  closed: 'completed',
  เสร็จสิ้น: 'completed',
  ดำเนินการเสร็จสิ้น: 'completed',
  ปิดโครงการ: 'completed',
  terminated: 'terminated',
  cancelled: 'terminated',
  ยกเลิก: 'terminated',
  ยุติ: 'terminated',
  ยุติโครงการ: 'terminated',
  suspended: 'suspended',
  ระงับ: 'suspended',
  ชะลอ: 'suspended',
};

/** A project's status in the old program's words (or ours); empty is running. */
export function parseProjectStatus(text: string): HistoryParsed<ImportedProjectStatus> {
  const t = text.trim().replace(/\s+/g, '').toLowerCase();
  if (t === '') return { ok: true, value: 'running' };
  const status = STATUS_WORDS[t];
  return status ? { ok: true, value: status } : { ok: false, code: 'status', params: { text: text.trim().slice(0, 40) } };
}

// ---------------------------------------------------------------------------------------------
// Records

export type SourceRecord = Record<string, string>;

interface RowBase {
  /** The row of the file (the header is row 1) or the item's position (1-based) in JSON. */
  row: number;
  fundCode: string;
  problems: RowProblem[];
}

export interface ProjectValues {
  projectCode: string;
  title: string;
  fiscalYear: number;
  category: SupportCategory;
  organisationName: string;
  periodStart: string | null;
  periodEnd: string | null;
  approvedAmount: Satang;
  decidedOn: string | null;
  coordinatorName: string;
  coordinatorPhone: string;
  status: ImportedProjectStatus;
  /** What the old program said that has no column here, as given. */
  detail: Record<string, string>;
}
export interface ProjectRow extends RowBase {
  kind: 'projects';
  /** The old program's projectId. */
  key: string;
  values: ProjectValues | null;
}

export interface PlanValues {
  fiscalYear: number;
  carryOver: Satang;
  nhsoTransfer: Satang;
  laoCofunding: Satang;
  otherIncome: Satang;
  allocations: [Satang, Satang, Satang, Satang, Satang];
  approvedOn: string | null;
}
export interface PlanRow extends RowBase {
  kind: 'financial_plans';
  /** The fiscal year as text (the key with the fund). */
  key: string;
  values: PlanValues | null;
}

export interface LedgerLineValues {
  reference: string;
  date: string;
  accountCode: string;
  debit: Satang;
  credit: Satang;
  project: string;
  description: string;
}
export interface LedgerRow extends RowBase {
  kind: 'ledger';
  /** The reference (the key with the fund). */
  key: string;
  values: LedgerLineValues | null;
}

export type HistoryRow = ProjectRow | PlanRow | LedgerRow;

const text = (record: SourceRecord, column: string) => (record[column] ?? '').trim();

function required(problems: RowProblem[], record: SourceRecord, column: string, max = 500): string {
  const value = text(record, column);
  if (value === '') problems.push(problem(column, 'missingValue'));
  else if (value.length > max) problems.push({ column, key: 'admin.error.tooLong', params: { max } });
  return value;
}

function optional(problems: RowProblem[], record: SourceRecord, column: string, max: number): string {
  const value = text(record, column);
  if (value.length > max) problems.push({ column, key: 'admin.error.tooLong', params: { max } });
  return value.slice(0, max);
}

function money(problems: RowProblem[], record: SourceRecord, column: string, blankIsZero: boolean): Satang | null {
  const value = text(record, column);
  if (value === '') {
    if (blankIsZero) return ZERO_SATANG;
    problems.push(problem(column, 'missingValue'));
    return null;
  }
  return take(problems, column, parseMoney(value));
}

function fundCodeOf(problems: RowProblem[], record: SourceRecord, column: string): string {
  const value = required(problems, record, column, 20);
  if (value === '') return '';
  return take(problems, column, parseFundCode(value)) ?? value.toUpperCase();
}

function fiscalYearOfRecord(problems: RowProblem[], record: SourceRecord, column: string): number | null {
  const value = required(problems, record, column, 10);
  return value === '' ? null : take(problems, column, parseFiscalYear(value));
}

/** One followed project as the old program lists it. */
export function readProjectRecord(row: number, record: SourceRecord): ProjectRow {
  const problems: RowProblem[] = [];
  const fundCode = fundCodeOf(problems, record, 'fundCode');
  const key = required(problems, record, 'projectId', 100);
  const projectCode = required(problems, record, 'projectCode', 60);
  const title = required(problems, record, 'projectTitle', 500);
  const fiscalYear = fiscalYearOfRecord(problems, record, 'budgetYear');
  const typeText = required(problems, record, 'projectType', 300);
  const category = typeText === '' ? null : takeHistory(problems, 'projectType', parseCategory(typeText));
  const approvedAmount = money(problems, record, 'budgetGrant', false);
  const periodStart = takeDate(problems, 'dateStart', text(record, 'dateStart'));
  const periodEnd = takeDate(problems, 'dateEnd', text(record, 'dateEnd'));
  if (periodStart && periodEnd && periodEnd < periodStart) problems.push(problem('dateEnd', 'periodOrder'));
  const dateApprove = takeDate(problems, 'dateApprove', text(record, 'dateApprove'));
  const dateReport = takeDate(problems, 'dateReport', text(record, 'dateReport'));
  const targetSize = text(record, 'targetSize');
  if (targetSize !== '') take(problems, 'targetSize', parseWholeNumber(targetSize));
  const status = takeHistory(problems, 'status', parseProjectStatus(text(record, 'status')));
  const organisationName = optional(problems, record, 'orgName', 200);
  const coordinatorName = optional(problems, record, 'coordinatorName', 200);
  const coordinatorPhone = optional(problems, record, 'coordinatorPhone', 30);
  const detail: Record<string, string> = {};
  for (const column of ['areaName', 'changwatName', 'ampurName', 'fundName', 'targetGroup', 'targetSize', 'targetActivity'] as const) {
    const value = optional(problems, record, column, 2000);
    if (value !== '') detail[column] = value;
  }
  if (dateReport) detail.dateReport = dateReport;
  const values =
    problems.length === 0
      ? {
          projectCode,
          title,
          fiscalYear: fiscalYear!,
          category: category!,
          organisationName,
          periodStart,
          periodEnd,
          approvedAmount: approvedAmount!,
          decidedOn: dateApprove,
          coordinatorName,
          coordinatorPhone,
          status: status!,
          detail,
        }
      : null;
  return { kind: 'projects', row, fundCode, key, problems, values };
}

/** One fund's annual financial plan: expected receipts and the allocations to 10(1)–10(5). */
export function readPlanRecord(row: number, record: SourceRecord): PlanRow {
  const problems: RowProblem[] = [];
  const fundCode = fundCodeOf(problems, record, 'fundId');
  const fiscalYear = fiscalYearOfRecord(problems, record, 'budgetYear');
  const carryOver = money(problems, record, 'openBalance', false);
  const nhsoTransfer = money(problems, record, 'incomeNhso', false);
  const laoCofunding = money(problems, record, 'incomeLocal', false);
  const otherIncome = money(problems, record, 'incomeOther', true);
  const allocations = [1, 2, 3, 4, 5].map((n) => money(problems, record, `budget10_${n}`, false));
  const approvedOn = takeDate(problems, 'dateApprove', text(record, 'dateApprove'));
  const values =
    problems.length === 0
      ? {
          fiscalYear: fiscalYear!,
          carryOver: carryOver!,
          nhsoTransfer: nhsoTransfer!,
          laoCofunding: laoCofunding!,
          otherIncome: otherIncome!,
          allocations: allocations as PlanValues['allocations'],
          approvedOn,
        }
      : null;
  return { kind: 'financial_plans', row, fundCode, key: fiscalYear === null ? '' : String(fiscalYear), problems, values };
}

const REFERENCE = /^(RCV|PAY|RET|ADJ)(\d{4})-(\d{4,})$/;
const KIND_OF_PREFIX: Record<string, EntryKind> = { RCV: 'receipt', PAY: 'payment', RET: 'refund', ADJ: 'correction' };
const ACCOUNTS = new Set<string>([BANK_ACCOUNT, ...RECEIPT_ACCOUNTS, ...EXPENSE_ACCOUNTS]);

/** The kind of posting a reference names (RCV2568-0012 → receipt). */
export function entryKindOf(reference: string): EntryKind | null {
  const m = REFERENCE.exec(reference);
  return m ? KIND_OF_PREFIX[m[1]!]! : null;
}

/** One line of a ledger transaction. */
export function readLedgerRecord(row: number, record: SourceRecord): LedgerRow {
  const problems: RowProblem[] = [];
  const fundCode = fundCodeOf(problems, record, 'fundCode');
  const reference = required(problems, record, 'refCode', 40).toUpperCase().replace(/\s+/g, '');
  if (reference !== '') {
    const m = REFERENCE.exec(reference);
    if (!m) problems.push(problem('refCode', 'reference', { reference }));
    else if (Number(m[2]) >= 1900 && Number(m[2]) < BE_THRESHOLD) {
      problems.push(problem('refCode', 'referenceCe', { reference, be: `${m[1]}${Number(m[2]) + BE_OFFSET}-${m[3]}` }));
    }
  }
  const dateText = required(problems, record, 'dateTrans', 40);
  const date = dateText === '' ? null : takeDate(problems, 'dateTrans', dateText);
  const accountCode = required(problems, record, 'accountCode', 10);
  if (accountCode !== '' && !ACCOUNTS.has(accountCode)) problems.push(problem('accountCode', 'account', { code: accountCode }));
  const debit = money(problems, record, 'debit', true);
  const credit = money(problems, record, 'credit', true);
  if (debit !== null && credit !== null && (debit === 0) === (credit === 0)) problems.push(problem('debit', 'debitOrCredit'));
  const project = optional(problems, record, 'project', 100);
  const description = optional(problems, record, 'description', 1000);
  const values = problems.length === 0 ? { reference, date: date!, accountCode, debit: debit!, credit: credit!, project, description } : null;
  return { kind: 'ledger', row, fundCode, key: reference, problems, values };
}

export function readHistoryRecord(kind: HistoryKind, row: number, record: SourceRecord): HistoryRow {
  if (kind === 'projects') return readProjectRecord(row, record);
  if (kind === 'financial_plans') return readPlanRecord(row, record);
  return readLedgerRecord(row, record);
}

// ---------------------------------------------------------------------------------------------
// Ledger entries

export interface EntryLine {
  accountCode: string;
  debit: Satang;
  credit: Satang;
}

export interface ImportedEntry {
  reference: string;
  kind: EntryKind;
  date: string;
  fiscalYear: number;
  project: string;
  description: string;
  /** The lines as posted: the file's, with the bank's side added when the file leaves it out. */
  lines: EntryLine[];
}

/**
 * A ledger transaction from its lines (all the file's rows with one reference). The old
 * program lists the bank side (10100) or leaves it implied; when listed, the lines must balance.
 * Every line must suit the reference's kind: RCV credits a receipt account, PAY debits an
 * expense account, RET credits refunds (40500); ADJ may touch any account.
 */
export function buildEntry(rows: readonly LedgerLineValues[]): { entry: ImportedEntry | null; problems: RowProblem[] } {
  const first = rows[0]!;
  const kind = entryKindOf(first.reference)!;
  const problems: RowProblem[] = [];
  if (rows.some((r) => r.date !== first.date)) problems.push(problem('dateTrans', 'entryDates', { reference: first.reference }));
  const own = rows.filter((r) => r.accountCode !== BANK_ACCOUNT);
  for (const r of own) {
    const fits =
      kind === 'correction' ||
      (kind === 'receipt' && r.credit > 0 && (RECEIPT_ACCOUNTS as readonly string[]).includes(r.accountCode) && r.accountCode !== REFUND_ACCOUNT) ||
      (kind === 'payment' && r.debit > 0 && (EXPENSE_ACCOUNTS as readonly string[]).includes(r.accountCode)) ||
      (kind === 'refund' && r.credit > 0 && r.accountCode === REFUND_ACCOUNT);
    if (!fits) problems.push(problem('accountCode', 'accountForKind', { reference: first.reference, code: r.accountCode }));
  }
  const debit = sumSatang(rows.map((r) => r.debit));
  const credit = sumSatang(rows.map((r) => r.credit));
  const lines: EntryLine[] = rows.map((r) => ({ accountCode: r.accountCode, debit: r.debit, credit: r.credit }));
  if (rows.length > own.length || own.length === 0) {
    if (debit !== credit || rows.length < 2) problems.push(problem('debit', 'unbalanced', { reference: first.reference, debit: bahtText(debit), credit: bahtText(credit) }));
  } else if (debit > credit) lines.push({ accountCode: BANK_ACCOUNT, debit: ZERO_SATANG, credit: (debit - credit) as Satang });
  else if (credit > debit) lines.push({ accountCode: BANK_ACCOUNT, debit: (credit - debit) as Satang, credit: ZERO_SATANG });
  else problems.push(problem('debit', 'unbalanced', { reference: first.reference, debit: bahtText(debit), credit: bahtText(credit) }));
  const project = rows.find((r) => r.project !== '')?.project ?? '';
  const description = rows.find((r) => r.description !== '')?.description ?? '';
  if (problems.length > 0) return { entry: null, problems };
  return {
    entry: { reference: first.reference, kind, date: first.date, fiscalYear: fiscalYearOf(first.date), project, description, lines },
    problems,
  };
}

/** Satang as plain baht text for a message: 1234.5 baht → '1234.50'. */
function bahtText(amount: Satang): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whether two sets of lines post the same thing (order of lines aside). */
export function sameLines(a: readonly EntryLine[], b: readonly EntryLine[]): boolean {
  const key = (l: EntryLine) => `${l.accountCode}:${l.debit}:${l.credit}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

// ---------------------------------------------------------------------------------------------
// The summary of a run

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';
export const ROW_OUTCOMES: readonly RowOutcome[] = ['created', 'updated', 'unchanged', 'rejected'];

export interface SummaryRow {
  row: number;
  fundCode: string;
  key: string;
  outcome: RowOutcome;
  problems: RowProblem[];
  /** The columns an update changes. */
  changed?: string[];
}

/** Rejected rows kept for the summary; the counts cover them all. */
export const MAX_REJECTED_LISTED = 1000;
/** Created and updated rows kept for the summary. */
export const MAX_CHANGED_LISTED = 200;

/**
 * Counts every row and keeps a bounded list of those worth reading (rejected ones first), so
 * a run over a million rows keeps a summary of the same size as one over a hundred.
 */
export class RunSummary {
  readonly counts: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  private readonly rejected: SummaryRow[] = [];
  private readonly changed: SummaryRow[] = [];
  private unlisted = 0;

  add(row: SummaryRow): void {
    this.counts[row.outcome]++;
    const list = row.outcome === 'rejected' ? this.rejected : row.outcome === 'unchanged' ? null : this.changed;
    if (!list) return;
    if (list.length < (row.outcome === 'rejected' ? MAX_REJECTED_LISTED : MAX_CHANGED_LISTED)) list.push(row);
    else this.unlisted++;
  }

  get total(): number {
    return this.counts.created + this.counts.updated + this.counts.unchanged + this.counts.rejected;
  }

  rows(): SummaryRow[] {
    return [...this.rejected.sort((a, b) => a.row - b.row), ...this.changed.sort((a, b) => a.row - b.row)];
  }

  get more(): number {
    return this.unlisted;
  }
}
