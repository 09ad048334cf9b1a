import { createHash, randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { DB } from '../db/schema.ts';
import {
  EMAIL_MAX,
  isThaiMobile,
  mayIssueReset,
  NAME_MAX,
  normalisePhone,
  normaliseResetCode,
  normaliseScopeCode,
  PASSWORD_MAX,
  PASSWORD_MIN,
  RESET_CODE_DIGITS,
  RESET_CODE_LIFETIME_MS,
  ROLE_SCOPE_KINDS,
  type ScopeKind,
  TITLE_CHOICES,
  TITLE_MAX,
  TITLE_OTHER,
  USERNAME_PATTERN,
} from '../domain/accounts.ts';
import { type Actor, fundScopeChain } from '../domain/policy.ts';
import { FUND_CODE_PATTERN, ORGANISATION_TYPES, PEOPLES_GROUP_MIN_MEMBERS } from '../domain/registry.ts';
import { isRole, ROLES, type Role } from '../domain/roles.ts';
import type { MessageKey } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { Conflict, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';
import { openSession, recordSignInFailure, sessionTokenHash, signInLockedUntil } from './sessions.ts';

type Db = Kysely<DB>;

// --- Shared pieces ------------------------------------------------------------------------

const invalid = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new Invalid([{ field, key, ...(params ? { params } : {}) }]);

/** A required single-line text: trimmed, with this field's own "missing" message. */
const text = (max: number, required: MessageKey) => z.string().trim().min(1, required).max(max, 'accounts.error.tooLong');
const optionalText = (max: number) => z.string().trim().max(max, 'accounts.error.tooLong').default('');

const passwordPair = {
  newPassword: z
    .string()
    .min(PASSWORD_MIN, 'accounts.error.passwordShort')
    .max(PASSWORD_MAX, 'accounts.error.tooLong'),
  confirmPassword: z.string().max(PASSWORD_MAX, 'accounts.error.tooLong'),
};
const passwordsMatch = (value: { newPassword: string; confirmPassword: string }, ctx: z.RefinementCtx) => {
  if (value.newPassword !== value.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'accounts.error.passwordMismatch' });
  }
};

/** A unique index broke under a race the checks before it could not see: say which field. */
function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string } | null;
  return e && e.code === '23505' ? (e.constraint ?? '') : null;
}

async function audit(
  db: Db,
  actorId: number | null,
  action: string,
  subjectType: string,
  subjectId: number | string,
  data: Record<string, unknown> = {},
) {
  await db
    .insertInto('audit_event')
    .values({ actor_user_id: actorId, action, subject_type: subjectType, subject_id: String(subjectId), data: JSON.stringify(data) })
    .execute();
}

/** Names for scope codes (TH, R10, 33, 3306, L0001 …) in both languages. */
export async function scopeNames(db: Db, codes: readonly string[]): Promise<Map<string, { th: string; en: string | null }>> {
  const names = new Map<string, { th: string; en: string | null }>();
  const unique = [...new Set(codes)];
  if (unique.length === 0) return names;
  const fundCodes = unique.filter((c) => FUND_CODE_PATTERN.test(c));
  const areaCodes = unique.filter((c) => !FUND_CODE_PATTERN.test(c));
  if (areaCodes.length > 0) {
    const areas = await db.selectFrom('area').select(['code', 'name_th', 'name_en']).where('code', 'in', areaCodes).execute();
    for (const a of areas) names.set(a.code, { th: a.name_th, en: a.name_en });
  }
  if (fundCodes.length > 0) {
    const funds = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('code', 'in', fundCodes).execute();
    for (const f of funds) names.set(f.code, { th: f.name_th, en: f.name_en });
  }
  return names;
}

/** The scope chains of the given fund codes (unknown codes are left out). */
async function fundChains(db: Db, codes: readonly string[]): Promise<Map<string, string[]>> {
  const chains = new Map<string, string[]>();
  if (codes.length === 0) return chains;
  const rows = await db
    .selectFrom('fund_area')
    .select(['fund_code', 'district_code', 'province_code', 'region_code'])
    .where('fund_code', 'in', [...new Set(codes)])
    .execute();
  for (const r of rows) {
    chains.set(
      r.fund_code,
      fundScopeChain({ regionCode: r.region_code, provinceCode: r.province_code, districtCode: r.district_code, fundCode: r.fund_code }),
    );
  }
  return chains;
}

