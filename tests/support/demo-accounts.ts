/**
 * Demo accounts around fund L1976 (บึงมะลู, อำเภอกันทรลักษ์ 3304, ศรีสะเกษ 33, region 10): for
 * each role, one account responsible for it (`_in`) and, where the role has an area, one
 * responsible elsewhere (`_out`). The authorisation matrices try every one of them.
 */
export const ROLES_AROUND_L1976 = {
  admin: 'admin',
  region_in: 'region10',
  region_out: 'region1',
  province_in: 'province33',
  province_out: 'province56',
  mentor_district_in: 'mentor3304',
  mentor_district_out: 'mentor5601',
  mentor_fund_in: 'mentor.l1976',
  board_secretary_in: 'pcho3304',
  board_secretary_out: 'pcho5601',
  officer_in: 'officer.l1976',
  officer_out: 'officer.l4579',
  finance_in: 'finance.l1976',
  finance_out: 'finance.l4579',
  committee_in: 'chair.l1976',
  committee_out: 'chair.l4579',
} as const;
