import type { Insertable, Kysely, Transaction } from 'kysely';
import { toNumeric, satang } from '../../domain/money.ts';
import type { CommitteeSlot } from '../../domain/registry.ts';
import type { CommitteeMemberTable, DB, FundTable, LaoType } from '../schema.ts';

/**
 * Demo funds for the whole country: one per subdistrict (as most อบต. and เทศบาลตำบล cover
 * one ตำบล), named after it, with year profiles. Figures come from a hash of the code, so
 * every run builds the same country. Bangkok is left out: its district funds work differently.
 */
export const DEMO_FISCAL_YEARS = [2568, 2569, 2570] as const;
/** The districts whose first three funds get committees, officers, mentors and proposers. */
export const COMPLETE_DISTRICTS = ['3304', '5601'] as const; // กันทรลักษ์ (ศรีสะเกษ), เมืองพะเยา

/** FNV-1a: a small stable hash for believable but repeatable figures. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
const between = (seed: string, low: number, high: number) => low + (hash(seed) % (high - low + 1));

interface DemoFund {
  code: string;
  subdistrictCode: string;
  districtCode: string;
  row: Insertable<FundTable> & { lao_type: LaoType; lao_name: string };
}

function laoFor(subdistrictCode: string, name: string): { type: LaoType; laoName: string } {
  const seat = subdistrictCode.endsWith('01');
  const mueang = subdistrictCode.slice(2, 4) === '01';
  if (seat && mueang) return { type: 'town_municipality', laoName: `เทศบาลเมือง${name}` };
  if (seat) return { type: 'subdistrict_municipality', laoName: `เทศบาลตำบล${name}` };
  return { type: 'sao', laoName: `องค์การบริหารส่วนตำบล${name}` };
}

export async function demoFunds(db: Kysely<DB>): Promise<DemoFund[]> {
  const subdistricts = await db
    .selectFrom('area')
    .select(['code', 'parent_code', 'name_th', 'name_en'])
    .where('level', '=', 'subdistrict')
    .where('code', 'not like', '10%')
    .orderBy('code')
    .execute();
  return subdistricts.map((s, index) => {
    const code = `L${String(index + 1).padStart(4, '0')}`;
    const name = s.name_th;
    const { type, laoName } = laoFor(s.code, name);
    return {
      code,
      subdistrictCode: s.code,
      districtCode: s.parent_code!,
      row: {
        code,
        name_th: `กองทุนหลักประกันสุขภาพ${laoName}`,
        name_en: s.name_en ? `${s.name_en} Local Health Security Fund` : null,
        lao_type: type,
        lao_name: laoName,
        district_code: s.parent_code!,
        established_fiscal_year: between(`${code}est`, 2549, 2553),
        address: `สำนักงาน${laoName} ตำบล${name}`,
        phone: `0${between(`${code}p1`, 42, 45)}-${between(`${code}p2`, 100, 999)}-${between(`${code}p3`, 1000, 9999)}`,
        email: null,
        latitude: null,
        longitude: null,
        bank_name: 'ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร',
        bank_branch: null,
        bank_account_name: `กองทุนหลักประกันสุขภาพ${laoName}`,
        bank_account_number: String(between(`${code}acct`, 1_000_000_000, 1_999_999_999)),
        opening_balance: toNumeric(satang(between(`${code}open`, 50_000, 1_500_000) * 100)),
        opening_balance_date: '2024-10-01',
        is_demo: true,
      },
    };
  });
}

const INCOME_BANDS = [
  { band: 'under_6m', rate: 30 },
  { band: '6m_to_20m', rate: 40 },
  { band: 'over_20m', rate: 50 },
] as const;

export async function seedDemoFunds(tx: Transaction<DB>): Promise<DemoFund[]> {
  await tx.deleteFrom('fund').where('is_demo', '=', true).execute();
  const funds = await demoFunds(tx);
  const ids = new Map<string, number>();
  for (let i = 0; i < funds.length; i += 500) {
    const batch = funds.slice(i, i + 500);
    const inserted = await tx
      .insertInto('fund')
      .values(batch.map((f) => f.row))
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
    await tx
      .insertInto('fund_subdistrict')
      .values(batch.map((f) => ({ fund_id: ids.get(f.code)!, subdistrict_code: f.subdistrictCode })))
      .execute();
    const years = batch.flatMap((f) => {
      const municipality = f.row.lao_type !== 'sao';
      const base = between(`${f.code}pop`, municipality ? 6_000 : 2_500, municipality ? 22_000 : 11_000);
      const band = INCOME_BANDS[municipality ? between(`${f.code}band`, 1, 2) : between(`${f.code}band`, 0, 1)]!;
      return DEMO_FISCAL_YEARS.map((fy, k) => {
        const population = Math.round(base * (1 + 0.004 * k));
        // Co-funding budgeted at the band's minimum, rounded up to the next hundred baht.
        const cofunding = Math.ceil((population * 45 * band.rate) / 100 / 100) * 100;
        return {
          fund_id: ids.get(f.code)!,
          fiscal_year: fy,
          population,
          population_as_of: `${fy - 544}-04-01`,
          income_band: band.band,
          cofunding_budget: toNumeric(satang(cofunding * 100)),
        };
      });
    });
    await tx.insertInto('fund_year').values(years).execute();
  }
  return funds;
}

/** The funds that get people: the first three of each complete district. */
export function completeFunds(funds: DemoFund[]): DemoFund[] {
  return COMPLETE_DISTRICTS.flatMap((district) => funds.filter((f) => f.districtCode === district).slice(0, 3));
}