async function rolesOf(db: Db, userIds: readonly number[]) {
  const byUser = new Map<number, { id: number; role: Role; scopeCode: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('role_assignment')
    .select(['id', 'user_id', 'role', 'scope_code'])
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    const list = byUser.get(r.user_id) ?? [];
    list.push({ id: r.id, role: r.role, scopeCode: r.scope_code });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

// --- Registering a proposer ---------------------------------------------------------------

const memberSchema = z.object({
  title: optionalText(TITLE_MAX),
  firstName: z.string().trim().max(NAME_MAX, 'accounts.error.tooLong').default(''),
  lastName: z.string().trim().max(NAME_MAX, 'accounts.error.tooLong').default(''),
});

const registerSchema = z
  .object({
    title: z.string().trim().max(TITLE_MAX, 'accounts.error.tooLong').default(''),
    titleOther: optionalText(TITLE_MAX),
    firstName: text(NAME_MAX, 'accounts.error.firstNameRequired'),
    lastName: text(NAME_MAX, 'accounts.error.lastNameRequired'),
    phone: z.string().trim().max(40, 'accounts.error.phoneInvalid').default(''),
    email: z.string().trim().max(EMAIL_MAX, 'accounts.error.tooLong').default(''),
    username: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'accounts.error.usernameRequired')
      .max(40, 'accounts.error.tooLong')
      .regex(USERNAME_PATTERN, 'accounts.error.usernameInvalid'),
    ...passwordPair,
    organisationName: text(200, 'accounts.error.organisationNameRequired'),
    organisationType: z.coerce
      .number('accounts.error.organisationTypeRequired')
      .int('accounts.error.organisationTypeRequired')
      .min(1, 'accounts.error.organisationTypeRequired')
      .max(6, 'accounts.error.organisationTypeRequired'),
    organisationDescription: optionalText(2000),
    fundCode: z
      .string()
      .trim()
      .toUpperCase()
      .min(1, 'accounts.error.fundCodeRequired')
      .regex(FUND_CODE_PATTERN, 'accounts.error.fundCodeInvalid'),
    members: z.array(memberSchema).max(50, 'accounts.error.tooManyMembers').default([]),
  })
  .superRefine((value, ctx) => {
    passwordsMatch(value, ctx);
    if (value.title !== '' && value.title !== TITLE_OTHER && !(TITLE_CHOICES as readonly string[]).includes(value.title)) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'accounts.error.titleInvalid' });
    }
    if (value.title === TITLE_OTHER && value.titleOther === '') {
      ctx.addIssue({ code: 'custom', path: ['titleOther'], message: 'accounts.error.titleOtherRequired' });
    }
    const phone = normalisePhone(value.phone);
    if (value.phone !== '' && !isThaiMobile(phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'accounts.error.phoneInvalid' });
    }
    if (value.email !== '' && !z.email().safeParse(value.email).success) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'accounts.error.emailInvalid' });
    }
    if (value.phone === '' && value.email === '') {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'accounts.error.contactRequired' });
    }
    if (!(ORGANISATION_TYPES as readonly number[]).includes(value.organisationType)) return;
    value.members.forEach((m, index) => {
      const blank = m.title === '' && m.firstName === '' && m.lastName === '';
      if (blank) return;
      if (m.firstName === '') ctx.addIssue({ code: 'custom', path: ['members', index, 'firstName'], message: 'accounts.error.memberFirstNameRequired' });
      if (m.lastName === '') ctx.addIssue({ code: 'custom', path: ['members', index, 'lastName'], message: 'accounts.error.memberLastNameRequired' });
    });
    const named = value.members.filter((m) => m.firstName !== '' || m.lastName !== '').length;
    if (value.organisationType === 5 && named < PEOPLES_GROUP_MIN_MEMBERS) {
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'accounts.error.membersTooFew', params: { min: PEOPLES_GROUP_MIN_MEMBERS } });
    }
  });

