import { describe, expect, it } from 'vitest';
import { hashPassword, UNUSABLE_HASH, verifyPassword } from '../../src/auth/password.ts';

describe('password hashing', () => {
  it('verifies the right password, rejects others, and salts every hash', async () => {
    const hash = await hashPassword('รหัสผ่าน-ยาวพอ');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('รหัสผ่าน-ยาวพอ', hash)).toBe(true);
    expect(await verifyPassword('รหัสผ่าน-ยาวพอx', hash)).toBe(false);
    expect(await hashPassword('รหัสผ่าน-ยาวพอ')).not.toBe(hash);
  });

  it('matches nothing against the unusable hash or a malformed one', async () => {
    expect(await verifyPassword('', UNUSABLE_HASH)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
