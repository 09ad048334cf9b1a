import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import type { Database } from '../../src/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/demo.ts';
import type { Actor } from '../../src/domain/policy.ts';
import type { Role } from '../../src/domain/roles.ts';
import {
  addRoleAssignment,
  changePassword,
  issuePasswordReset,
  listAccounts,
  listFundPeople,
  type RegisterInput,
  registerProposer,
  removeRoleAssignment,
  resetPassword,
  setAccountActive,
  signOutEverywhere,
  viewAccount,
  viewAccountAsAdmin,
} from '../../src/use-cases/accounts.ts';
import { createApiToken, listApiTokens, revokeApiToken, userForApiToken } from '../../src/use-cases/api-tokens.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { loadSessionUser, openSession, signIn, userForSession } from '../../src/use-cases/sessions.ts';
import { createTestDatabase } from '../support/test-db.ts';

const PASSWORD = 'a-long-enough-password';

let database: Database;
let passwordHash: string;
/** Two funds in different districts, each with a fund officer from the demo. */
let fundA: string;
let fundB: string;
let districtA: string;
let officerA: Actor;
let officerB: Actor;
let admin: Actor;
let adminId: number;
let counter = 0;

async function actorFor(userId: number): Promise<Actor> {
  const user = await loadSessionUser(database.db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  return actorOf(user)!;
}

async function idOf(username: string): Promise<number> {
  const row = await database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh account with the given roles and the test password. */
async function makeUser(roles: [Role, string][] = [], extra: { phone?: string; email?: string } = {}) {
  counter += 1;
  const username = `t${counter}.user`;
  const { id } = await database.db
    .insertInto('app_user')
    .values({ username, first_name: `ทดสอบ${counter}`, last_name: 'ใจดี', password_hash: passwordHash, phone: extra.phone ?? null, email: extra.email ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [role, scopeCode] of roles) {
    await database.db.insertInto('role_assignment').values({ user_id: id, role, scope_code: scopeCode }).execute();
  }
  return { id, username, actor: await actorFor(id) };
}

async function count(table: 'app_user' | 'organisation' | 'organisation_member' | 'audit_event' | 'role_assignment' | 'api_token' | 'user_session') {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

async function problems(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await refusal(promise);
  if (!(error instanceof Invalid)) throw error;
  return Object.fromEntries(error.problems.map((p) => [p.field, p.key]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  passwordHash = await hashPassword(PASSWORD);
  const officers = await database.db
    .selectFrom('role_assignment')
    .innerJoin('fund_area', 'fund_area.fund_code', 'role_assignment.scope_code')
    .select(['role_assignment.user_id', 'role_assignment.scope_code', 'fund_area.district_code'])
    .where('role_assignment.role', '=', 'fund_officer')
    .orderBy('role_assignment.scope_code')
    .execute();
  const first = officers[0]!;
  const other = officers.find((o) => o.district_code !== first.district_code)!;
  fundA = first.scope_code;
  districtA = first.district_code;
  fundB = other.scope_code;
  officerA = await actorFor(first.user_id);
  officerB = await actorFor(other.user_id);
  adminId = await idOf('admin');
  admin = await actorFor(adminId);
}, 300_000); // seeds the whole demo itself: minutes on a busy machine
afterAll(() => database.close());

function registration(overrides: Partial<RegisterInput> = {}): RegisterInput {
  counter += 1;
  return {
    title: 'นาง',
    firstName: 'มาลี',
    lastName: 'ศรีสุข',
    phone: `08${String(10_000_000 + counter).slice(-8)}`,
    email: '',
    username: `malee${counter}`,
    newPassword: PASSWORD,
    confirmPassword: PASSWORD,
    organisationName: 'ชมรมผู้สูงอายุบ้านหนองแวง',
    organisationType: 5,
    organisationDescription: 'ดูแลผู้สูงอายุติดบ้าน',
    fundCode: fundA,
    members: [
      { title: 'นาย', firstName: 'หนึ่ง', lastName: 'ใจดี' },
      { title: '', firstName: 'สอง', lastName: 'ใจดี' },
      { title: '', firstName: '', lastName: '' },
      { title: 'นาง', firstName: 'สาม', lastName: 'ใจดี' },
      { title: '', firstName: 'สี่', lastName: 'ใจดี' },
      { title: '', firstName: 'ห้า', lastName: 'ใจดี' },
    ],
    ...overrides,
  };
}

describe('sign-in throttling', () => {
  it('pauses a username after 5 failures for 15 minutes, even with the right password, then clears on success', async () => {
    const user = await makeUser();
    for (let i = 1; i <= 4; i++) {
      expect(await signIn(database.db, { username: user.username, password: 'wrong' })).toEqual({ ok: false });
    }
    const fifth = await signIn(database.db, { username: user.username, password: 'wrong' });
    expect(fifth.ok).toBe(false);
    const until = !fifth.ok ? fifth.lockedUntil : undefined;
    expect(until).toBeInstanceOf(Date);
    expect(until!.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000);

    const right = await signIn(database.db, { username: user.username, password: PASSWORD });
    expect(right.ok).toBe(false);
    expect(!right.ok && right.lockedUntil).toBeInstanceOf(Date);
    // Refused attempts during the pause are not counted.
    const failures = () =>
      database.db.selectFrom('sign_in_failure').select('failed_at').where('username', '=', user.username).execute();
    expect(await failures()).toHaveLength(5);

    // Sixteen minutes later the pause is over; success forgets the failures.
    await database.db
      .updateTable('sign_in_failure')
      .set({ failed_at: new Date(Date.now() - 16 * 60 * 1000) })
      .where('username', '=', user.username)
      .execute();
    expect((await signIn(database.db, { username: ` ${user.username.toUpperCase()} `, password: PASSWORD })).ok).toBe(true);
    expect(await failures()).toHaveLength(0);
  });

  it('does not pause for failures spread over more than the window', async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) {
      await database.db
        .insertInto('sign_in_failure')
        .values({ username: user.username, ip: null, failed_at: new Date(Date.now() - (4 - i) * 5 * 60 * 1000) })
        .execute();
    }
    expect((await signIn(database.db, { username: user.username, password: PASSWORD })).ok).toBe(true);
  });

  it('counts unknown usernames too, and pauses an address after 20 failures whatever the username', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 20; i++) {
      await signIn(database.db, { username: `nobody${i}`, password: 'wrong', ip });
    }
    expect(
      await database.db.selectFrom('sign_in_failure').select('id').where('username', '=', 'nobody3').execute(),
    ).toHaveLength(1);
    const user = await makeUser();
    const fromThere = await signIn(database.db, { username: user.username, password: PASSWORD, ip });
    expect(fromThere.ok).toBe(false);
    expect(!fromThere.ok && fromThere.lockedUntil).toBeInstanceOf(Date);
    expect((await signIn(database.db, { username: user.username, password: PASSWORD, ip: '198.51.100.1' })).ok).toBe(true);
  });
});

describe('registering a proposer', () => {
  it('creates the account, proposer role, organisation and members together, signed in', async () => {
    const before = await count('audit_event');
    const input = registration({ phone: '081-555-0101', email: 'Malee@Example.com' });
    const { userId, token } = await registerProposer(database.db, null, input);
    const user = await database.db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user.phone).toBe('0815550101');
    expect(user.username).toBe(input.username);
    expect(user.password_hash).not.toContain(PASSWORD);
    const roles = await database.db.selectFrom('role_assignment').select(['role', 'scope_code']).where('user_id', '=', userId).execute();
    expect(roles).toEqual([{ role: 'proposer', scope_code: fundA }]);
    const org = await database.db.selectFrom('organisation').selectAll().where('id', '=', user.organisation_id!).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: 'ชมรมผู้สูงอายุบ้านหนองแวง', org_type: 5, created_by: userId });
    const members = await database.db.selectFrom('organisation_member').select('first_name').where('organisation_id', '=', org.id).orderBy('id').execute();
    expect(members.map((m) => m.first_name)).toEqual(['หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า']);
    expect(await count('audit_event')).toBe(before + 1);
    expect((await userForSession(database.db, token))?.id).toBe(userId);

    const view = await viewAccount(database.db, await actorFor(userId), { userId });
    expect(view.organisation?.fund?.code).toBe(fundA);
    expect(view.roles[0]?.scopeName?.th).toMatch(/^กองทุน/);
  });

  it('refuses a people’s group with 4 members and writes nothing', async () => {
    const before = await Promise.all([count('app_user'), count('organisation'), count('organisation_member'), count('audit_event'), count('user_session')]);
    const input = registration();
    input.members = input.members!.slice(0, 5); // four named, one blank
    expect(await problems(registerProposer(database.db, null, input))).toEqual({ members: 'accounts.error.membersTooFew' });
    const after = await Promise.all([count('app_user'), count('organisation'), count('organisation_member'), count('audit_event'), count('user_session')]);
    expect(after).toEqual(before);
  });

  it('accepts a school with no members', async () => {
    const { userId } = await registerProposer(database.db, null, registration({ organisationType: 4, organisationName: 'โรงเรียนบ้านโนนสูง', members: [] }));
    expect(userId).toBeGreaterThan(0);
  });

  it('names the field for a username, phone or email already taken', async () => {
    const first = registration({ phone: '0899990001', email: 'taken@example.com' });
    await registerProposer(database.db, null, first);
    expect(await problems(registerProposer(database.db, null, registration({ username: first.username })))).toEqual({
      username: 'accounts.error.usernameTaken',
    });
    expect(await problems(registerProposer(database.db, null, registration({ phone: '089 999 0001' })))).toEqual({
      phone: 'accounts.error.phoneTaken',
    });
    expect(await problems(registerProposer(database.db, null, registration({ email: 'TAKEN@example.com' })))).toEqual({
      email: 'accounts.error.emailTaken',
    });
  });

  it('explains each bad field and changes nothing', async () => {
    const before = await count('app_user');
    const bad = registration({
      title: 'other',
      titleOther: '',
      firstName: 'ก'.repeat(101),
      lastName: '',
      phone: '',
      email: '',
      username: 'No Spaces',
      newPassword: 'short',
      confirmPassword: 'different',
      organisationName: '',
      organisationType: 7,
      fundCode: 'X1',
    });
    expect(await problems(registerProposer(database.db, null, bad))).toEqual({
      titleOther: 'accounts.error.titleOtherRequired',
      firstName: 'accounts.error.tooLong',
      lastName: 'accounts.error.lastNameRequired',
      phone: 'accounts.error.contactRequired',
      username: 'accounts.error.usernameInvalid',
      newPassword: 'accounts.error.passwordShort',
      confirmPassword: 'accounts.error.passwordMismatch',
      organisationName: 'accounts.error.organisationNameRequired',
      organisationType: 'accounts.error.organisationTypeRequired',
      fundCode: 'accounts.error.fundCodeInvalid',
    });
    expect(await problems(registerProposer(database.db, null, registration({ phone: '0212345678' })))).toEqual({
      phone: 'accounts.error.phoneInvalid',
    });
    expect(await problems(registerProposer(database.db, null, registration({ fundCode: 'L9999' })))).toEqual({
      fundCode: 'accounts.error.fundUnknown',
    });
    const partial = registration();
    partial.members![2] = { title: '', firstName: 'หก', lastName: '' };
    expect(await problems(registerProposer(database.db, null, partial))).toEqual({ 'members.2.lastName': 'accounts.error.memberLastNameRequired' });
    expect(await count('app_user')).toBe(before);
  });
});

