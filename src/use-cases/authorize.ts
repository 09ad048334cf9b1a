import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Action, type Actor, can, fundScopeChain, type Target } from '../domain/policy.ts';
import type { SessionUser } from './sessions.ts';
import { Forbidden, NotFound } from './errors.ts';

/** The signed-in user as the policy sees them (null for the public). */
export function actorOf(user: SessionUser | null): Actor | null {
  return user && { userId: user.id, roles: user.roles };
}

/** Throws Forbidden unless the actor may take the action; every use case calls this first. */
export function authorize(actor: Actor | null, action: Action, target: Target = {}): void {
  if (!can(actor, action, target)) throw new Forbidden(action);
}

export interface FundRef {
  id: number;
  code: string;
  scopeChain: string[];
}

/** A fund by its code with its place in the hierarchy; NotFound when there is none. */
export async function findFund(db: Kysely<DB>, code: string): Promise<FundRef> {
  const row = await db
    .selectFrom('fund_area')
    .select(['fund_id', 'fund_code', 'district_code', 'province_code', 'region_code'])
    .where('fund_code', '=', code)
    .executeTakeFirst();
  if (!row) throw new NotFound(`fund ${code}`);
  return {
    id: row.fund_id,
    code: row.fund_code,
    scopeChain: fundScopeChain({
      regionCode: row.region_code,
      provinceCode: row.province_code,
      districtCode: row.district_code,
      fundCode: row.fund_code,
    }),
  };
}

/** An area's scope chain from its materialised path (TH/R10/33/3304 → its codes). */
export function areaScopeChain(path: string): string[] {
  return path.split('/');
}
