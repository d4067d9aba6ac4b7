import type { Principal, SessionRecord, StoredUser } from '../../domain/identity.js';
import type { ServerContext } from '../server-context.js';
import { LoginLimiter } from './login-limiter.js';
import { hostOfHeader, isLoopbackHost } from './loopback.js';
import { verifyPassword } from './password-hash.js';
import { anonymousPrincipal, localPrincipal, userPrincipal } from './principals.js';
import { apiTokenPrefix, newSecret, sameSecret, secretHash } from './secrets.js';
import { sessionCookieName } from './session-exchange.js';

/** How the server authenticates. */
export interface AuthOptions {
  /** The bearer token of server.json (the local CLI). */
  readonly localToken: string;
  /** The server listens on loopback addresses only (anonymous mode is possible). */
  readonly loopbackOnly: boolean;
  /** Cookies get `Secure` (the server speaks TLS). */
  readonly secureCookies: boolean;
  readonly sessionHours: number;
  readonly loginAttemptsPerMinute: number;
}

/** What a request presented. */
export interface Credentials {
  readonly authorization: string | undefined;
  readonly sessionSecret: string | undefined;
  readonly host: string | undefined;
  readonly origin: string;
}

/** Who a request is, or why it is nobody. */
export type Authentication =
  | { readonly ok: true; readonly principal: Principal; readonly session: SessionRecord | null }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'rate-limited'; readonly message: string };

const failed = (reason: 'missing' | 'invalid' | 'rate-limited', message: string): Authentication => ({
  ok: false,
  reason,
  message,
});