describe('one’s own account', () => {
  it('shows itself to its owner and admins only', async () => {
    const user = await makeUser([['proposer', fundA]]);
    expect((await viewAccount(database.db, user.actor, { userId: user.id })).username).toBe(user.username);
    expect((await viewAccount(database.db, admin, { userId: user.id })).roles).toHaveLength(1);
    expect(await refusal(viewAccount(database.db, officerA, { userId: user.id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(viewAccountAsAdmin(database.db, user.actor, { userId: user.id }))).toBeInstanceOf(Forbidden);
  });

  it('signs out everywhere: every session of the account, no one else’s', async () => {
    const user = await makeUser();
    const other = await makeUser();
    const tokens = [await openSession(database.db, user.id), await openSession(database.db, user.id)];
    const otherToken = await openSession(database.db, other.id);
    expect(await refusal(signOutEverywhere(database.db, other.actor, { userId: user.id }))).toBeInstanceOf(Forbidden);
    expect(await signOutEverywhere(database.db, user.actor, { userId: user.id })).toEqual({ ended: 2 });
    for (const token of tokens) expect(await userForSession(database.db, token)).toBeNull();
    expect(await userForSession(database.db, otherToken)).not.toBeNull();
  });

  it('changes the password after checking the current one, keeping only this session', async () => {
    const user = await makeUser();
    const here = await openSession(database.db, user.id);
    const elsewhere = await openSession(database.db, user.id);
    const wrong = { currentPassword: 'not-it', newPassword: 'another-long-password', confirmPassword: 'another-long-password' };
    expect(await problems(changePassword(database.db, user.actor, wrong))).toEqual({ currentPassword: 'accounts.error.currentPasswordWrong' });
    expect(await database.db.selectFrom('sign_in_failure').select('id').where('username', '=', user.username).execute()).toHaveLength(1);
    expect(
      await problems(changePassword(database.db, user.actor, { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' })),
    ).toEqual({ newPassword: 'accounts.error.passwordShort' });

    await changePassword(database.db, user.actor, { ...wrong, currentPassword: PASSWORD, keepSessionToken: here });
    expect(await userForSession(database.db, here)).not.toBeNull();
    expect(await userForSession(database.db, elsewhere)).toBeNull();
    expect((await signIn(database.db, { username: user.username, password: 'another-long-password' })).ok).toBe(true);
    expect(await refusal(changePassword(database.db, null, wrong))).toBeInstanceOf(Forbidden);
  });
});

describe('password resets', () => {
  it('lets a fund officer issue a code for their fund’s people: 8 digits, hashed, 24 hours', async () => {
    const proposer = await makeUser([['proposer', fundA]]);
    const issued = await issuePasswordReset(database.db, officerA, { userId: proposer.id });
    expect(issued.code).toMatch(/^[0-9]{8}$/);
    expect(issued.username).toBe(proposer.username);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    const rows = await database.db.selectFrom('password_reset').selectAll().where('user_id', '=', proposer.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(issued.code);
    // A new code cancels the old one.
    await issuePasswordReset(database.db, officerA, { userId: proposer.id });
    expect(await database.db.selectFrom('password_reset').select('code_hash').where('user_id', '=', proposer.id).execute()).toHaveLength(1);
  });

  it('reaches people through their organisation’s fund too', async () => {
    const { userId } = await registerProposer(database.db, null, registration({ fundCode: fundA }));
    await database.db.deleteFrom('role_assignment').where('user_id', '=', userId).execute();
    expect((await issuePasswordReset(database.db, officerA, { userId })).code).toHaveLength(8);
    expect(await refusal(issuePasswordReset(database.db, officerB, { userId }))).toBeInstanceOf(Forbidden);
  });

  it('refuses a fund officer outside their fund, for an admin, or for someone reaching further', async () => {
    const outside = await makeUser([['proposer', fundB]]);
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: outside.id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: adminId }))).toBeInstanceOf(Forbidden);
    const adminInFund = await makeUser([
      ['proposer', fundA],
      ['admin', 'TH'],
    ]);
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: adminInFund.id }))).toBeInstanceOf(Forbidden);
    const mentorOfDistrict = await makeUser([
      ['committee', fundA],
      ['mentor', districtA],
    ]);
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: mentorOfDistrict.id }))).toBeInstanceOf(Forbidden);
    const twoFunds = await makeUser([
      ['committee', fundA],
      ['committee', fundB],
    ]);
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: twoFunds.id }))).toBeInstanceOf(Forbidden);
    const nobody = await makeUser();
    expect(await refusal(issuePasswordReset(database.db, officerA, { userId: nobody.id }))).toBeInstanceOf(Forbidden);
    const proposer = await makeUser([['proposer', fundA]]);
    expect(await refusal(issuePasswordReset(database.db, proposer.actor, { userId: proposer.id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(issuePasswordReset(database.db, null, { userId: proposer.id }))).toBeInstanceOf(Forbidden);
    expect(await database.db.selectFrom('password_reset').select('user_id').where('user_id', 'in', [outside.id, adminId, nobody.id]).execute()).toEqual([]);
  });

  it('lets an admin issue a code for anyone, but not for a deactivated account', async () => {
    const nobody = await makeUser();
    expect((await issuePasswordReset(database.db, admin, { userId: nobody.id })).code).toHaveLength(8);
    expect((await issuePasswordReset(database.db, admin, { userId: (await makeUser([['admin', 'TH']])).id })).code).toHaveLength(8);
    await database.db.updateTable('app_user').set({ is_active: false }).where('id', '=', nobody.id).execute();
    expect(await problems(issuePasswordReset(database.db, admin, { userId: nobody.id }))).toEqual({ _form: 'accounts.error.accountInactive' });
  });

  it('sets a new password with the code once, ending every session', async () => {
    const user = await makeUser([['proposer', fundA]]);
    const session = await openSession(database.db, user.id);
    const { code } = await issuePasswordReset(database.db, officerA, { userId: user.id });
    const input = { username: user.username, code: `${code.slice(0, 4)} ${code.slice(4)}`, newPassword: 'brand-new-password', confirmPassword: 'brand-new-password' };
    expect(await problems(resetPassword(database.db, null, { ...input, confirmPassword: 'nope' }))).toEqual({
      confirmPassword: 'accounts.error.passwordMismatch',
    });
    expect(await resetPassword(database.db, null, input)).toEqual({ userId: user.id });
    expect(await userForSession(database.db, session)).toBeNull();
    expect((await signIn(database.db, { username: user.username, password: 'brand-new-password' })).ok).toBe(true);
    // Used once: the same code again gets the one generic message.
    expect(await problems(resetPassword(database.db, null, { ...input, newPassword: 'x'.repeat(12), confirmPassword: 'x'.repeat(12) }))).toEqual({
      code: 'accounts.error.resetFailed',
    });
  });

  it('gives one message for wrong, expired or someone else’s codes, and counts them as failures', async () => {
    const user = await makeUser([['proposer', fundA]]);
    const other = await makeUser([['proposer', fundA]]);
    const { code } = await issuePasswordReset(database.db, officerA, { userId: user.id });
    const otherCode = (await issuePasswordReset(database.db, officerA, { userId: other.id })).code;
    const base = { username: user.username, newPassword: 'brand-new-password', confirmPassword: 'brand-new-password' };
    const generic = { code: 'accounts.error.resetFailed' };
    expect(await problems(resetPassword(database.db, null, { ...base, code: code === '00000000' ? '11111111' : '00000000' }))).toEqual(generic);
    expect(await problems(resetPassword(database.db, null, { ...base, code: otherCode }))).toEqual(generic);
    expect(await problems(resetPassword(database.db, null, { ...base, username: 'nobody-here', code }))).toEqual(generic);
    await database.db.updateTable('password_reset').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    expect(await problems(resetPassword(database.db, null, { ...base, code }))).toEqual(generic);
    expect(await database.db.selectFrom('sign_in_failure').select('id').where('username', '=', user.username).execute()).toHaveLength(3);
  });

  it('stops taking codes after repeated failures, even the right one', async () => {
    const user = await makeUser([['proposer', fundA]]);
    const { code } = await issuePasswordReset(database.db, officerA, { userId: user.id });
    const wrong = code === '12345678' ? '87654321' : '12345678';
    const base = { username: user.username, newPassword: 'brand-new-password', confirmPassword: 'brand-new-password' };
    for (let i = 0; i < 5; i++) await refusal(resetPassword(database.db, null, { ...base, code: wrong }));
    expect(await problems(resetPassword(database.db, null, { ...base, code }))).toEqual({ code: 'accounts.error.tooManyAttempts' });
    expect((await signIn(database.db, { username: user.username, password: PASSWORD })).ok).toBe(false);
  });

  it('lists a fund officer’s people with whom they may reset', async () => {
    const mine = await makeUser([['proposer', fundA]]);
    const wider = await makeUser([
      ['proposer', fundA],
      ['mentor', districtA],
    ]);
    const { fundCodes, people } = await listFundPeople(database.db, officerA);
    expect(fundCodes).toEqual([fundA]);
    expect(people.find((p) => p.id === mine.id)?.canIssueReset).toBe(true);
    expect(people.find((p) => p.id === wider.id)?.canIssueReset).toBe(false);
    const elsewhere = await makeUser([['proposer', fundB]]);
    expect((await listFundPeople(database.db, officerA)).people.some((p) => p.id === elsewhere.id)).toBe(false);
    expect(people.every((p) => p.roles.some((r) => r.scopeCode === fundA) || p.organisationName !== null)).toBe(true);
    expect(await refusal(listFundPeople(database.db, mine.actor))).toBeInstanceOf(Forbidden);
    expect(await refusal(listFundPeople(database.db, null))).toBeInstanceOf(Forbidden);
  });
});