const GIVEN = ['สมศักดิ์', 'บุญมี', 'สุนทร', 'ประยูร', 'ทองใบ', 'สมพร', 'มาลี', 'วันเพ็ญ', 'สุภาพร', 'อำนวย', 'ธนากร', 'จันทร์เพ็ญ', 'พิมพ์ใจ', 'เกษม', 'ละเอียด', 'ไพโรจน์', 'อรุณี', 'สมหมาย'];
const FAMILY = ['ศรีสุข', 'บุญเรือง', 'ทองดี', 'แก้วกา', 'พรมมา', 'สายทอง', 'จันทร์หอม', 'ศรีวงศ์', 'มูลสาร', 'อินทร์แก้ว', 'คำภา', 'วงศ์ไชย', 'ปัญญาดี', 'สุขเกษม'];

export function demoPerson(seed: string): { title: string; first: string; last: string } {
  const first = GIVEN[hash(`${seed}g`) % GIVEN.length]!;
  const female = ['มาลี', 'วันเพ็ญ', 'สุภาพร', 'จันทร์เพ็ญ', 'พิมพ์ใจ', 'อรุณี', 'ละเอียด'].includes(first);
  return { title: female ? (hash(seed) % 2 ? 'นาง' : 'นางสาว') : 'นาย', first, last: FAMILY[hash(`${seed}f`) % FAMILY.length]! };
}

const COMMITTEE_SEATS: [CommitteeSlot, CommitteeMemberTable['position'], string][] = [
  ['lao_executive', 'chair', 'นายก'],
  ['lao_council', 'vice_chair', 'สภา'],
  ['lao_council', 'member', 'สภา'],
  ['qualified_person', 'member', 'ผู้ทรงคุณวุฒิ'],
  ['qualified_person', 'member', 'ผู้ทรงคุณวุฒิ'],
  ['health_unit', 'member', 'โรงพยาบาลส่งเสริมสุขภาพตำบล'],
  ['village_health_volunteer', 'member', 'ชมรม อสม.'],
  ['village_health_volunteer', 'member', 'ชมรม อสม.'],
  ['community_representative', 'member', 'หมู่บ้าน'],
  ['community_representative', 'member', 'หมู่บ้าน'],
  ['civil_society', 'member', 'ศูนย์ประสานงานหลักประกันสุขภาพประชาชน'],
  ['lao_clerk', 'secretary', 'ปลัด'],
  ['lao_health_official', 'assistant_secretary', 'กองสาธารณสุขฯ'],
  ['lao_finance_official', 'assistant_secretary', 'กองคลัง'],
];

/** A committee appointed in 2566 for four years, plus the members of the term before it. */
export async function seedDemoCommittee(tx: Transaction<DB>, fundId: number, fund: DemoFund): Promise<void> {
  const rows = COMMITTEE_SEATS.flatMap(([slot, position, org], i) => {
    const current = demoPerson(`${fund.code}c${i}`);
    const previous = demoPerson(`${fund.code}p${i}`);
    const organisation = org === 'นายก' || org === 'ปลัด' || org === 'สภา' ? fund.row.lao_name : org;
    const base = { fund_id: fundId, composition_slot: slot, position, organisation };
    return [
      {
        ...base,
        title: previous.title,
        first_name: previous.first,
        last_name: previous.last,
        term_start: '2019-04-01',
        term_end: '2023-03-31',
        appointment_order_number: `${between(`${fund.code}o1`, 10, 99)}/2562`,
        appointment_order_date: '2019-03-20',
      },
      {
        ...base,
        title: current.title,
        first_name: current.first,
        last_name: current.last,
        term_start: '2023-04-01',
        term_end: '2027-03-31',
        appointment_order_number: `${between(`${fund.code}o2`, 10, 99)}/2566`,
        appointment_order_date: '2023-03-15',
      },
    ];
  });
  await tx.insertInto('committee_member').values(rows).execute();
}
