import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';
import { hostOfHeader, isLoopbackHost } from './loopback.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { newApiTokenSecret, sameSecret, secretHash } from './secrets.js';

describe('15.7: auth primitives', () => {
  it('15.7: scrypt hashes are scrypt$N$r$p$salt$hash, salted, and verify only the right password', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('correct horse')).not.toBe(h);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct horsE', h)).toBe(false);
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    // A tampered cost cannot ask for gigabytes.
    expect(await verifyPassword('correct horse', h.replace('$32768$', '$1073741824$'))).toBe(false);
  });

  it('15.7: token secrets are mam_ + 32 bytes; the store sees SHA-256; comparison is by value', () => {
    const s = newApiTokenSecret();
    expect(s).toMatch(/^mam_[A-Za-z0-9_-]{43}$/);
    expect(secretHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameSecret(s, s)).toBe(true);
    expect(sameSecret(s, `${s}x`)).toBe(false);
  });

  it('15.7: the login limiter refuses after N failures in a minute, and forgets after it', () => {
    let now = 0;
    const l = new LoginLimiter(2, () => now);
    expect(l.retryAfter('a')).toBe(0);
    l.fail('a');
    now = 10_000;
    l.fail('a');
    expect(l.retryAfter('a')).toBe(50);
    expect(l.retryAfter('b')).toBe(0);
    now = 60_001;
    expect(l.retryAfter('a')).toBe(0);
    l.fail('a');
    l.succeed('a');
    expect(l.retryAfter('a')).toBe(0);
  });

  it('15.7: loopback means 127.0.0.0/8, ::1 and localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      '127.0.0.256',
      'localhost.evil.example',
      'evil.example',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(hostOfHeader('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostOfHeader('[::1]:8080')).toBe('::1');
    expect(hostOfHeader('localhost')).toBe('localhost');
  });
});
