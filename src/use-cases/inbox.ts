import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../domain/policy.ts';
import type { Audience } from '../domain/proposals.ts';
import { isMessageKey, translate } from '../i18n/index.ts';
import type { FundRef } from './authorize.ts';
import { authorize } from './authorize.ts';
import { Forbidden } from './errors.ts';

// The in-app inbox (with unread counts) and the email outbox. Notifications are written in the
// transaction of the step they tell about, so a step that fails tells nobody. Without SMTP the
// email stays in email_outbox for the admin to read.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

/** The people in an audience for a proposal at a fund: its proposers, the area's mentors, the fund's officers or committee. */
async function audienceUserIds(tx: Tx, proposalId: number, fund: FundRef, audience: readonly Audience[]): Promise<number[]> {
  const ids = new Set<number>();
  if (audience.includes('owner')) {
    const rows = await tx
      .selectFrom('proposal as p')
      .leftJoin('app_user as u', (join) => join.onRef('u.organisation_id', '=', 'p.organisation_id'))
      .select(['p.created_by', 'u.id as member_id'])
      .where('p.id', '=', proposalId)
      .execute();
    for (const r of rows) {
      if (r.created_by) ids.add(r.created_by);
      if (r.member_id) ids.add(r.member_id);
    }
  }
  const byRole: [Audience, string][] = [
    ['mentors', 'mentor'],
    ['officers', 'fund_officer'],
    ['committee', 'committee'],
  ];
  const roles = byRole.filter(([a]) => audience.includes(a)).map(([, role]) => role);
  if (roles.length) {
    const rows = await tx
      .selectFrom('role_assignment as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .select('r.user_id')
      .where('r.role', 'in', roles)
      .where('r.scope_code', 'in', fund.scopeChain.slice(1)) // not the whole country: admins are not mentors of every fund
      .where('u.is_active', '=', true)
      .execute();
    for (const r of rows) ids.add(r.user_id);
  }
  return [...ids];
}

/** Tells an audience about a step, in the inbox and (where they gave an address) by email. */
export async function notify(
  tx: Tx,
  message: {
    proposalId: number;
    fund: FundRef;
    audience: readonly Audience[];
    actorId: number;
    key: string;
    params: Record<string, string | number>;
    /** Where the notification opens (default: the proposal). */
    link?: string;
  },
): Promise<void> {
  const userIds = (await audienceUserIds(tx, message.proposalId, message.fund, message.audience)).filter((id) => id !== message.actorId);
  if (userIds.length === 0) return;
  const link = message.link ?? `/proposals/${message.proposalId}`;
  await tx
    .insertInto('notification')
    .values(userIds.map((user_id) => ({ user_id, message_key: message.key, params: JSON.stringify(message.params), link })))
    .execute();
  const recipients = await tx.selectFrom('app_user').select(['email', 'locale']).where('id', 'in', userIds).where('email', 'is not', null).execute();
  if (recipients.length) {
    await tx
      .insertInto('email_outbox')
      .values(
        recipients.map((r) => {
          const text = inboxText(r.locale, message.key, message.params);
          return { to_address: r.email!, subject: `kongtun: ${text}`, body: `${text}\n\n${link}` };
        }),
      )
      .execute();
  }
}

/** A notification's sentence in a language (its key is a catalogue key; unknown keys show as they are). */
export function inboxText(lang: 'th' | 'en', key: string, params: Record<string, string | number>): string {
  return isMessageKey(key) ? translate(lang, key, params) : key;
}

export interface InboxItem {
  id: number;
  key: string;
  params: Record<string, string | number>;
  link: string;
  createdAt: Date;
  read: boolean;
}

export async function listInbox(db: Db, actor: Actor | null, input: { unreadOnly?: boolean } = {}): Promise<{ items: InboxItem[]; unread: number }> {
  if (!actor) throw new Forbidden('inbox.view');
  const items = await db
    .selectFrom('notification')
    .select(['id', 'message_key as key', 'params', 'link', 'created_at as createdAt', 'read_at'])
    .where('user_id', '=', actor.userId)
    .$if(input.unreadOnly === true, (q) => q.where('read_at', 'is', null))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return { items: items.map(({ read_at, ...i }) => ({ ...i, read: read_at !== null })), unread: await unreadCount(db, actor) };
}

export async function unreadCount(db: Db, actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the actor's notifications (or all of them) read; someone else's are never touched. */
export async function markRead(db: Db, actor: Actor | null, input: { id?: unknown; all?: boolean }): Promise<void> {
  if (!actor) throw new Forbidden('inbox.view');
  await db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .$if(!input.all, (q) => q.where('id', '=', Number(input.id)))
    .execute();
}

export async function listOutbox(db: Db, actor: Actor | null) {
  authorize(actor, 'outbox.view');
  return db.selectFrom('email_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/** One email as the outbox holds it, for whatever sends it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends what waits in the outbox (when SMTP is configured). Each batch is claimed by marking it
 * sent first, with SKIP LOCKED, so two app processes never send the same email; one that fails
 * goes back to waiting with its error, to be tried again in the next round.
 */
export async function deliverOutbox(db: Db, send: (mail: OutgoingMail) => Promise<unknown>, batch = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await sql<{ id: number; to_address: string; subject: string; body: string }>`
    update email_outbox set sent_at = now(), error = null
    where id in (select id from email_outbox where sent_at is null order by id limit ${batch} for update skip locked)
    returning id, to_address, subject, body`.execute(db);
  let failed = 0;
  for (const mail of claimed.rows) {
    try {
      await send({ to: mail.to_address, subject: mail.subject, text: mail.body });
    } catch (error) {
      failed++;
      await db
        .updateTable('email_outbox')
        .set({ sent_at: null, error: String(error instanceof Error ? error.message : error).slice(0, 500) })
        .where('id', '=', mail.id)
        .execute();
    }
  }
  return { sent: claimed.rows.length - failed, failed };
}