export type RegisterInput = z.input<typeof registerSchema>;

/**
 * A proposer creates their own account and their organisation, and is signed in: the account,
 * a proposer role at the fund they propose to, the organisation with its members and an audit
 * event are written together or not at all. Returns the new session's token.
 */
export async function registerProposer(
  db: Db,
  actor: Actor | null,
  input: RegisterInput & { userAgent?: string | null; ip?: string | null },
): Promise<{ userId: number; token: string }> {
  authorize(actor, 'account.register');
  const value = parseInput(registerSchema, input, 'accounts.error.invalid');
  const phone = value.phone === '' ? null : normalisePhone(value.phone);
  const email = value.email === '' ? null : value.email;
  const title = value.title === TITLE_OTHER ? value.titleOther : value.title;
  const members = value.members.filter((m) => m.firstName !== '' || m.lastName !== '');
  const passwordHash = await hashPassword(value.newPassword);

  const fund = await db.selectFrom('fund').select(['id', 'code']).where('code', '=', value.fundCode).executeTakeFirst();
  const problems: { field: string; key: MessageKey }[] = [];
  if (!fund) problems.push({ field: 'fundCode', key: 'accounts.error.fundUnknown' });
  problems.push(...(await contactClashes(db, { username: value.username, phone, email })));
  if (problems.length > 0 || !fund) throw new Invalid(problems);

  try {
    return await db.transaction().execute(async (tx) => {
      const { id: userId } = await tx
        .insertInto('app_user')
        .values({
          username: value.username,
          title,
          first_name: value.firstName,
          last_name: value.lastName,
          phone,
          email,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: organisationId } = await tx
        .insertInto('organisation')
        .values({
          name: value.organisationName,
          org_type: value.organisationType,
          description: value.organisationDescription === '' ? null : value.organisationDescription,
          fund_id: fund.id,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (members.length > 0) {
        await tx
          .insertInto('organisation_member')
          .values(members.map((m) => ({ organisation_id: organisationId, title: m.title, first_name: m.firstName, last_name: m.lastName })))
          .execute();
      }
      await tx.updateTable('app_user').set({ organisation_id: organisationId }).where('id', '=', userId).execute();
      await tx.insertInto('role_assignment').values({ user_id: userId, role: 'proposer', scope_code: fund.code }).execute();
      await audit(tx, userId, 'account.register', 'user', userId, {
        organisationId,
        organisationType: value.organisationType,
        fundCode: fund.code,
        members: members.length,
      });
      const token = await openSession(tx, userId, { userAgent: input.userAgent, ip: input.ip });
      return { userId, token };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === null) throw error;
    if (constraint.includes('phone')) throw invalid('phone', 'accounts.error.phoneTaken');
    if (constraint.includes('email')) throw invalid('email', 'accounts.error.emailTaken');
    throw invalid('username', 'accounts.error.usernameTaken');
  }
}

async function contactClashes(db: Db, value: { username: string; phone: string | null; email: string | null }) {
  const problems: { field: string; key: MessageKey }[] = [];
  const taken = await db
    .selectFrom('app_user')
    .select(['username', 'phone', 'email'])
    .where((eb) =>
      eb.or([
        eb('username', '=', value.username),
        ...(value.phone ? [eb('phone', '=', value.phone)] : []),
        ...(value.email ? [eb(eb.fn('lower', ['email']), '=', value.email.toLowerCase())] : []),
      ]),
    )
    .execute();
  if (taken.some((u) => u.username === value.username)) problems.push({ field: 'username', key: 'accounts.error.usernameTaken' });
  if (value.phone && taken.some((u) => u.phone === value.phone)) problems.push({ field: 'phone', key: 'accounts.error.phoneTaken' });
  if (value.email && taken.some((u) => u.email?.toLowerCase() === value.email!.toLowerCase())) {
    problems.push({ field: 'email', key: 'accounts.error.emailTaken' });
  }
  return problems;
}

// --- One's own account --------------------------------------------------------------------

export interface AccountView {
  id: number;
  username: string;
  title: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  isActive: boolean;
  version: number;
  createdAt: Date;
  roles: { id: number; role: Role; scopeCode: string; scopeName: { th: string; en: string | null } | null }[];
  organisation: {
    id: number;
    name: string;
    type: number;
    description: string | null;
    fund: { code: string; nameTh: string; nameEn: string | null } | null;
    members: { title: string; firstName: string; lastName: string }[];
  } | null;
}

/** Who someone is: name, contact, roles with the names of their scopes, and their organisation. */
export async function viewAccount(db: Db, actor: Actor | null, input: { userId: number }): Promise<AccountView> {
  authorize(actor, 'account.view', { ownerUserId: input.userId });
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'title', 'first_name', 'last_name', 'phone', 'email', 'is_active', 'version', 'created_at', 'organisation_id'])
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!user) throw new NotFound(`user ${input.userId}`);
  const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
  const names = await scopeNames(
    db,
    roles.map((r) => r.scopeCode),
  );
  let organisation: AccountView['organisation'] = null;
  if (user.organisation_id !== null) {
    const org = await db
      .selectFrom('organisation')
      .leftJoin('fund', 'fund.id', 'organisation.fund_id')
      .select([
        'organisation.id',
        'organisation.name',
        'organisation.org_type',
        'organisation.description',
        'fund.code as fund_code',
        'fund.name_th as fund_name_th',
        'fund.name_en as fund_name_en',
      ])
      .where('organisation.id', '=', user.organisation_id)
      .executeTakeFirst();
    if (org) {
      const members = await db
        .selectFrom('organisation_member')
        .select(['title', 'first_name', 'last_name'])
        .where('organisation_id', '=', org.id)
        .orderBy('id')
        .execute();
      organisation = {
        id: org.id,
        name: org.name,
        type: org.org_type,
        description: org.description,
        fund: org.fund_code ? { code: org.fund_code, nameTh: org.fund_name_th ?? '', nameEn: org.fund_name_en } : null,
        members: members.map((m) => ({ title: m.title, firstName: m.first_name, lastName: m.last_name })),
      };
    }
  }
  return {
    id: user.id,
    username: user.username,
    title: user.title,
    firstName: user.first_name,
    lastName: user.last_name,
    phone: user.phone,
    email: user.email,
    isActive: user.is_active,
    version: user.version,
    createdAt: user.created_at,
    roles: roles.map((r) => ({ ...r, scopeName: names.get(r.scopeCode) ?? null })),
    organisation,
  };
}

/** Any account, for an admin's page about it. */
export async function viewAccountAsAdmin(db: Db, actor: Actor | null, input: { userId: number }): Promise<AccountView> {
  authorize(actor, 'accounts.manage');
  return viewAccount(db, actor, input);
}

/** Ends every session of the account, this one included (a lost phone, a shared computer). */
export async function signOutEverywhere(db: Db, actor: Actor | null, input: { userId: number }): Promise<{ ended: number }> {
  authorize(actor, 'account.sign_out_everywhere', { ownerUserId: input.userId });
  return db.transaction().execute(async (tx) => {
    const ended = await tx.deleteFrom('user_session').where('user_id', '=', input.userId).executeTakeFirst();
    await audit(tx, actor!.userId, 'account.sign_out_everywhere', 'user', input.userId, { ended: Number(ended.numDeletedRows) });
    return { ended: Number(ended.numDeletedRows) };
  });
}

const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'accounts.error.currentPasswordRequired').max(PASSWORD_MAX, 'accounts.error.tooLong'),
    ...passwordPair,
  })
  .superRefine(passwordsMatch);

