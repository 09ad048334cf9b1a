/**
 * Roles a person can hold, each within an area scope (see role_assignment.scope_code).
 * The order is the order of precedence when a header shows one role.
 */
export const ROLES = [
  'admin',
  'region_officer', // สปสช. เขต
  'province_officer', // สปสช. จังหวัด
  'mentor', // พี่เลี้ยง
  'district_secretary', // เลขานุการ พชอ.
  'fund_officer', // เจ้าหน้าที่กองทุน
  'fund_finance', // เจ้าหน้าที่การเงินกองทุน
  'committee', // กรรมการกองทุน
  'proposer', // ผู้เสนอโครงการ
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The role a header shows for someone who holds several. */
export function primaryRole(roles: readonly Role[]): Role | undefined {
  return ROLES.find((role) => roles.includes(role));
}
