import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/demo.ts';
import { signIn, signOut, userForSession } from '../../src/use-cases/sessions.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('sessions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
  });
  afterAll(() => database.close());

  it('signs in with the right password, stores only a hash of the token, and signs out', async () => {
    const result = await signIn(database.db, { username: 'Admin ', password: DEMO_PASSWORD });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.primaryRole).toBe('admin');
    const stored = await database.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(result.token);

    expect((await userForSession(database.db, result.token))?.username).toBe('admin');
    await signOut(database.db, result.token);
    expect(await userForSession(database.db, result.token)).toBeNull();
  });

  it('refuses a wrong password or an unknown user without opening a session', async () => {
    const before = await database.db.selectFrom('user_session').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await signIn(database.db, { username: 'admin', password: 'wrong' })).toEqual({ ok: false });
    expect(await signIn(database.db, { username: 'nobody', password: DEMO_PASSWORD })).toEqual({ ok: false });
    const after = await database.db.selectFrom('user_session').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('ignores unknown and expired tokens', async () => {
    expect(await userForSession(database.db, 'not-a-token')).toBeNull();
    const result = await signIn(database.db, { username: 'admin', password: DEMO_PASSWORD });
    if (!result.ok) throw new Error('sign-in failed');
    await database.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    expect(await userForSession(database.db, result.token)).toBeNull();
  });

  it('writes an audit event for each sign-in', async () => {
    const events = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'session.sign_in').execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
  });
});
