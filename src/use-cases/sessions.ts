import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { UNUSABLE_HASH, verifyPassword } from '../auth/password.ts';
import type { DB } from '../db/schema.ts';
import { isRole, primaryRole, type Role } from '../domain/roles.ts';

export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
// Touching last_seen_at on every request would turn each page view into a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionUser {
  id: number;
  username: string;
  title: string;
  firstName: string;
  lastName: string;
  locale: 'th' | 'en';
  roles: { role: Role; scopeCode: string }[];
  primaryRole: Role | undefined;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type SignInResult = { ok: true; token: string; user: SessionUser } | { ok: false };

/** Checks the credentials and opens a database session; the token goes into the cookie. */
export async function signIn(
  db: Kysely<DB>,
  input: { username: string; password: string; userAgent?: string | null; ip?: string | null },
): Promise<SignInResult> {
  const account = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash'])
    .where('username', '=', input.username.trim().toLowerCase())
    .where('is_active', '=', true)
    .executeTakeFirst();
  const valid = await verifyPassword(input.password, account?.password_hash ?? UNUSABLE_HASH);
  if (!account || !valid) return { ok: false };

  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('user_session')
      .values({
        token_hash: hashToken(token),
        user_id: account.id,
        expires_at: new Date(Date.now() + SESSION_LIFETIME_MS),
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        ip: input.ip ?? null,
      })
      .execute();
    await tx
      .insertInto('audit_event')
      .values({ actor_user_id: account.id, action: 'session.sign_in', subject_type: 'user', subject_id: String(account.id) })
      .execute();
  });
  const user = await loadSessionUser(db, account.id);
  if (!user) return { ok: false };
  return { ok: true, token, user };
}

/** The signed-in user behind a session token, or null when it is unknown or expired. */
export async function userForSession(db: Kysely<DB>, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.user_id', 'user_session.last_seen_at', 'user_session.token_hash'])
    .where('user_session.token_hash', '=', hashToken(token))
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.is_active', '=', true)
    .executeTakeFirst();
  if (!session) return null;
  if (Date.now() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_LIFETIME_MS) })
      .where('token_hash', '=', session.token_hash)
      .execute();
  }
  return loadSessionUser(db, session.user_id);
}

export async function signOut(db: Kysely<DB>, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.deleteFrom('user_session').where('token_hash', '=', hashToken(token)).execute();
}

async function loadSessionUser(db: Kysely<DB>, userId: number): Promise<SessionUser | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'title', 'first_name', 'last_name', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const assignments = await db
    .selectFrom('role_assignment')
    .select(['role', 'scope_code'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  const roles = assignments.flatMap((a) => (isRole(a.role) ? [{ role: a.role, scopeCode: a.scope_code }] : []));
  return {
    id: user.id,
    username: user.username,
    title: user.title,
    firstName: user.first_name,
    lastName: user.last_name,
    locale: user.locale,
    roles,
    primaryRole: primaryRole(roles.map((r) => r.role)),
  };
}
