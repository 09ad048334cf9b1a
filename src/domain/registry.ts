/** Words of the registry that the database constrains and the catalogues label. */

/** Local government types (อปท.), largest first. */
export const LAO_TYPES = ['pao', 'city_municipality', 'town_municipality', 'subdistrict_municipality', 'sao'] as const;
export type LaoTypeCode = (typeof LAO_TYPES)[number];

export const COMMITTEE_POSITIONS = ['chair', 'vice_chair', 'member', 'secretary', 'assistant_secretary'] as const;

/**
 * Seats of the fund committee under the 2561 announcement (องค์ประกอบคณะกรรมการ).
 * Kept as codes so a later announcement can add seats without touching stored rows.
 */
export const COMMITTEE_SLOTS = [
  'lao_executive', // ผู้บริหารสูงสุดของ อปท. (ประธาน)
  'lao_council', // สมาชิกสภา อปท.
  'qualified_person', // ผู้ทรงคุณวุฒิ
  'health_unit', // หัวหน้าหน่วยบริการปฐมภูมิ
  'village_health_volunteer', // ผู้แทน อสม.
  'community_representative', // ผู้แทนหมู่บ้านหรือชุมชน
  'civil_society', // ผู้แทนศูนย์ประสานงานหลักประกันสุขภาพประชาชน
  'lao_clerk', // ปลัด อปท. (เลขานุการ)
  'lao_health_official', // ผอ.กองสาธารณสุข (ผู้ช่วยเลขานุการ)
  'lao_finance_official', // ผอ.กองคลัง (ผู้ช่วยเลขานุการ)
] as const;
export type CommitteeSlot = (typeof COMMITTEE_SLOTS)[number];

/** Proposer organisation types 1–6 of the กปท.7 form. */
export const ORGANISATION_TYPES = [1, 2, 3, 4, 5, 6] as const;
/** A people's group (type 5) must name at least this many members. */
export const PEOPLES_GROUP_MIN_MEMBERS = 5;

export const FUND_CODE_PATTERN = /^(L[0-9]{4}|[0-9]{5})$/;

/** Whether a committee appointment is in force on a day ('yyyy-mm-dd'). */
export function isServing(member: { term_start: string; term_end: string | null }, day: string): boolean {
  return member.term_start <= day && (member.term_end === null || member.term_end >= day);
}
