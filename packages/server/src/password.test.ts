import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('accepts the password it hashed', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
  });

  it('refuses another password', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('battery staple', hash)).toBe(false);
  });

  it('salts every hash differently', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('generates passwords long enough to be safe', () => {
    expect(generatePassword().length).toBeGreaterThanOrEqual(20);
  });
});
