import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AreaLevel, DB } from '../db/schema.ts';
import { fundScopeChain } from '../domain/policy.ts';
import { normalizeThaiDigits } from '../domain/thai-date.ts';
import { areaScopeChain } from './authorize.ts';
import { UnknownArea } from './registry-read.ts';

// A place the public pages, lessons and open data are about: an area of any level above the
// subdistrict (TH, R10, 33, 3304) or one fund (L1976), with its scope chain and how to keep
// only its funds' rows.

export type PlaceLevel = Exclude<AreaLevel, 'subdistrict'> | 'fund';

export interface Place {
  code: string;
  level: PlaceLevel;
  name_th: string;
  name_en: string | null;
  scopeChain: string[];
  /** For a fund: its id. */
  fundId: number | null;
}

/** The code as people type it: trimmed, upper-case, Thai digits read as digits. */
export function placeCode(value: unknown): string {
  return normalizeThaiDigits(String(value ?? '').trim()).toUpperCase().slice(0, 20);
}

/** An area or a fund by its code; UnknownArea when neither (or a subdistrict). */
export async function findPlace(db: Kysely<DB>, value: unknown): Promise<Place> {
  const code = placeCode(value);
  const area = await db.selectFrom('area').select(['code', 'level', 'name_th', 'name_en', 'path']).where('code', '=', code).executeTakeFirst();
  if (area && area.level !== 'subdistrict') {
    return { code: area.code, level: area.level, name_th: area.name_th, name_en: area.name_en, scopeChain: areaScopeChain(area.path), fundId: null };
  }
  const fund = await db
    .selectFrom('fund_area as fa')
    .innerJoin('fund as f', 'f.id', 'fa.fund_id')
    .select(['f.id', 'f.code', 'f.name_th', 'f.name_en', 'fa.region_code', 'fa.province_code', 'fa.district_code'])
    .where('f.code', '=', code)
    .executeTakeFirst();
  if (!fund) throw new UnknownArea(code);
  return {
    code: fund.code,
    level: 'fund',
    name_th: fund.name_th,
    name_en: fund.name_en,
    scopeChain: fundScopeChain({ regionCode: fund.region_code, provinceCode: fund.province_code, districtCode: fund.district_code, fundCode: fund.code }),
    fundId: fund.id,
  };
}

const COLUMN: Record<PlaceLevel, string | null> = {
  country: null,
  region: 'region_code',
  province: 'province_code',
  district: 'district_code',
  fund: 'fund_code',
};

/** A condition keeping the fund_area rows (aliased `alias`) inside the place. */
export function inPlace(place: Pick<Place, 'code' | 'level'> | null, alias = 'fa'): RawBuilder<boolean> {
  const column = place ? COLUMN[place.level] : null;
  if (!place || !column) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(`${alias}.${column}`)} = ${place.code}`;
}