/**
 * Changes one's own password after checking the current one. Every other session of the
 * account ends; the one making the change (its token given) stays. A wrong current password
 * counts as a failed sign-in, so a borrowed session cannot be used to guess it.
 */
export async function changePassword(
  db: Db,
  actor: Actor | null,
  input: { currentPassword: string; newPassword: string; confirmPassword: string; keepSessionToken?: string; ip?: string | null },
): Promise<void> {
  if (!actor) throw new Forbidden('account.change_password');
  const self = actor;
  authorize(self, 'account.change_password', { ownerUserId: self.userId });
  const value = parseInput(changePasswordSchema, input, 'accounts.error.invalid');
  const user = await db.selectFrom('app_user').select(['id', 'username', 'password_hash']).where('id', '=', self.userId).executeTakeFirst();
  if (!user) throw new NotFound(`user ${self.userId}`);
  const ip = input.ip ?? null;
  if (await signInLockedUntil(db, user.username, ip)) throw invalid('currentPassword', 'accounts.error.tooManyAttempts');
  if (!(await verifyPassword(value.currentPassword, user.password_hash))) {
    await recordSignInFailure(db, user.username, ip);
    throw invalid('currentPassword', 'accounts.error.currentPasswordWrong');
  }
  const passwordHash = await hashPassword(value.newPassword);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('app_user')
      .set((eb) => ({ password_hash: passwordHash, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
    let others = tx.deleteFrom('user_session').where('user_id', '=', user.id);
    if (input.keepSessionToken) others = others.where('token_hash', '!=', sessionTokenHash(input.keepSessionToken));
    await others.execute();
    await audit(tx, user.id, 'account.password_change', 'user', user.id);
  });
}

// --- Password resets ----------------------------------------------------------------------

const resetCodeHash = (userId: number, code: string) => createHash('sha256').update(`reset:${userId}:${code}`).digest('hex');

/** The fund scope chains a person is tied to: by fund-scoped roles and by their organisation. */
async function fundChainsOfUser(db: Db, userId: number, roles: readonly { scopeCode: string }[]): Promise<string[][]> {
  const codes = roles.map((r) => r.scopeCode).filter((c) => FUND_CODE_PATTERN.test(c));
  const org = await db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .innerJoin('fund', 'fund.id', 'organisation.fund_id')
    .select('fund.code')
    .where('app_user.id', '=', userId)
    .executeTakeFirst();
  if (org) codes.push(org.code);
  return [...(await fundChains(db, codes)).values()];
}

/**
 * A one-time code for someone who has forgotten their password: 8 random digits, valid 24
 * hours, stored hashed, single use. Issuing a new one cancels the person's earlier unused
 * codes. The code is returned once, for the officer to pass on; it cannot be shown again.
 */
export async function issuePasswordReset(
  db: Db,
  actor: Actor | null,
  input: { userId: number },
): Promise<{ code: string; expiresAt: Date; username: string }> {
  if (!actor) throw new Forbidden('account.issue_reset');
  const user = await db.selectFrom('app_user').select(['id', 'username', 'is_active']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw new NotFound(`user ${input.userId}`);
  const roles = (await rolesOf(db, [user.id])).get(user.id) ?? [];
  const chains = await fundChainsOfUser(db, user.id, roles);
  if (!mayIssueReset(actor, { roles, fundChains: chains })) throw new Forbidden('account.issue_reset');
  // The policy check itself, on the first fund (or the country for someone tied to none).
  authorize(actor, 'account.issue_reset', { scopeChain: chains[0] ?? ['TH'] });
  if (!user.is_active) throw invalid('_form', 'accounts.error.accountInactive');

  const code = String(randomInt(0, 10 ** RESET_CODE_DIGITS)).padStart(RESET_CODE_DIGITS, '0');
  const expiresAt = new Date(Date.now() + RESET_CODE_LIFETIME_MS);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('password_reset').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await tx
      .insertInto('password_reset')
      .values({ code_hash: resetCodeHash(user.id, code), user_id: user.id, issued_by: actor.userId, expires_at: expiresAt, used_at: null })
      .execute();
    await audit(tx, actor.userId, 'account.reset_issue', 'user', user.id, { expiresAt: expiresAt.toISOString() });
  });
  return { code, expiresAt, username: user.username };
}

