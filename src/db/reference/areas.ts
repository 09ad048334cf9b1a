import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { isBlankRecord, parseCsv } from '../../domain/csv.ts';
import type { AreaTable, DB } from '../schema.ts';

const REFERENCE_DIR = fileURLToPath(new URL('../../../reference/', import.meta.url));

// NHSO regional offices (สปสช. เขต) are named after the city that hosts them.
const REGION_SEATS: Record<number, [th: string, en: string]> = {
  1: ['เชียงใหม่', 'Chiang Mai'],
  2: ['พิษณุโลก', 'Phitsanulok'],
  3: ['นครสวรรค์', 'Nakhon Sawan'],
  4: ['สระบุรี', 'Saraburi'],
  5: ['ราชบุรี', 'Ratchaburi'],
  6: ['ระยอง', 'Rayong'],
  7: ['ขอนแก่น', 'Khon Kaen'],
  8: ['อุดรธานี', 'Udon Thani'],
  9: ['นครราชสีมา', 'Nakhon Ratchasima'],
  10: ['อุบลราชธานี', 'Ubon Ratchathani'],
  11: ['สุราษฎร์ธานี', 'Surat Thani'],
  12: ['สงขลา', 'Songkhla'],
  13: ['กรุงเทพมหานคร', 'Bangkok'],
};

/** A CSV file as objects keyed by its header row; blank lines skipped. */
export function readCsv(file: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(readFileSync(file, 'utf8')).records.filter((r) => !isBlankRecord(r));
  return body.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])));
}

/** Every area of the country, parents before children, from the files in reference/. */
export function referenceAreas(dir = REFERENCE_DIR): AreaTable[] {
  const areas: AreaTable[] = [{ code: 'TH', level: 'country', parent_code: null, path: 'TH', name_th: 'ประเทศไทย', name_en: 'Thailand' }];
  const pathOf = new Map<string, string>([['TH', 'TH']]);
  const add = (code: string, level: AreaTable['level'], parent: string, nameTh: string, nameEn: string | null) => {
    const parentPath = pathOf.get(parent);
    if (!parentPath) throw new Error(`reference data: ${code} has unknown parent ${parent}`);
    const path = `${parentPath}/${code}`;
    pathOf.set(code, path);
    areas.push({ code, level, parent_code: parent, path, name_th: nameTh, name_en: nameEn || null });
  };
  for (let region = 1; region <= 13; region++) {
    const [th, en] = REGION_SEATS[region]!;
    add(`R${region}`, 'region', 'TH', `สปสช. เขต ${region} ${th}`, `NHSO Region ${region} ${en}`);
  }
  for (const p of readCsv(`${dir}/health-regions.csv`)) {
    add(p.province_code!, 'province', `R${p.nhso_region}`, p.province_th!, p.province_en!);
  }
  for (const d of readCsv(`${dir}/geo/districts.csv`)) {
    add(d.district_code!, 'district', d.province_code!, d.name_th!, d.name_en ?? null);
  }
  for (const s of readCsv(`${dir}/geo/subdistricts.csv`)) {
    add(s.subdistrict_code!, 'subdistrict', s.district_code!, s.name_th!, s.name_en ?? null);
  }
  return areas;
}

/**
 * Loads the areas into an empty area table (reference data every installation needs, demo or
 * not). Does nothing when areas are already there.
 */
export async function ensureReferenceAreas(db: Kysely<DB>): Promise<number> {
  const { n } = await db.selectFrom('area').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n) > 0) return 0;
  const areas = referenceAreas();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < areas.length; i += 1000) {
      await tx.insertInto('area').values(areas.slice(i, i + 1000)).execute();
    }
    await tx
      .insertInto('app_meta')
      .values({ key: 'reference_areas_loaded_at', value: JSON.stringify(new Date().toISOString()) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: sql`now()` }))
      .execute();
  });
  return areas.length;
}
