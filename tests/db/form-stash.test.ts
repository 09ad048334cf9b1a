import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { discardStash, readStash, stashForm } from '../../src/use-cases/form-stash.ts';
import { startProposal, transitionProposal } from '../../src/use-cases/proposals.ts';
import { actorFor } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

/** A page of the flow posted after the session ended comes back to the same browser after signing in. */
describe('the form stash', () => {
  let database: Database;
  let proposer: Actor;
  let other: Actor;
  let id: number;
  const csrf = 'a'.repeat(32);
  const path = () => `/proposals/${id}/edit/problem`;
  const fields = { title: 'โครงการรู้ทันความดัน', rationale: 'ผู้สูงอายุ 120 คน', 'programs.elderly': 'on', version: '1' };

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    proposer = await actorFor(database.db, 'proposer.l1978');
    other = await actorFor(database.db, 'proposer.l1976');
    ({ id } = await startProposal(database.db, proposer, { code: 'L1978' }));
  });
  afterAll(() => database.close());

  it('keeps the posted fields and gives them back to the same browser, signed in as someone who may edit', async () => {
    const stash = await stashForm(database.db, { proposalId: id, path: path(), fields, csrfToken: csrf });
    expect(stash).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const stored = await database.db.selectFrom('form_stash').select(['browser_key', 'proposal_id']).where('id', '=', stash!).executeTakeFirstOrThrow();
    // The browser's CSRF token is not stored as such: it would be a usable token.
    expect(stored.browser_key).not.toContain(csrf);
    expect(stored.proposal_id).toBe(id);

    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).toEqual(fields);
    // Read again (a reload) it is still there until the page is saved.
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).toEqual(fields);

    // Another browser, another page, another proposal, nobody signed in, or someone with no right to edit: nothing.
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: path(), csrfToken: 'b'.repeat(32) })).toBeNull();
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: `/proposals/${id}/edit/period`, csrfToken: csrf })).toBeNull();
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id + 1000, path: path(), csrfToken: csrf })).toBeNull();
    expect(await readStash(database.db, null, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).toBeNull();
    await expect(readStash(database.db, other, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).rejects.toThrow(/forbidden/);
    expect(await readStash(database.db, proposer, { id: 'not an id', proposalId: id, path: path(), csrfToken: csrf })).toBeNull();

    await discardStash(database.db, proposer, { id: stash, proposalId: id, csrfToken: csrf });
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).toBeNull();
  });

  it('keeps nothing for a proposal that does not exist or a body far larger than a page', async () => {
    expect(await stashForm(database.db, { proposalId: 999_999, path: '/proposals/999999/edit/problem', fields, csrfToken: csrf })).toBeNull();
    expect(await stashForm(database.db, { proposalId: 'abc', path: path(), fields, csrfToken: csrf })).toBeNull();
    expect(await stashForm(database.db, { proposalId: id, path: path(), fields: { rationale: 'ก'.repeat(300_000) }, csrfToken: csrf })).toBeNull();
  });

  it('forgets stashes older than a day, removing them when the next one is kept', async () => {
    const old = await stashForm(database.db, { proposalId: id, path: path(), fields, csrfToken: csrf });
    await database.db.updateTable('form_stash').set({ created_at: new Date(Date.now() - 25 * 60 * 60 * 1000) }).where('id', '=', old!).execute();
    expect(await readStash(database.db, proposer, { id: old, proposalId: id, path: path(), csrfToken: csrf })).toBeNull();
    const fresh = await stashForm(database.db, { proposalId: id, path: path(), fields, csrfToken: csrf });
    const left = await database.db.selectFrom('form_stash').select('id').execute();
    expect(left.map((r) => r.id)).toEqual([fresh]);
  });

  it('gives nothing back once the proposal has left the proposer’s hands', async () => {
    const stash = await stashForm(database.db, { proposalId: id, path: path(), fields, csrfToken: csrf });
    const view = await transitionProposal(database.db, proposer, { id, version: 1, action: 'withdraw', reason: '' });
    expect(view.state).toBe('withdrawn');
    expect(await readStash(database.db, proposer, { id: stash, proposalId: id, path: path(), csrfToken: csrf })).toBeNull();
  });
});