const resetSchema = z
  .object({
    username: z.string().trim().toLowerCase().min(1, 'accounts.error.usernameRequired').max(40, 'accounts.error.tooLong'),
    code: z.string().min(1, 'accounts.error.codeRequired').max(40, 'accounts.error.resetFailed'),
    ...passwordPair,
  })
  .superRefine(passwordsMatch);

/**
 * Sets a new password with a reset code. A wrong, expired or used code (or an unknown
 * username) gets one message that tells nothing more, and counts as a failed sign-in. On
 * success the code is spent and every session of the account ends.
 */
export async function resetPassword(
  db: Db,
  actor: Actor | null,
  input: { username: string; code: string; newPassword: string; confirmPassword: string; ip?: string | null },
): Promise<{ userId: number }> {
  authorize(actor, 'account.reset_password');
  const value = parseInput(resetSchema, input, 'accounts.error.invalid');
  const ip = input.ip ?? null;
  if (await signInLockedUntil(db, value.username, ip)) throw invalid('code', 'accounts.error.tooManyAttempts');
  const code = normaliseResetCode(value.code);
  const user = await db
    .selectFrom('app_user')
    .select(['id'])
    .where('username', '=', value.username)
    .where('is_active', '=', true)
    .executeTakeFirst();
  // Hash the password whether or not the user exists, so timing tells nothing either.
  const passwordHash = await hashPassword(value.newPassword);
  const spent =
    user && code.length === RESET_CODE_DIGITS
      ? await db.transaction().execute(async (tx) => {
          const row = await tx
            .updateTable('password_reset')
            .set({ used_at: new Date() })
            .where('code_hash', '=', resetCodeHash(user.id, code))
            .where('user_id', '=', user.id)
            .where('used_at', 'is', null)
            .where('expires_at', '>', new Date())
            .returning('user_id')
            .executeTakeFirst();
          if (!row) return false;
          await tx
            .updateTable('app_user')
            .set((eb) => ({ password_hash: passwordHash, updated_at: new Date(), version: eb('version', '+', 1) }))
            .where('id', '=', user.id)
            .execute();
          await tx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
          await tx.deleteFrom('sign_in_failure').where('username', '=', value.username).execute();
          await audit(tx, null, 'account.reset_use', 'user', user.id);
          return true;
        })
      : false;
  if (!spent || !user) {
    await recordSignInFailure(db, value.username, ip);
    throw invalid('code', 'accounts.error.resetFailed');
  }
  return { userId: user.id };
}

