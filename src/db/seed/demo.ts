import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../../auth/password.ts';
import type { Role } from '../../domain/roles.ts';
import type { DB } from '../schema.ts';

/** Demo accounts: one per role, all with this password, listed in README.md. */
export const DEMO_PASSWORD = 'kongtun-demo';

export const DEMO_ACCOUNTS: {
  username: string;
  title: string;
  firstName: string;
  lastName: string;
  role: Role;
  scopeCode: string;
}[] = [
  { username: 'admin', title: 'นาย', firstName: 'สมชาย', lastName: 'ใจดี', role: 'admin', scopeCode: 'TH' },
  { username: 'region10', title: 'นาง', firstName: 'วิไลวรรณ', lastName: 'ศรีสุข', role: 'region_officer', scopeCode: 'R10' },
  { username: 'province33', title: 'นาย', firstName: 'ประเสริฐ', lastName: 'บุญมา', role: 'province_officer', scopeCode: '33' },
  { username: 'mentor3306', title: 'นางสาว', firstName: 'กาญจนา', lastName: 'พรหมวงศ์', role: 'mentor', scopeCode: '3306' },
  { username: 'pcho3306', title: 'นาย', firstName: 'อนุชา', lastName: 'แก้วมณี', role: 'district_secretary', scopeCode: '3306' },
];

/** True when nothing has been entered yet: no accounts at all. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Loads the demo data in one transaction, replacing any earlier demo data (so
 * `npm run seed:demo` can be run again). Accounts not made by the demo are left alone.
 */
export async function seedDemo(db: Kysely<DB>): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('app_user').where('is_demo', '=', true).execute();
    for (const account of DEMO_ACCOUNTS) {
      const { id } = await tx
        .insertInto('app_user')
        .values({
          username: account.username,
          title: account.title,
          first_name: account.firstName,
          last_name: account.lastName,
          password_hash: passwordHash,
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('role_assignment').values({ user_id: id, role: account.role, scope_code: account.scopeCode }).execute();
    }
    await tx
      .insertInto('app_meta')
      .values({ key: 'demo_seeded_at', value: JSON.stringify(new Date().toISOString()) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: sql`now()` }))
      .execute();
  });
}