/** Sessions, tokens, Basic and the local token: one per server (its limiter and anonymous CSRF token). */
export class AuthService {
  readonly limiter: LoginLimiter;
  /** What a browser sends in X-CSRF-Token on writes in anonymous mode (read from GET /auth/me). */
  readonly anonymousCsrf = newSecret();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly ctx: ServerContext,
    readonly opts: AuthOptions,
  ) {
    this.limiter = new LoginLimiter(opts.loginAttemptsPerMinute);
  }

  /** Anonymous mode: no user exists, the server listens on loopback only and was asked by a loopback name. */
  async anonymousAllowed(hostHeader: string | undefined): Promise<boolean> {
    // The Host check stops DNS rebinding: a page of evil.example resolving to 127.0.0.1 says so in Host.
    if (!this.opts.loopbackOnly || !isLoopbackHost(hostOfHeader(hostHeader))) return false;
    return (await this.ctx.read((s) => s.identity.countUsers())) === 0;
  }

  /** Resolves the request's credentials; anonymous mode applies only when none were presented. */
  async authenticate(c: Credentials): Promise<Authentication> {
    const auth = c.authorization?.trim();
    if (auth) {
      const space = auth.indexOf(' ');
      const scheme = (space < 0 ? auth : auth.slice(0, space)).toLowerCase();
      const value = space < 0 ? '' : auth.slice(space + 1).trim();
      if (scheme === 'bearer') return this.bearer(value);
      if (scheme === 'basic') return this.basic(value, c.origin);
      return failed(
        'invalid',
        `unsupported authorization scheme ${scheme.slice(0, 20)}: use Bearer or Basic`,
      );
    }
    if (c.sessionSecret) {
      const s = await this.session(c.sessionSecret);
      if (s.ok || !(await this.anonymousAllowed(c.host))) return s;
    }
    if (await this.anonymousAllowed(c.host))
      return { ok: true, principal: anonymousPrincipal, session: null };
    return failed(
      'missing',
      'log in first (POST /api/v1/auth/login), or send an API token (Authorization: Bearer)',
    );
  }

  /** A user by name and password, counting failures against the client address. */
  async checkPassword(
    name: string,
    password: string,
    origin: string,
  ): Promise<
    { user: StoredUser } | { error: 'rate-limited'; retryAfter: number } | { error: 'wrong' | 'disabled' }
  > {
    const retryAfter = this.limiter.retryAfter(origin);
    if (retryAfter > 0) return { error: 'rate-limited', retryAfter };
    const user = await this.ctx.read((s) => s.identity.getUserByName(name));
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    if (!ok || !user) {
      this.limiter.fail(origin);
      return { error: 'wrong' };
    }
    if (user.disabled) return { error: 'disabled' };
    this.limiter.succeed(origin);
    return { user };
  }

  /** Opens a session for a user; the cookie gets `secret`, the store its hash. */
  async openSession(user: StoredUser): Promise<{ secret: string; record: SessionRecord }> {
    const secret = newSecret();
    const now = new Date();
    const record: SessionRecord = {
      idHash: secretHash(secret),
      userId: user.id,
      csrfToken: newSecret(24),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.opts.sessionHours * 3_600_000).toISOString(),
    };
    await this.ctx.write('session.open', (s) => s.identity.createSession(record));
    return { secret, record };
  }

  /** The Set-Cookie value of a session (an empty secret clears it). */
  cookie(secret: string, expiresAt: string | null): string {
    const parts = [`${sessionCookieName}=${secret}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
    if (this.opts.secureCookies) parts.push('Secure');
    parts.push(expiresAt ? `Expires=${new Date(expiresAt).toUTCString()}` : 'Max-Age=0');
    return parts.join('; ');
  }

  private async session(secret: string): Promise<Authentication> {
    const now = new Date();
    const found = await this.ctx.read(async (s) => {
      const session = await s.identity.getSession(secretHash(secret), now);
      return session ? { session, user: await s.identity.getUser(session.userId) } : null;
    });
    if (!found?.user || found.user.disabled) return failed('invalid', 'your session has ended: log in again');
    return { ok: true, principal: userPrincipal(found.user, 'session'), session: found.session };
  }

  private async bearer(secret: string): Promise<Authentication> {
    if (sameSecret(secret, this.opts.localToken))
      return { ok: true, principal: localPrincipal, session: null };
    return this.token(secret, null);
  }

  private async token(secret: string, userName: string | null): Promise<Authentication> {
    const now = new Date();
    const found = await this.ctx.read(async (s) => {
      const token = await s.identity.findToken(secretHash(secret), now);
      return token ? { token, user: await s.identity.getUser(token.userId) } : null;
    });
    if (!found?.user || found.user.disabled || (userName !== null && found.user.name !== userName))
      return failed('invalid', 'unknown, expired or revoked API token');
    this.touch(found.token.id, now);
    return { ok: true, principal: userPrincipal(found.user, 'token', found.token.role), session: null };
  }

  /** HTTP Basic (TAXII clients): a user's password, or an API token as the password. */
  private async basic(value: string, origin: string): Promise<Authentication> {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return failed('invalid', 'malformed Basic credentials');
    const name = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (password.startsWith(apiTokenPrefix)) return this.token(password, name);
    const r = await this.checkPassword(name, password, origin);
    // Basic is a script's credential, like a token: no cookie, so no CSRF token either.
    if ('user' in r) return { ok: true, principal: userPrincipal(r.user, 'token'), session: null };
    if (r.error === 'rate-limited')
      return failed('rate-limited', `too many failed logins: retry in ${r.retryAfter} s`);
    return failed(
      'invalid',
      r.error === 'disabled' ? 'this account is disabled' : 'wrong user name or password',
    );
  }

  /** Records a token's last use, at most every five minutes, without holding up the request. */
  private touch(id: string, now: Date): void {
    const last = this.touched.get(id) ?? 0;
    if (now.getTime() - last < 300_000) return;
    this.touched.set(id, now.getTime());
    this.ctx
      .write('token.touch', (s) => s.identity.touchToken(id, now.toISOString()))
      .catch(() => {
        // Last use is informative; a failed write must not fail the request.
      });
  }
}