// --- A fund officer's people --------------------------------------------------------------

export interface PersonRow {
  id: number;
  username: string;
  title: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  isActive: boolean;
  roles: { id: number; role: Role; scopeCode: string }[];
  organisationName: string | null;
  canIssueReset: boolean;
}

/**
 * The people of the funds a fund officer looks after: everyone with a role scoped to one of
 * those funds or whose organisation proposes to one of them, each marked with whether the
 * officer may issue them a reset code.
 */
/** What a list of people shows of each: the same for an officer's people and the admin's accounts. */
const PERSON_COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.title',
  'app_user.first_name',
  'app_user.last_name',
  'app_user.phone',
  'app_user.email',
  'app_user.is_active',
  'organisation.name as organisation_name',
] as const;

export async function listFundPeople(db: Db, actor: Actor | null): Promise<{ fundCodes: string[]; people: PersonRow[] }> {
  const fundCodes = (actor?.roles ?? []).filter((r) => r.role === 'fund_officer' && FUND_CODE_PATTERN.test(r.scopeCode)).map((r) => r.scopeCode);
  if (!actor || fundCodes.length === 0) throw new Forbidden('account.issue_reset');
  const chains = await fundChains(db, fundCodes);
  for (const chain of chains.values()) authorize(actor, 'account.issue_reset', { scopeChain: chain });

  const users = await db
    .selectFrom('app_user')
    .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .leftJoin('fund', 'fund.id', 'organisation.fund_id')
    .select(PERSON_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('fund.code', 'in', fundCodes),
        eb.exists(
          eb
            .selectFrom('role_assignment')
            .select('role_assignment.id')
            .whereRef('role_assignment.user_id', '=', 'app_user.id')
            .where('role_assignment.scope_code', 'in', fundCodes),
        ),
      ]),
    )
    .orderBy('app_user.first_name')
    .orderBy('app_user.last_name')
    .limit(500)
    .execute();
  const roles = await rolesOf(
    db,
    users.map((u) => u.id),
  );
  const allCodes = [...roles.values()].flat().map((r) => r.scopeCode);
  const orgFunds = await db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .innerJoin('fund', 'fund.id', 'organisation.fund_id')
    .select(['app_user.id', 'fund.code'])
    .where(
      'app_user.id',
      'in',
      users.length > 0 ? users.map((u) => u.id) : [-1],
    )
    .execute();
  const allChains = await fundChains(db, [...allCodes.filter((c) => FUND_CODE_PATTERN.test(c)), ...orgFunds.map((o) => o.code)]);
  const people = users.map((u) => {
    const userRoles = roles.get(u.id) ?? [];
    const codes = new Set(userRoles.map((r) => r.scopeCode).filter((c) => FUND_CODE_PATTERN.test(c)));
    for (const o of orgFunds) if (o.id === u.id) codes.add(o.code);
    const userChains = [...codes].flatMap((c) => {
      const chain = allChains.get(c);
      return chain ? [chain] : [];
    });
    return {
      id: u.id,
      username: u.username,
      title: u.title,
      firstName: u.first_name,
      lastName: u.last_name,
      phone: u.phone,
      email: u.email,
      isActive: u.is_active,
      roles: userRoles,
      organisationName: u.organisation_name,
      // One's own password is changed on the account page, not reset.
      canIssueReset: u.is_active && u.id !== actor.userId && mayIssueReset(actor, { roles: userRoles, fundChains: userChains }),
    };
  });
  return { fundCodes, people };
}

