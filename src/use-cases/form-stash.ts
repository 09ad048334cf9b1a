import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../domain/policy.ts';
import { mayEdit } from '../domain/proposals.ts';
import { loadProposal } from './proposals.ts';

// A page of a proposal posted after the session ended: rather than lose what was typed, it is
// kept for a day under a random id that goes with the sign-in address, and shown again (not
// saved) once the same browser is signed in as someone who may edit the proposal.

type Db = Kysely<DB>;

export const STASH_LIFETIME_HOURS = 24;
/** A page of the guided flow is a few kilobytes; anything far larger is not a person's typing. */
const MAX_BODY_CHARS = 200_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** Stored instead of the browser's CSRF cookie itself, which would be a usable token. */
const browserKey = (csrfToken: string) => createHash('sha256').update(csrfToken).digest('hex');

const proposalIdOf = (value: unknown): number | null => {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

/**
 * Keeps a posted form (its text fields by name) for the proposal's page at `path`; returns the
 * stash id, or null when there is nothing to keep it for (no such proposal, a body too large).
 * Stashes older than a day are removed on the way.
 */
export async function stashForm(
  db: Db,
  input: { proposalId: unknown; path: string; fields: Record<string, string>; csrfToken: string },
): Promise<string | null> {
  const proposalId = proposalIdOf(input.proposalId);
  const body = JSON.stringify(input.fields);
  if (proposalId === null || body.length > MAX_BODY_CHARS || input.path.length > 300) return null;
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('form_stash').where('created_at', '<', sql<Date>`now() - make_interval(hours => ${STASH_LIFETIME_HOURS})`).execute();
    const exists = await tx.selectFrom('proposal').select('id').where('id', '=', proposalId).executeTakeFirst();
    if (!exists) return null;
    const id = randomBytes(18).toString('base64url');
    await tx
      .insertInto('form_stash')
      .values({ id, proposal_id: proposalId, path: input.path, browser_key: browserKey(input.csrfToken), body })
      .execute();
    return id;
  });
}

/**
 * The fields kept for this page, when the stash is this browser's, still fresh, and the actor may
 * edit the proposal now; otherwise null (a stale or foreign id simply shows the saved page).
 */
export async function readStash(
  db: Db,
  actor: Actor | null,
  input: { id: unknown; proposalId: unknown; path: string; csrfToken: string },
): Promise<Record<string, string> | null> {
  const proposalId = proposalIdOf(input.proposalId);
  if (!actor || proposalId === null || typeof input.id !== 'string' || !ID_PATTERN.test(input.id)) return null;
  const stash = await db
    .selectFrom('form_stash')
    .select('body')
    .where('id', '=', input.id)
    .where('proposal_id', '=', proposalId)
    .where('path', '=', input.path)
    .where('browser_key', '=', browserKey(input.csrfToken))
    .where('created_at', '>=', sql<Date>`now() - make_interval(hours => ${STASH_LIFETIME_HOURS})`)
    .executeTakeFirst();
  if (!stash) return null;
  const { row, hats } = await loadProposal(db, actor, proposalId);
  if (!mayEdit(row.state, hats)) return null;
  const fields = stash.body && typeof stash.body === 'object' ? (stash.body as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Forgets this browser's stash once its page has been saved. */
export async function discardStash(db: Db, actor: Actor | null, input: { id: unknown; proposalId: unknown; csrfToken: string }): Promise<void> {
  const proposalId = proposalIdOf(input.proposalId);
  if (!actor || proposalId === null || typeof input.id !== 'string') return;
  await db
    .deleteFrom('form_stash')
    .where('id', '=', input.id)
    .where('proposal_id', '=', proposalId)
    .where('browser_key', '=', browserKey(input.csrfToken))
    .execute();
}
