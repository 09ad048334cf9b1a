import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DatasetColumn, DatasetMetadata } from '../domain/open-data.ts';
import type { Actor } from '../domain/policy.ts';
import { parseYear } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { NotFound } from './errors.ts';
import { findPlace, inPlace, type Place } from './places.ts';

// The open datasets: one entry each in DATASETS (its thai_gdc metadata, its columns and the
// query giving its rows), so a new dataset (the lead's overviews) is one more entry. Every
// query keeps only public fields: no phone, e-mail, address, bank account or person's name.

type Db = Kysely<DB>;
export type DatasetRow = Record<string, string | number | boolean | null>;

export interface DatasetFilter {
  place: Pick<Place, 'code' | 'level'> | null;
  fiscalYear: number | null;
}

export interface Dataset extends DatasetMetadata {
  /** Rows in a stable order, `limit` from `offset`. The fund_area of each row is aliased `fa`. */
  rows(db: Db, filter: DatasetFilter, page: { limit: number; offset: number }): Promise<DatasetRow[]>;
}

const col = (name: string, type: DatasetColumn['type'], description_th: string, description_en: string): DatasetColumn => ({ name, type, description_th, description_en });

const COMMON = {
  owner_org: 'สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)',
  maintainer: 'ผู้ดูแลระบบ kongtun',
  maintainer_email: 'opendata@kongtun.example',
  geo_coverage: 'country',
  data_category: 'สาธารณสุข',
  data_classification: 'public',
  license_id: 'cc-by',
  created: '2026-12-07',
  modified: '2026-12-07',
} as const satisfies Partial<DatasetMetadata>;

const FUND_COLUMNS = [
  col('fund_code', 'text', 'รหัสกองทุน', 'Fund code'),
  col('district_code', 'text', 'รหัสอำเภอ', 'District code'),
  col('province_code', 'text', 'รหัสจังหวัด', 'Province code'),
  col('region_code', 'text', 'เขตบริการสุขภาพ สปสช.', 'NHSO region'),
];

