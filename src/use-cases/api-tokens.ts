import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../domain/policy.ts';
import type { MessageKey } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { Invalid, NotFound } from './errors.ts';
import { type SessionUser, loadSessionUser } from './sessions.ts';

/** Prefix makes a leaked token recognisable to secret scanners and to people. */
const TOKEN_PREFIX = 'kt_';

export const hashApiToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newApiTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The user behind a bearer token, or null when it is unknown, revoked or its user inactive. */
export async function userForApiToken(db: Kysely<DB>, token: string | undefined): Promise<SessionUser | null> {
  if (!token?.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id', 'api_token.user_id', 'api_token.last_used_at'])
    .where('api_token.token_hash', '=', hashApiToken(token))
    .where('api_token.revoked_at', 'is', null)
    .where('app_user.is_active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // At most one write a minute per token, so API reads stay reads.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return loadSessionUser(db, row.user_id);
}

// --- Managing one's tokens ----------------------------------------------------------------

/** How many unrevoked tokens one account may hold: enough for any integration, not a leak farm. */
export const MAX_ACTIVE_API_TOKENS = 20;

const tokenNameSchema = z.object({
  name: z.string().trim().min(1, 'accounts.error.tokenNameRequired').max(100, 'accounts.error.tooLong'),
});

async function auditToken(db: Kysely<DB>, actorId: number, action: string, tokenId: number, data: Record<string, unknown>) {
  await db
    .insertInto('audit_event')
    .values({ actor_user_id: actorId, action, subject_type: 'api_token', subject_id: String(tokenId), data: JSON.stringify(data) })
    .execute();
}

/**
 * A new personal API token for the account. The secret is returned this once; only its hash is
 * kept, so it cannot be shown again.
 */
export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor | null,
  input: { userId: number; name: unknown },
): Promise<{ id: number; name: string; secret: string }> {
  authorize(actor, 'api_token.manage', { ownerUserId: input.userId });
  const parsed = tokenNameSchema.safeParse({ name: input.name });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const params = 'maximum' in issue ? { max: Number(issue.maximum) } : undefined;
    throw new Invalid([{ field: 'name', key: issue.message as MessageKey, ...(params ? { params } : {}) }]);
  }
  const secret = newApiTokenSecret();
  return db.transaction().execute(async (tx) => {
    const { n } = await tx
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', input.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ACTIVE_API_TOKENS) {
      throw new Invalid([{ field: 'name', key: 'accounts.error.tooManyTokens', params: { max: MAX_ACTIVE_API_TOKENS } }]);
    }
    const { id } = await tx
      .insertInto('api_token')
      .values({ user_id: input.userId, name: parsed.data.name, token_hash: hashApiToken(secret), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditToken(tx, actor!.userId, 'api_token.create', id, { userId: input.userId, name: parsed.data.name });
    return { id, name: parsed.data.name, secret };
  });
}

export interface ApiTokenRow {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The account's tokens, newest first (never their secrets). */
export async function listApiTokens(db: Kysely<DB>, actor: Actor | null, input: { userId: number }): Promise<ApiTokenRow[]> {
  authorize(actor, 'api_token.manage', { ownerUserId: input.userId });
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', input.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** Stops a token working at once. Revoking a token already revoked changes nothing. */
export async function revokeApiToken(db: Kysely<DB>, actor: Actor | null, input: { tokenId: number }): Promise<void> {
  const token = await db.selectFrom('api_token').select(['id', 'user_id', 'revoked_at']).where('id', '=', input.tokenId).executeTakeFirst();
  if (!token) throw new NotFound(`api token ${input.tokenId}`);
  authorize(actor, 'api_token.manage', { ownerUserId: token.user_id });
  if (token.revoked_at) return;
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', token.id).where('revoked_at', 'is', null).execute();
    await auditToken(tx, actor!.userId, 'api_token.revoke', token.id, { userId: token.user_id });
  });
}
