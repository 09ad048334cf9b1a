import { type Kysely, sql, type Transaction } from 'kysely';
import { hashPassword } from '../../auth/password.ts';
import type { Role } from '../../domain/roles.ts';
import type { DB } from '../schema.ts';
import { clearDemoFollowUp, seedDemoFollowUp } from './demo-followup.ts';
import { clearDemoLedger, seedDemoLedger } from './demo-ledger.ts';
import { seedDemoLessons } from './demo-lessons.ts';
import { clearDemoReports, seedDemoReports } from './demo-reports.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { seedDemoProposals } from './demo-proposals.ts';
import { completeFunds, demoPerson, seedDemoCommittee, seedDemoFunds } from './demo-registry.ts';

/** Demo accounts all share this password, listed in README.md. */
export const DEMO_PASSWORD = 'kongtun-demo';

interface DemoAccount {
  username: string;
  title: string;
  firstName: string;
  lastName: string;
  role: Role;
  scopeCode: string;
}

/** Accounts for the areas; fund-level accounts are made for each complete fund. */
export const AREA_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', title: 'นาย', firstName: 'สมชาย', lastName: 'ใจดี', role: 'admin', scopeCode: 'TH' },
  { username: 'region10', title: 'นาง', firstName: 'วิไลวรรณ', lastName: 'ศรีสุข', role: 'region_officer', scopeCode: 'R10' },
  { username: 'region1', title: 'นาย', firstName: 'ณัฐพล', lastName: 'อินต๊ะ', role: 'region_officer', scopeCode: 'R1' },
  { username: 'province33', title: 'นาย', firstName: 'ประเสริฐ', lastName: 'บุญมา', role: 'province_officer', scopeCode: '33' },
  { username: 'province56', title: 'นาง', firstName: 'ศรีนวล', lastName: 'ใจคำ', role: 'province_officer', scopeCode: '56' },
  { username: 'mentor3304', title: 'นางสาว', firstName: 'กาญจนา', lastName: 'พรหมวงศ์', role: 'mentor', scopeCode: '3304' },
  { username: 'mentor5601', title: 'นาย', firstName: 'ธีรวัฒน์', lastName: 'คำแสน', role: 'mentor', scopeCode: '5601' },
  { username: 'pcho3304', title: 'นาย', firstName: 'อนุชา', lastName: 'แก้วมณี', role: 'district_secretary', scopeCode: '3304' },
  { username: 'pcho5601', title: 'นาง', firstName: 'ปราณี', lastName: 'ธรรมวงศ์', role: 'district_secretary', scopeCode: '5601' },
];

/** Fund-level roles made for every complete fund, as `<prefix>.<fund code>` (e.g. officer.l1234). */
export const FUND_ROLE_PREFIXES: [prefix: string, role: Role][] = [
  ['officer', 'fund_officer'],
  ['finance', 'fund_finance'],
  ['treasurer', 'fund_finance'], // หัวหน้าหน่วยงานคลัง: the second finance signature on a voucher
  ['clerk', 'fund_officer'], // ปลัด อปท.
  ['chair', 'committee'],
  ['mentor', 'mentor'],
  ['proposer', 'proposer'],
];

/** True when nothing has been entered yet: no accounts at all. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

async function addAccount(tx: Transaction<DB>, account: DemoAccount, passwordHash: string, organisationId?: number) {
  const { id } = await tx
    .insertInto('app_user')
    .values({
      username: account.username,
      title: account.title,
      first_name: account.firstName,
      last_name: account.lastName,
      password_hash: passwordHash,
      is_demo: true,
      organisation_id: organisationId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('role_assignment').values({ user_id: id, role: account.role, scope_code: account.scopeCode }).execute();
}

/**
 * Loads the demo data in one transaction, replacing earlier demo data (so `npm run seed:demo`
 * can be run again). Accounts and funds not made by the demo are left alone.
 */
export async function seedDemo(db: Kysely<DB>): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    // The overview's summary is recomputed once at the end, not after each of the seed's
    // statements (0014): a third of the seed's time otherwise.
    await sql`select set_config('kongtun.summary_deferred', 'on', true)`.execute(tx);
    await tx.deleteFrom('organisation').where('created_by', 'in', tx.selectFrom('app_user').select('id').where('is_demo', '=', true)).execute();
    await tx.deleteFrom('app_user').where('is_demo', '=', true).execute();
    for (const account of AREA_ACCOUNTS) await addAccount(tx, account, passwordHash);

    const funds = await seedDemoFunds(tx);
    for (const fund of completeFunds(funds)) {
      const { id: fundId } = await tx.selectFrom('fund').select('id').where('code', '=', fund.code).executeTakeFirstOrThrow();
      await seedDemoCommittee(tx, fundId, fund);
      const suffix = fund.code.toLowerCase();
      for (const [prefix, role] of FUND_ROLE_PREFIXES) {
        const person = demoPerson(`${fund.code}${prefix}`);
        const account = { username: `${prefix}.${suffix}`, title: person.title, firstName: person.first, lastName: person.last, role, scopeCode: fund.code };
        if (role !== 'proposer') {
          await addAccount(tx, account, passwordHash);
          continue;
        }
        // A people's group (type 5) of at least five named members proposes to this fund.
        await addAccount(tx, account, passwordHash);
        const proposer = await tx.selectFrom('app_user').select('id').where('username', '=', account.username).executeTakeFirstOrThrow();
        const village = fund.row.lao_name.replace(/^(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง)/, '');
        const { id: organisationId } = await tx
          .insertInto('organisation')
          .values({
            name: `ชมรมผู้สูงอายุบ้าน${village}`,
            org_type: 5,
            description: 'กลุ่มผู้สูงอายุและจิตอาสาในหมู่บ้าน ดูแลสุขภาพผู้สูงอายุติดบ้านติดเตียง',
            fund_id: fundId,
            created_by: proposer.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.updateTable('app_user').set({ organisation_id: organisationId }).where('id', '=', proposer.id).execute();
        await tx
          .insertInto('organisation_member')
          .values(
            [0, 1, 2, 3, 4, 5].map((i) => {
              const member = i === 0 ? person : demoPerson(`${fund.code}member${i}`);
              return { organisation_id: organisationId, title: member.title, first_name: member.first, last_name: member.last };
            }),
          )
          .execute();
      }
    }
    await seedDemoPlans(tx);
    // The books pay the demo projects: out before the projects are reloaded, back in after.
    await clearDemoLedger(tx);
    await clearDemoReports(tx);
    await clearDemoFollowUp(tx);
    await seedDemoProposals(tx);
    await seedDemoLedger(tx);
    // What the groups recorded on the projects the books paid.
    await seedDemoFollowUp(tx);
    // …and the reports they wrote from those records, in every state of the review.
    await seedDemoReports(tx);
    // Lessons learned for L1976's district, province and region (the fund's own a draft).
    await seedDemoLessons(tx);
    await sql`select set_config('kongtun.summary_deferred', 'off', true)`.execute(tx);
    await sql`select fund_year_summary_refresh_all()`.execute(tx);
    await tx
      .insertInto('app_meta')
      .values({ key: 'demo_seeded_at', value: JSON.stringify(new Date().toISOString()) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updated_at: sql`now()` }))
      .execute();
  });
  // Fresh statistics for the planner: PGlite has no autovacuum to gather them after a bulk load.
  await sql`analyze`.execute(db);
}