const yearFilter = (filter: DatasetFilter, column: string): RawBuilder<boolean> =>
  filter.fiscalYear === null ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = ${filter.fiscalYear}`;

async function run(db: Db, query: RawBuilder<DatasetRow>): Promise<DatasetRow[]> {
  return (await query.execute(db)).rows;
}

export const DATASETS: readonly Dataset[] = [
  {
    ...COMMON,
    id: 'funds',
    title_th: 'ทะเบียนกองทุนหลักประกันสุขภาพระดับท้องถิ่น',
    title_en: 'Local health security funds',
    notes_th: 'กองทุนทุกแห่ง: ชื่อ องค์กรปกครองส่วนท้องถิ่น ประเภท สถานะ และพื้นที่ (อำเภอ จังหวัด เขต)',
    notes_en: 'Every fund: its name, local government, type, status and area (district, province, region).',
    objective: 'เพื่อการเปิดเผยข้อมูลและการติดตามกองทุนในพื้นที่',
    update_frequency_unit: 'irregular',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลระเบียน',
    tags: ['กองทุนสุขภาพตำบล', 'สปสช.', 'องค์กรปกครองส่วนท้องถิ่น'],
    by_year: false,
    columns: [
      ...FUND_COLUMNS,
      col('name_th', 'text', 'ชื่อกองทุน', 'Fund name (Thai)'),
      col('name_en', 'text', 'ชื่อกองทุนภาษาอังกฤษ', 'Fund name (English)'),
      col('lao_type', 'text', 'ประเภท อปท.', 'Local government type'),
      col('lao_name', 'text', 'ชื่อ อปท.', 'Local government'),
      col('status', 'text', 'สถานะ (active, closed)', 'Status (active, closed)'),
      col('established_fiscal_year', 'integer', 'ปีงบประมาณที่ตั้งกองทุน (พ.ศ.)', 'Fiscal year established (BE)'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, f.name_th, f.name_en, f.lao_type,
          f.lao_name, f.status, f.established_fiscal_year
        from fund f join fund_area fa on fa.fund_id = f.id
        where ${inPlace(filter.place)}
        order by f.code limit ${page.limit} offset ${page.offset}`,
      ),
  },
  {
    ...COMMON,
    id: 'fund-years',
    title_th: 'ข้อมูลรายปีของกองทุน',
    title_en: 'Fund year profiles',
    notes_th: 'ประชากร ขนาดรายได้ของ อปท. และงบสมทบที่ตั้งไว้ ของแต่ละกองทุนในแต่ละปีงบประมาณ',
    notes_en: "Each fund's population, local government income band and budgeted co-funding per fiscal year.",
    objective: 'เพื่อการวางแผนและจัดสรรงบประมาณ',
    update_frequency_unit: 'yearly',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลสถิติ',
    tags: ['กองทุนสุขภาพตำบล', 'ประชากร', 'งบสมทบ'],
    by_year: true,
    columns: [
      ...FUND_COLUMNS,
      col('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
      col('population', 'integer', 'จำนวนประชากร', 'Population'),
      col('population_as_of', 'date', 'วันที่ของจำนวนประชากร', 'Population as of'),
      col('income_band', 'text', 'ขนาดรายได้ของ อปท.', 'Income band'),
      col('cofunding_budget', 'numeric', 'งบสมทบที่ อปท. ตั้งไว้ (บาท)', 'Budgeted co-funding (baht)'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, y.fiscal_year, y.population,
          y.population_as_of::text as population_as_of, y.income_band, y.cofunding_budget::text as cofunding_budget
        from fund_year y join fund_area fa on fa.fund_id = y.fund_id
        where ${inPlace(filter.place)} and ${yearFilter(filter, 'y.fiscal_year')}
        order by fa.fund_code, y.fiscal_year limit ${page.limit} offset ${page.offset}`,
      ),
  },
  {
    ...COMMON,
    id: 'plans',
    title_th: 'แผนงานตามแผนสุขภาพที่อนุมัติแล้ว',
    title_en: 'Approved plan programs',
    notes_th: 'แผนงานในแผนสุขภาพประจำปีที่คณะกรรมการกองทุนอนุมัติแล้ว หนึ่งแถวต่อกองทุน ปี และแผนงาน พร้อมจำนวนและงบประมาณของโครงการตามแผน',
    notes_en: "The programs of each fund's approved annual plan, one row per fund, year and program, with its planned projects and their budget.",
    objective: 'เพื่อการติดตามแผนสุขภาพของกองทุนในพื้นที่',
    update_frequency_unit: 'yearly',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลสถิติ',
    tags: ['แผนสุขภาพ', 'กองทุนสุขภาพตำบล'],
    by_year: true,
    columns: [
      ...FUND_COLUMNS,
      col('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
      col('plan_revision', 'integer', 'ฉบับปรับปรุงของแผน', 'Plan revision'),
      col('approved_meeting_date', 'date', 'วันประชุมคณะกรรมการที่อนุมัติ', "Date of the committee's approval"),
      col('program_code', 'text', 'รหัสแผนงาน', 'Program code'),
      col('program_name_th', 'text', 'ชื่อแผนงาน', 'Program name (Thai)'),
      col('program_name_en', 'text', 'ชื่อแผนงานภาษาอังกฤษ', 'Program name (English)'),
      col('planned_projects', 'integer', 'จำนวนโครงการตามแผน', 'Planned projects'),
      col('planned_budget', 'numeric', 'งบประมาณโครงการตามแผน (บาท)', 'Planned budget (baht)'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, p.fiscal_year, p.revision as plan_revision,
          p.meeting_date::text as approved_meeting_date, e.program_code, pr.name_th as program_name_th, pr.name_en as program_name_en,
          (select count(*)::int from planned_project pp where pp.entry_id = e.id) as planned_projects,
          (select coalesce(sum(pp.budget), 0)::text from planned_project pp where pp.entry_id = e.id) as planned_budget
        from fund_plan p join fund_area fa on fa.fund_id = p.fund_id
        join plan_entry e on e.plan_id = p.id join plan_program pr on pr.code = e.program_code
        where p.status = 'approved' and ${inPlace(filter.place)} and ${yearFilter(filter, 'p.fiscal_year')}
        order by fa.fund_code, p.fiscal_year, pr.sort_order, e.program_code limit ${page.limit} offset ${page.offset}`,
      ),
  },
  {
    ...COMMON,
    id: 'projects',
    title_th: 'โครงการที่คณะกรรมการกองทุนอนุมัติ',
    title_en: 'Approved projects',
    notes_th: 'โครงการที่ได้รับอนุมัติ: ชื่อโครงการ หน่วยงานที่เสนอ ประเภทการสนับสนุนตามข้อ 10 วงเงินอนุมัติ และสถานะ ไม่มีข้อมูลส่วนบุคคลของผู้ประสานงาน',
    notes_en: "Approved projects: title, proposing organisation, support category (clause 10), approved amount and status. No coordinator's personal data.",
    objective: 'เพื่อความโปร่งใสในการใช้เงินกองทุน',
    update_frequency_unit: 'monthly',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลระเบียน',
    tags: ['โครงการ', 'กองทุนสุขภาพตำบล', 'ความโปร่งใส'],
    by_year: true,
    columns: [
      ...FUND_COLUMNS,
      col('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
      col('project_code', 'text', 'รหัสโครงการ', 'Project code'),
      col('title', 'text', 'ชื่อโครงการ', 'Project title'),
      col('organisation_name', 'text', 'หน่วยงานหรือกลุ่มที่เสนอ', 'Proposing organisation'),
      col('organisation_type', 'integer', 'ประเภทหน่วยงาน (ข้อ 10)', 'Organisation type (clause 10)'),
      col('support_category', 'integer', 'ประเภทการสนับสนุน 10(1)–10(5)', 'Support category 10(1)–10(5)'),
      col('programs', 'text', 'รหัสแผนงาน (คั่นด้วย ;)', 'Program codes (separated by ;)'),
      col('approved_amount', 'numeric', 'วงเงินอนุมัติ (บาท)', 'Approved amount (baht)'),
      col('approved_on', 'date', 'วันที่อนุมัติ', 'Approved on'),
      col('period_start', 'date', 'วันเริ่มโครงการ', 'Start'),
      col('period_end', 'date', 'วันสิ้นสุดโครงการ', 'End'),
      col('project_status', 'text', 'สถานะโครงการ', 'Project status'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, p.fiscal_year, p.project_code, p.title,
          p.organisation_name, p.organisation_type, p.support_category,
          (select string_agg(pp.program_code, ';' order by pp.program_code) from proposal_program pp where pp.proposal_id = p.id) as programs,
          p.approved_amount::text as approved_amount, to_char(p.decided_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD') as approved_on,
          p.period_start::text as period_start, p.period_end::text as period_end, p.project_status
        from proposal p join fund_area fa on fa.fund_id = p.fund_id
        where p.project_code is not null and ${inPlace(filter.place)} and ${yearFilter(filter, 'p.fiscal_year')}
        order by p.project_code limit ${page.limit} offset ${page.offset}`,
      ),
  },
  {
    ...COMMON,
    id: 'ledger-monthly',
    title_th: 'สรุปรายรับรายจ่ายของกองทุนรายเดือนตามบัญชี',
    title_en: 'Monthly receipts and payments by account',
    notes_th: 'ยอดรวมรายเดือนของแต่ละบัญชี (รายรับตามแหล่ง รายจ่ายตามประเภทข้อ 10(1)–10(5)) เฉพาะเดือนที่กองทุนปิดงวดแล้ว',
    notes_en: 'Monthly totals per account (receipts by source, payments by category 10(1)–10(5)), for the months the fund has closed.',
    objective: 'เพื่อความโปร่งใสทางการเงินของกองทุน',
    update_frequency_unit: 'monthly',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลสถิติ',
    tags: ['การเงิน', 'รายรับรายจ่าย', 'กองทุนสุขภาพตำบล'],
    by_year: true,
    columns: [
      ...FUND_COLUMNS,
      col('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
      col('month', 'text', 'เดือน (yyyy-mm)', 'Month (yyyy-mm)'),
      col('account_code', 'text', 'รหัสบัญชี', 'Account code'),
      col('account_name_th', 'text', 'ชื่อบัญชี', 'Account name (Thai)'),
      col('account_name_en', 'text', 'ชื่อบัญชีภาษาอังกฤษ', 'Account name (English)'),
      col('account_kind', 'text', 'ชนิดบัญชี (receipt, expense)', 'Account kind (receipt, expense)'),
      col('support_category', 'integer', 'ประเภทการสนับสนุน (บัญชีรายจ่าย)', 'Support category (expense accounts)'),
      col('amount', 'numeric', 'ยอดรวม (บาท): รายรับด้านเครดิต รายจ่ายด้านเดบิต หักรายการกลับ', 'Total (baht): receipts credited, payments debited, net of reversals'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, t.fiscal_year, to_char(t.month, 'YYYY-MM') as month,
          t.account_code, a.name_th as account_name_th, a.name_en as account_name_en, a.kind as account_kind, a.support_category,
          (case when a.kind = 'receipt' then t.credit - t.debit else t.debit - t.credit end)::text as amount
        from ledger_month_total t join fund_area fa on fa.fund_id = t.fund_id join ledger_account a on a.code = t.account_code
        where a.kind in ('receipt', 'expense')
          and exists (select 1 from ledger_month_close c where c.fund_id = t.fund_id and c.month = t.month)
          and ${inPlace(filter.place)} and ${yearFilter(filter, 't.fiscal_year')}
        order by fa.fund_code, t.month, t.account_code limit ${page.limit} offset ${page.offset}`,
      ),
  },
  {
    ...COMMON,
    id: 'overviews',
    title_th: 'ภาพรวมกองทุนรายปี: แผน โครงการ และการเงิน',
    title_en: 'Yearly fund overview: plans, projects and money',
    notes_th: 'ตัวเลขภาพรวมของแต่ละกองทุนในแต่ละปีงบประมาณ ชุดเดียวกับหน้าภาพรวม รวมเป็นระดับอำเภอ จังหวัด เขต และประเทศได้ด้วยการบวก ปรับทันทีเมื่อมีการบันทึก',
    notes_en: 'Each fund’s overview figures per fiscal year, the same as the overview pages; districts, provinces, regions and the country are their sums. Updated as soon as anything is recorded.',
    objective: 'เพื่อติดตามการดำเนินงานและการใช้จ่ายของกองทุนทุกระดับ',
    update_frequency_unit: 'daily',
    update_frequency_interval: 1,
    data_type: 'ข้อมูลสถิติ',
    tags: ['ภาพรวม', 'การใช้จ่าย', 'กองทุนสุขภาพตำบล'],
    by_year: true,
    columns: [
      ...FUND_COLUMNS,
      col('fiscal_year', 'integer', 'ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'),
      col('has_plan', 'integer', 'มีแผนที่อนุมัติแล้ว (1 มี, 0 ไม่มี)', 'Has an approved plan (1 yes, 0 no)'),
      col('plan_programs', 'integer', 'จำนวนแผนงาน', 'Plan programs'),
      col('proposals_developed', 'integer', 'โครงการที่พัฒนาในระบบ', 'Proposals developed here'),
      col('projects_followed', 'integer', 'โครงการที่อนุมัติและติดตาม', 'Projects followed (approved)'),
      col('approved_budget', 'numeric', 'งบประมาณที่อนุมัติ (บาท)', 'Approved budget (baht)'),
      col('opening_balance', 'numeric', 'ยอดยกมา (บาท)', 'Carried forward (baht)'),
      col('received_nhso', 'numeric', 'รับจาก สปสช. (บาท)', 'Received from NHSO (baht)'),
      col('received_local', 'numeric', 'รับสมทบจาก อปท. (บาท)', 'Local co-funding received (baht)'),
      col('received_other', 'numeric', 'รับดอกเบี้ยและแหล่งอื่น (บาท)', 'Interest and other receipts (baht)'),
      col('refunded', 'numeric', 'เงินคืนจากโครงการ (บาท)', 'Refunds from projects (baht)'),
      col('paid', 'numeric', 'จ่าย (บาท)', 'Paid (baht)'),
      col('paid_10_4', 'numeric', 'จ่ายตามข้อ 10(4) (บาท)', 'Paid under 10(4) (baht)'),
      col('paid_peoples_group', 'numeric', 'จ่ายให้กลุ่มหรือองค์กรประชาชน (บาท)', 'Paid to people’s groups (baht)'),
      col('balance', 'numeric', 'คงเหลือ (บาท)', 'Balance (baht)'),
    ],
    rows: (db, filter, page) =>
      run(
        db,
        sql<DatasetRow>`select fa.fund_code, fa.district_code, fa.province_code, fa.region_code, s.fiscal_year, s.has_plan::integer as has_plan, s.plan_programs,
          s.proposals_developed, s.projects_followed, s.approved_budget::text as approved_budget, s.opening_balance::text as opening_balance,
          s.received_nhso::text as received_nhso, s.received_local::text as received_local,
          (s.received_interest + s.received_other)::text as received_other, s.refunded::text as refunded, s.paid::text as paid,
          s.paid_4::text as paid_10_4, s.paid_peoples_group::text as paid_peoples_group, s.balance::text as balance
        from fund_year_summary s join fund_area fa on fa.fund_id = s.fund_id
        where ${inPlace(filter.place)} and ${yearFilter(filter, 's.fiscal_year')}
        order by fa.fund_code, s.fiscal_year limit ${page.limit} offset ${page.offset}`,
      ),
  },
];

export function findDataset(id: string): Dataset {
  const dataset = DATASETS.find((d) => d.id === id);
  if (!dataset) throw new NotFound(`dataset ${id}`);
  return dataset;
}

/** The catalogue: every dataset's metadata. */
export function listDatasets(actor: Actor | null): DatasetMetadata[] {
  authorize(actor, 'open_data.view');
  return DATASETS.map(({ rows: _rows, ...meta }) => meta);
}

/** Reads ?area= and ?fiscal_year= (each optional); an unknown area is UnknownArea, a bad year Invalid. */
export async function datasetFilter(db: Db, actor: Actor | null, input: { area: unknown; fiscalYear: unknown }): Promise<DatasetFilter> {
  authorize(actor, 'open_data.view');
  const area = String(input.area ?? '').trim();
  const year = String(input.fiscalYear ?? '').trim();
  return { place: area === '' ? null : await findPlace(db, area), fiscalYear: year === '' ? null : parseYear(year) };
}

export const MAX_PAGE = 5000;

/** One page of a dataset's rows, each with exactly the dataset's columns in their order. */
export async function datasetPage(db: Db, actor: Actor | null, dataset: Dataset, filter: DatasetFilter, page: { limit: number; offset: number }): Promise<DatasetRow[]> {
  authorize(actor, 'open_data.view');
  const limit = Math.min(Math.max(1, Math.trunc(page.limit) || 1), MAX_PAGE);
  const offset = Math.max(0, Math.trunc(page.offset) || 0);
  const rows = await dataset.rows(db, dataset.by_year ? filter : { ...filter, fiscalYear: null }, { limit, offset });
  return rows.map((row) => Object.fromEntries(dataset.columns.map((c) => [c.name, row[c.name] ?? null])));
}
