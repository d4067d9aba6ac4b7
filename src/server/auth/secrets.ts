import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of API token secrets, so they are easy to spot in logs and secret scanners. */
export const apiTokenPrefix = 'mam_';

/** A new API token secret: `mam_` and 32 random bytes in base64url. */
export function newApiTokenSecret(): string {
  return `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/** A random secret for a session cookie, a CSRF token or the local CLI token. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What the store keeps of a secret: its SHA-256, hex. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