describe('API tokens', () => {
  it('shows the secret once, keeps only its hash, and stops working when revoked', async () => {
    const user = await makeUser([['fund_officer', fundA]]);
    const created = await createApiToken(database.db, user.actor, { userId: user.id, name: ' ระบบรายงาน ' });
    expect(created.secret).toMatch(/^kt_/);
    expect(created.name).toBe('ระบบรายงาน');
    const stored = await database.db.selectFrom('api_token').select('token_hash').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.secret);
    expect((await userForApiToken(database.db, created.secret))?.id).toBe(user.id);
    const [listed] = await listApiTokens(database.db, user.actor, { userId: user.id });
    expect(listed).toMatchObject({ id: created.id, name: 'ระบบรายงาน', revokedAt: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty('secret');

    const other = await makeUser();
    expect(await refusal(revokeApiToken(database.db, other.actor, { tokenId: created.id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(listApiTokens(database.db, other.actor, { userId: user.id }))).toBeInstanceOf(Forbidden);
    expect(await refusal(createApiToken(database.db, other.actor, { userId: user.id, name: 'x' }))).toBeInstanceOf(Forbidden);
    expect((await userForApiToken(database.db, created.secret))?.id).toBe(user.id);

    await revokeApiToken(database.db, user.actor, { tokenId: created.id });
    expect(await userForApiToken(database.db, created.secret)).toBeNull();
    expect((await listApiTokens(database.db, user.actor, { userId: user.id }))[0]?.revokedAt).toBeInstanceOf(Date);
    // Revoking again changes nothing.
    const audits = await count('audit_event');
    await revokeApiToken(database.db, user.actor, { tokenId: created.id });
    expect(await count('audit_event')).toBe(audits);
  });

  it('refuses a missing or over-long name and writes nothing', async () => {
    const user = await makeUser();
    const before = await count('api_token');
    expect(await problems(createApiToken(database.db, user.actor, { userId: user.id, name: '  ' }))).toEqual({ name: 'accounts.error.tokenNameRequired' });
    expect(await problems(createApiToken(database.db, user.actor, { userId: user.id, name: 'n'.repeat(101) }))).toEqual({ name: 'accounts.error.tooLong' });
    expect(await count('api_token')).toBe(before);
  });

  it('stops working when the account is deactivated', async () => {
    const user = await makeUser();
    const { secret } = await createApiToken(database.db, user.actor, { userId: user.id, name: 'sync' });
    const { version } = await database.db.selectFrom('app_user').select('version').where('id', '=', user.id).executeTakeFirstOrThrow();
    await setAccountActive(database.db, admin, { userId: user.id, active: false, version });
    expect(await userForApiToken(database.db, secret)).toBeNull();
  });
});

describe('administering accounts', () => {
  it('lists and searches accounts for admins only', async () => {
    const all = await listAccounts(database.db, admin, {});
    expect(all.total).toBeGreaterThan(10);
    expect(all.rows.length).toBeLessThanOrEqual(all.pageSize);
    const byName = await listAccounts(database.db, admin, { q: 'สมชาย' });
    expect(byName.rows.map((r) => r.username)).toContain('admin');
    const byUsername = await listAccounts(database.db, admin, { q: 'ADMIN' });
    expect(byUsername.rows.map((r) => r.username)).toContain('admin');
    const officers = await listAccounts(database.db, admin, { role: 'fund_officer' });
    expect(officers.rows.every((r) => r.roles.some((a) => a.role === 'fund_officer'))).toBe(true);
    expect((await listAccounts(database.db, admin, { q: '%' })).total).toBe(0);
    expect(await refusal(listAccounts(database.db, officerA, {}))).toBeInstanceOf(Forbidden);
    expect(await refusal(listAccounts(database.db, null, {}))).toBeInstanceOf(Forbidden);
  });

  it('adds roles only within a scope that suits them', async () => {
    const user = await makeUser();
    const add = (role: string, scopeCode: string) => addRoleAssignment(database.db, admin, { userId: user.id, role, scopeCode });
    await add('region_officer', 'r10');
    await add('province_officer', districtA.slice(0, 2));
    await add('mentor', districtA);
    await add('mentor', fundA.toLowerCase());
    await add('district_secretary', districtA);
    await add('fund_officer', fundA);
    await add('admin', 'TH');
    const roles = await database.db.selectFrom('role_assignment').select(['role', 'scope_code']).where('user_id', '=', user.id).execute();
    expect(roles).toContainEqual({ role: 'region_officer', scope_code: 'R10' });
    expect(roles).toContainEqual({ role: 'mentor', scope_code: fundA });

    const before = await count('role_assignment');
    expect(await problems(add('region_officer', districtA.slice(0, 2)))).toEqual({ scopeCode: 'accounts.error.scopeFor.region_officer' });
    expect(await problems(add('admin', 'R10'))).toEqual({ scopeCode: 'accounts.error.scopeFor.admin' });
    expect(await problems(add('proposer', districtA))).toEqual({ scopeCode: 'accounts.error.scopeFor.proposer' });
    expect(await problems(add('fund_officer', 'L9999'))).toEqual({ scopeCode: 'accounts.error.scopeUnknown' });
    expect(await problems(add('mentor', 'ZZ'))).toEqual({ scopeCode: 'accounts.error.scopeUnknown' });
    expect(await problems(add('fund_officer', fundA))).toEqual({ scopeCode: 'accounts.error.roleDuplicate' });
    expect(await problems(add('wizard', 'TH'))).toEqual({ role: 'accounts.error.roleRequired' });
    expect(await refusal(addRoleAssignment(database.db, officerA, { userId: user.id, role: 'committee', scopeCode: fundA }))).toBeInstanceOf(Forbidden);
    expect(await count('role_assignment')).toBe(before);
  });

  it('removes a role, but not an admin’s own admin role', async () => {
    const user = await makeUser([['committee', fundA]]);
    const [assignment] = await database.db.selectFrom('role_assignment').select('id').where('user_id', '=', user.id).execute();
    expect(await refusal(removeRoleAssignment(database.db, officerA, { userId: user.id, assignmentId: assignment!.id }))).toBeInstanceOf(Forbidden);
    await removeRoleAssignment(database.db, admin, { userId: user.id, assignmentId: assignment!.id });
    expect(await database.db.selectFrom('role_assignment').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    const own = await database.db.selectFrom('role_assignment').select('id').where('user_id', '=', adminId).where('role', '=', 'admin').executeTakeFirstOrThrow();
    expect(await problems(removeRoleAssignment(database.db, admin, { userId: adminId, assignmentId: own.id }))).toEqual({ _form: 'accounts.error.ownAdminRole' });
  });

  it('deactivates and reactivates with the version the page showed', async () => {
    const user = await makeUser();
    const session = await openSession(database.db, user.id);
    const { version } = await database.db.selectFrom('app_user').select('version').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(await refusal(setAccountActive(database.db, officerA, { userId: user.id, active: false, version }))).toBeInstanceOf(Forbidden);
    await setAccountActive(database.db, admin, { userId: user.id, active: false, version });
    expect(await userForSession(database.db, session)).toBeNull();
    expect((await signIn(database.db, { username: user.username, password: PASSWORD })).ok).toBe(false);
    // A second admin working from the same stale page changes nothing.
    expect(await refusal(setAccountActive(database.db, admin, { userId: user.id, active: true, version }))).toBeInstanceOf(Conflict);
    await setAccountActive(database.db, admin, { userId: user.id, active: true, version: version + 1 });
    expect((await signIn(database.db, { username: user.username, password: PASSWORD })).ok).toBe(true);
    const self = await database.db.selectFrom('app_user').select('version').where('id', '=', adminId).executeTakeFirstOrThrow();
    expect(await problems(setAccountActive(database.db, admin, { userId: adminId, active: false, version: self.version }))).toEqual({
      _form: 'accounts.error.deactivateSelf',
    });
  });

  it('uses the demo password for demo accounts (sanity check of the fixtures)', async () => {
    expect((await signIn(database.db, { username: 'admin', password: DEMO_PASSWORD })).ok).toBe(true);
  });
});
