import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { UNUSABLE_HASH, verifyPassword } from '../auth/password.ts';
import type { DB } from '../db/schema.ts';
import { lockedUntil, THROTTLE } from '../domain/accounts.ts';
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

/** Why a sign-in was refused: lockedUntil is set while sign-in is paused after repeated failures. */
export type SignInResult = { ok: true; token: string; user: SessionUser } | { ok: false; lockedUntil?: Date };

/**
 * Checks the credentials and opens a database session; the token goes into the cookie.
 * Repeated failures pause sign-in for the username (and for the address, when known) even with
 * the right password; see THROTTLE. A failure is recorded on its own, outside any transaction,
 * so it counts although the sign-in fails.
 */
export async function signIn(
  db: Kysely<DB>,
  input: { username: string; password: string; userAgent?: string | null; ip?: string | null },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  const ip = input.ip ?? null;
  const paused = await signInLockedUntil(db, username, ip);
  if (paused) return { ok: false, lockedUntil: paused };

  const account = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash'])
    .where('username', '=', username)
    .where('is_active', '=', true)
    .executeTakeFirst();
  const valid = await verifyPassword(input.password, account?.password_hash ?? UNUSABLE_HASH);
  if (!account || !valid) {
    await recordSignInFailure(db, username, ip);
    const nowPaused = await signInLockedUntil(db, username, ip);
    return nowPaused ? { ok: false, lockedUntil: nowPaused } : { ok: false };
  }

  const token = await db.transaction().execute(async (tx) => {
    const opened = await openSession(tx, account.id, { userAgent: input.userAgent, ip });
    await tx.deleteFrom('sign_in_failure').where('username', '=', username).execute();
    await tx
      .insertInto('audit_event')
      .values({ actor_user_id: account.id, action: 'session.sign_in', subject_type: 'user', subject_id: String(account.id) })
      .execute();
    return opened;
  });
  const user = await loadSessionUser(db, account.id);
  if (!user) return { ok: false };
  return { ok: true, token, user };
}

/** Inserts a session for the user (inside the caller's transaction) and returns its token. */
export async function openSession(
  db: Kysely<DB>,
  userId: number,
  client: { userAgent?: string | null | undefined; ip?: string | null | undefined } = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_LIFETIME_MS),
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip ?? null,
    })
    .execute();
  return token;
}

/** The session token's stored form, for code that must tell one session from the others. */
export function sessionTokenHash(token: string): string {
  return hashToken(token);
}

/**
 * The client's address for throttling: the first entry of X-Forwarded-For when present, else
 * null (the request listener gives the route no socket address). Behind a reverse proxy the
 * proxy must set X-Forwarded-For (and strip what the client sent); without a proxy a client can
 * write anything there, so the per-username limit is the one that always holds.
 */
export function clientIp(headers: Headers): string | null {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return first ? first.slice(0, 100) : null;
}

/** When sign-in opens again for this username or address, or null when it is open now. */
export async function signInLockedUntil(db: Kysely<DB>, username: string, ip: string | null): Promise<Date | null> {
  const now = new Date();
  const byName = await db
    .selectFrom('sign_in_failure')
    .select('failed_at')
    .where('username', '=', username.trim().toLowerCase().slice(0, 100))
    .orderBy('failed_at', 'desc')
    .limit(THROTTLE.usernameLimit)
    .execute();
  let until = lockedUntil(
    byName.map((r) => r.failed_at),
    THROTTLE.usernameLimit,
    now,
  );
  if (ip) {
    const byIp = await db
      .selectFrom('sign_in_failure')
      .select('failed_at')
      .where('ip', '=', ip)
      .orderBy('failed_at', 'desc')
      .limit(THROTTLE.ipLimit)
      .execute();
    const ipUntil = lockedUntil(
      byIp.map((r) => r.failed_at),
      THROTTLE.ipLimit,
      now,
    );
    if (ipUntil && (!until || ipUntil > until)) until = ipUntil;
  }
  return until;
}

/** Counts one failed sign-in (or wrong reset code) and forgets this username's day-old failures. */
export async function recordSignInFailure(db: Kysely<DB>, username: string, ip: string | null): Promise<void> {
  const name = username.trim().toLowerCase().slice(0, 100);
  await db.insertInto('sign_in_failure').values({ username: name, ip }).execute();
  await db
    .deleteFrom('sign_in_failure')
    .where('username', '=', name)
    .where('failed_at', '<', new Date(Date.now() - 24 * 60 * 60 * 1000))
    .execute();
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

export async function loadSessionUser(db: Kysely<DB>, userId: number): Promise<SessionUser | null> {
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
