/** Rules for people's accounts: names, contact details, sign-in throttling, reset codes, role scopes. */
import { type Actor, can } from './policy.ts';
import { FUND_CODE_PATTERN } from './registry.ts';
import type { Role } from './roles.ts';

/** The titles offered in a list; anything else (ดร., ว่าที่ ร.ต., พระ …) is typed in. */
export const TITLE_CHOICES = ['นาย', 'นาง', 'นางสาว'] as const;
export const TITLE_OTHER = 'other';
export const TITLE_MAX = 40;
export const NAME_MAX = 100;
export const EMAIL_MAX = 200;

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Digits only: people type 081 234 5678, 081-234-5678 or +66 81 234 5678. */
export function normalisePhone(text: string): string {
  const digits = text.replace(/[^0-9]/g, '');
  return text.trim().startsWith('+66') && digits.startsWith('66') ? `0${digits.slice(2)}` : digits;
}

/** A Thai mobile number, digits only: 06, 08 or 09 and eight more digits. */
export function isThaiMobile(digits: string): boolean {
  return /^0[689][0-9]{8}$/.test(digits);
}

/** 0812345678 → 081-234-5678; anything else as it is. */
export function formatPhone(digits: string | null | undefined): string {
  if (!digits) return '';
  return /^0[0-9]{9}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}

// --- Sign-in throttling -------------------------------------------------------------------

export const THROTTLE = {
  /** Failed sign-ins for one username within the window that pause it. */
  usernameLimit: 5,
  /** Failed sign-ins from one address within the window that pause it. */
  ipLimit: 20,
  windowMs: 15 * 60 * 1000,
  /** How long a pause lasts, counted from the failure that caused it. */
  lockMs: 15 * 60 * 1000,
} as const;

/**
 * When sign-in opens again, given the most recent failures (newest first, at least `limit` of
 * them when there are that many): `limit` failures within the window pause sign-in for
 * `lockMs` after the last of them. Attempts refused during a pause are not counted, so a pause
 * never extends itself. Null when sign-in is open.
 */
export function lockedUntil(failuresNewestFirst: readonly Date[], limit: number, now: Date): Date | null {
  if (failuresNewestFirst.length < limit) return null;
  const newest = failuresNewestFirst[0]!;
  const oldest = failuresNewestFirst[limit - 1]!;
  if (newest.getTime() - oldest.getTime() > THROTTLE.windowMs) return null;
  const until = new Date(newest.getTime() + THROTTLE.lockMs);
  return until > now ? until : null;
}

/** 14:05 in Bangkok: when a paused sign-in opens again. */
export function formatClockTime(date: Date, lang: 'th' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-nu-latn' : 'en-GB', {
    timeZone: 'Asia/Bangkok',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

// --- Password reset codes -----------------------------------------------------------------

export const RESET_CODE_DIGITS = 8;
export const RESET_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** 12345678 → 1234 5678, easier to read out over the phone. */
export function formatResetCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/** What the person typed, digits only ('1234 5678', '1234-5678' → '12345678'). */
export function normaliseResetCode(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/**
 * Whether the actor may issue a reset code for the target. Admins may for anyone. A fund
 * officer may only for someone whose every role is scoped to a fund the officer looks after
 * (so no one can take over an account that reaches further than the officer's own), never for
 * an admin, and only when the person belongs to at least one fund (by role or organisation).
 * `fundChains` are the scope chains of every fund the target is tied to.
 */
export function mayIssueReset(
  actor: Actor | null,
  target: { roles: readonly { role: Role; scopeCode: string }[]; fundChains: readonly (readonly string[])[] },
): boolean {
  if (!actor) return false;
  if (actor.roles.some((r) => r.role === 'admin')) return can(actor, 'account.issue_reset', { scopeChain: ['TH'] });
  if (target.roles.some((r) => r.role === 'admin')) return false;
  if (target.roles.some((r) => !FUND_CODE_PATTERN.test(r.scopeCode))) return false;
  if (target.fundChains.length === 0) return false;
  return target.fundChains.every((chain) => can(actor, 'account.issue_reset', { scopeChain: chain }));
}

// --- Role scopes --------------------------------------------------------------------------

export type ScopeKind = 'country' | 'region' | 'province' | 'district' | 'subdistrict' | 'fund';

/** Which kind of scope each role is held within. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly ScopeKind[]> = {
  admin: ['country'],
  region_officer: ['region'],
  province_officer: ['province'],
  mentor: ['region', 'province', 'district', 'fund'],
  district_secretary: ['district'],
  fund_officer: ['fund'],
  fund_finance: ['fund'],
  committee: ['fund'],
  proposer: ['fund'],
};

/** A scope code as people type it: trimmed, upper case (r10 → R10, l0001 → L0001). */
export function normaliseScopeCode(text: string): string {
  return text.trim().toUpperCase();
}