// --- Administration -----------------------------------------------------------------------

const PAGE_SIZE = 50;

const listSchema = z.object({
  q: z.string().trim().max(100, 'accounts.error.tooLong').default(''),
  role: z
    .string()
    .default('')
    .transform((r) => (isRole(r) ? r : '')),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Accounts for an admin: search by name, username, phone or email, optionally by role. */
export async function listAccounts(
  db: Db,
  actor: Actor | null,
  input: { q?: string; role?: string; page?: unknown },
): Promise<{ rows: Omit<PersonRow, 'canIssueReset'>[]; total: number; page: number; pageSize: number; q: string; role: string }> {
  authorize(actor, 'accounts.manage');
  const value = parseInput(listSchema, input, 'accounts.error.invalid');
  let query = db.selectFrom('app_user').leftJoin('organisation', 'organisation.id', 'app_user.organisation_id');
  if (value.q !== '') {
    const like = `%${value.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = normalisePhone(value.q);
    query = query.where((eb) =>
      eb.or([
        eb('app_user.username', 'ilike', like),
        eb('app_user.first_name', 'ilike', like),
        eb('app_user.last_name', 'ilike', like),
        eb(sql<string>`app_user.first_name || ' ' || app_user.last_name`, 'ilike', like),
        eb('app_user.email', 'ilike', like),
        ...(digits.length >= 3 ? [eb('app_user.phone', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  if (value.role !== '') {
    const role = value.role;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('role_assignment').select('role_assignment.id').whereRef('role_assignment.user_id', '=', 'app_user.id').where('role_assignment.role', '=', role),
      ),
    );
  }
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const users = await query
    .select(PERSON_COLUMNS)
    .orderBy('app_user.username')
    .limit(PAGE_SIZE)
    .offset((value.page - 1) * PAGE_SIZE)
    .execute();
  const roles = await rolesOf(
    db,
    users.map((u) => u.id),
  );
  return {
    rows: users.map((u) => ({
      id: u.id,
      username: u.username,
      title: u.title,
      firstName: u.first_name,
      lastName: u.last_name,
      phone: u.phone,
      email: u.email,
      isActive: u.is_active,
      roles: roles.get(u.id) ?? [],
      organisationName: u.organisation_name,
    })),
    total: Number(n),
    page: value.page,
    pageSize: PAGE_SIZE,
    q: value.q,
    role: value.role,
  };
}

const roleSchema = z.object({
  userId: z.coerce.number().int().positive(),
  role: z.enum(ROLES, 'accounts.error.roleRequired'),
  scopeCode: z
    .string()
    .transform(normaliseScopeCode)
    .pipe(z.string().min(1, 'accounts.error.scopeRequired').max(10, 'accounts.error.scopeUnknown')),
});

/** What kind of scope a code names, or null when it names nothing known. */
async function scopeKindOf(db: Db, code: string): Promise<ScopeKind | null> {
  if (FUND_CODE_PATTERN.test(code)) {
    const fund = await db.selectFrom('fund').select('id').where('code', '=', code).executeTakeFirst();
    return fund ? 'fund' : null;
  }
  const area = await db.selectFrom('area').select('level').where('code', '=', code).executeTakeFirst();
  return area?.level ?? null;
}

/** Gives someone a role within a scope that suits it (TH for admin, a region for a region officer …). */
export async function addRoleAssignment(
  db: Db,
  actor: Actor | null,
  input: { userId: unknown; role: unknown; scopeCode: unknown },
): Promise<{ id: number }> {
  authorize(actor, 'accounts.manage');
  const value = parseInput(roleSchema, input, 'accounts.error.invalid');
  const user = await db.selectFrom('app_user').select('id').where('id', '=', value.userId).executeTakeFirst();
  if (!user) throw new NotFound(`user ${value.userId}`);
  const kind = await scopeKindOf(db, value.scopeCode);
  if (!kind) throw invalid('scopeCode', 'accounts.error.scopeUnknown');
  if (!ROLE_SCOPE_KINDS[value.role].includes(kind)) throw invalid('scopeCode', `accounts.error.scopeFor.${value.role}`);
  const existing = await db
    .selectFrom('role_assignment')
    .select('id')
    .where('user_id', '=', value.userId)
    .where('role', '=', value.role)
    .where('scope_code', '=', value.scopeCode)
    .executeTakeFirst();
  if (existing) throw invalid('scopeCode', 'accounts.error.roleDuplicate');
  try {
    return await db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('role_assignment')
        .values({ user_id: value.userId, role: value.role, scope_code: value.scopeCode })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, actor!.userId, 'account.role_add', 'user', value.userId, { role: value.role, scopeCode: value.scopeCode });
      return { id };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw invalid('scopeCode', 'accounts.error.roleDuplicate');
    throw error;
  }
}

/** Takes a role away. An admin cannot take away their own admin role (someone must remain). */
export async function removeRoleAssignment(db: Db, actor: Actor | null, input: { userId: number; assignmentId: number }): Promise<void> {
  authorize(actor, 'accounts.manage');
  const row = await db
    .selectFrom('role_assignment')
    .select(['id', 'user_id', 'role', 'scope_code'])
    .where('id', '=', input.assignmentId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`role assignment ${input.assignmentId}`);
  if (row.role === 'admin' && row.user_id === actor!.userId) throw invalid('_form', 'accounts.error.ownAdminRole');
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('role_assignment').where('id', '=', row.id).execute();
    await audit(tx, actor!.userId, 'account.role_remove', 'user', row.user_id, { role: row.role, scopeCode: row.scope_code });
  });
}

/**
 * Deactivates or reactivates an account (with the version the page showed). A deactivated
 * account cannot sign in, its sessions end and its API tokens stop working. Admins cannot
 * deactivate themselves.
 */
export async function setAccountActive(
  db: Db,
  actor: Actor | null,
  input: { userId: number; active: boolean; version: number },
): Promise<void> {
  authorize(actor, 'accounts.manage');
  if (!input.active && input.userId === actor!.userId) throw invalid('_form', 'accounts.error.deactivateSelf');
  const exists = await db.selectFrom('app_user').select('id').where('id', '=', input.userId).executeTakeFirst();
  if (!exists) throw new NotFound(`user ${input.userId}`);
  await db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('app_user')
      .set((eb) => ({ is_active: input.active, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', input.userId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Conflict();
    if (!input.active) await tx.deleteFrom('user_session').where('user_id', '=', input.userId).execute();
    await audit(tx, actor!.userId, input.active ? 'account.reactivate' : 'account.deactivate', 'user', input.userId);
  });
}
