import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatPhone,
  formatResetCode,
  isThaiMobile,
  lockedUntil,
  mayIssueReset,
  normalisePhone,
  normaliseResetCode,
  normaliseScopeCode,
  ROLE_SCOPE_KINDS,
  THROTTLE,
} from '../../src/domain/accounts.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { en } from '../../src/i18n/en.ts';
import { th } from '../../src/i18n/th.ts';
import { clientIp } from '../../src/use-cases/sessions.ts';

describe('phone numbers', () => {
  it('keeps digits, reads +66 as 0, and knows a Thai mobile', () => {
    expect(normalisePhone('081-234-5678')).toBe('0812345678');
    expect(normalisePhone(' 081 234 5678 ')).toBe('0812345678');
    expect(normalisePhone('+66 81 234 5678')).toBe('0812345678');
    expect(isThaiMobile('0812345678')).toBe(true);
    expect(isThaiMobile('0612345678')).toBe(true);
    expect(isThaiMobile('0212345678')).toBe(false); // Bangkok landline
    expect(isThaiMobile('081234567')).toBe(false);
  });

  it('shows 0xx-xxx-xxxx', () => {
    expect(formatPhone('0812345678')).toBe('081-234-5678');
    expect(formatPhone(null)).toBe('');
    expect(formatPhone('12345')).toBe('12345');
  });
});

describe('sign-in throttling', () => {
  const now = new Date('2026-01-10T03:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('stays open below the limit', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4)], THROTTLE.usernameLimit, now)).toBeNull();
  });

  it('pauses for 15 minutes after the last of 5 failures within 15 minutes', () => {
    const until = lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(14)], THROTTLE.usernameLimit, now);
    expect(until?.toISOString()).toBe(new Date(ago(1).getTime() + 15 * 60_000).toISOString());
  });

  it('does not pause when the failures are spread wider than the window, and ends on time', () => {
    expect(lockedUntil([ago(1), ago(2), ago(3), ago(4), ago(17)], THROTTLE.usernameLimit, now)).toBeNull();
    expect(lockedUntil([ago(15), ago(16), ago(17), ago(18), ago(19)], THROTTLE.usernameLimit, now)).toBeNull();
  });

  it('says the time in Bangkok', () => {
    expect(formatClockTime(new Date('2026-01-10T07:05:00Z'), 'th')).toBe('14:05');
    expect(formatClockTime(new Date('2026-01-10T07:05:00Z'), 'en')).toBe('14:05');
  });

  it('takes the client address from the first X-Forwarded-For entry only', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.5, 10.0.0.1' }))).toBe('203.0.113.5');
    expect(clientIp(new Headers())).toBeNull();
    expect(clientIp(new Headers({ 'x-forwarded-for': ' ' }))).toBeNull();
  });
});

describe('reset codes', () => {
  it('reads what people type and groups it for reading out', () => {
    expect(formatResetCode('12345678')).toBe('1234 5678');
    expect(normaliseResetCode(' 1234-5678 ')).toBe('12345678');
  });

  const chain = (fund: string, district = '3306') => ['TH', 'R10', '33', district, fund];
  const officer: Actor = { userId: 1, roles: [{ role: 'fund_officer', scopeCode: 'L0001' }] };
  const admin: Actor = { userId: 2, roles: [{ role: 'admin', scopeCode: 'TH' }] };

  it('lets a fund officer reset only people wholly within their funds', () => {
    expect(mayIssueReset(officer, { roles: [{ role: 'proposer', scopeCode: 'L0001' }], fundChains: [chain('L0001')] })).toBe(true);
    expect(mayIssueReset(officer, { roles: [], fundChains: [chain('L0001')] })).toBe(true); // by organisation
    expect(mayIssueReset(officer, { roles: [{ role: 'proposer', scopeCode: 'L0002' }], fundChains: [chain('L0002')] })).toBe(false);
    expect(
      mayIssueReset(officer, {
        roles: [
          { role: 'committee', scopeCode: 'L0001' },
          { role: 'committee', scopeCode: 'L0002' },
        ],
        fundChains: [chain('L0001'), chain('L0002')],
      }),
    ).toBe(false);
    expect(
      mayIssueReset(officer, {
        roles: [
          { role: 'proposer', scopeCode: 'L0001' },
          { role: 'mentor', scopeCode: '3306' },
        ],
        fundChains: [chain('L0001')],
      }),
    ).toBe(false);
    expect(mayIssueReset(officer, { roles: [{ role: 'admin', scopeCode: 'TH' }], fundChains: [chain('L0001')] })).toBe(false);
    expect(mayIssueReset(officer, { roles: [], fundChains: [] })).toBe(false);
  });

  it('lets an admin reset anyone, and no one else', () => {
    expect(mayIssueReset(admin, { roles: [{ role: 'admin', scopeCode: 'TH' }], fundChains: [] })).toBe(true);
    expect(mayIssueReset(null, { roles: [], fundChains: [chain('L0001')] })).toBe(false);
    const proposer: Actor = { userId: 3, roles: [{ role: 'proposer', scopeCode: 'L0001' }] };
    expect(mayIssueReset(proposer, { roles: [{ role: 'proposer', scopeCode: 'L0001' }], fundChains: [chain('L0001')] })).toBe(false);
  });
});

describe('role scopes', () => {
  it('has a scope kind for every role and normalises codes', () => {
    for (const role of ROLES) expect(ROLE_SCOPE_KINDS[role].length).toBeGreaterThan(0);
    expect(normaliseScopeCode(' r10 ')).toBe('R10');
    expect(normaliseScopeCode('l0001')).toBe('L0001');
  });
});

describe('the accounts catalogue', () => {
  it('has every accounts.* key the code uses, in Thai and English', () => {
    const files = [
      'src/use-cases/accounts.ts',
      'src/use-cases/api-tokens.ts',
      'app/routes/register.tsx',
      'app/routes/reset.tsx',
      'app/routes/account.tsx',
      'app/routes/account.password.tsx',
      'app/routes/account.tokens.tsx',
      'app/routes/account.people.tsx',
      'app/routes/admin.accounts.tsx',
      'app/routes/admin.accounts.$userId.tsx',
      'app/routes/sign-in.tsx',
      'app/components/reset-code.tsx',
    ];
    const used = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'(accounts\.[A-Za-z0-9_.]+)'/g)) used.add(match[1]!);
    }
    for (const role of ROLES) used.add(`accounts.error.scopeFor.${role}`);
    for (const type of [1, 2, 3, 4, 5, 6]) used.add(`accounts.orgType.${type}`);
    used.delete('accounts.manage'); // a policy action, not a message
    const missing = [...used].filter((key) => !(key in th) || !(key in en));
    expect(missing).toEqual([]);
  });
});
