import type { SessionRecord, User } from '../../domain/identity.js';

/** Name of the browser session cookie. */
export const sessionCookieName = 'mamori_session';

/**
 * The session plumbing a request hands to the auth routes (login, logout, me): cookies are an HTTP
 * matter the other routes never see.
 */
export interface SessionExchange {
  /** The browser session this request came with, if any. */
  readonly current: SessionRecord | null;
  /** False in anonymous mode (no users, loopback only). */
  readonly authRequired: boolean;
  /** The CSRF token a browser must send on writes: its session's, or the anonymous mode's. */
  readonly csrfToken: string | null;
  /** Checks the password, opens a session and sets its cookie; audits success and failure. */
  login(name: string, password: string): Promise<{ user: User; csrfToken: string }>;
  /** Ends the request's session (if any) and clears the cookie. */
  logout(): Promise<void>;
}
