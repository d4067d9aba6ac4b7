import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, get, setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import type { Me, Role, UserInfo } from '../api/types.js';

const rank: Readonly<Record<Role, number>> = { viewer: 0, analyst: 1, admin: 2 };

export interface Auth {
  readonly me: Me | null;
  readonly error: unknown;
  /** True when the server wants a login and we have none. */
  readonly needsLogin: boolean;
  /** True when the current principal holds at least `role`. */
  can(role: Role): boolean;
  login(name: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** The session: GET /auth/me on load, the CSRF token for writes, and a login page on any 401. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a refresh
  useEffect(() => {
    get<Me>('/auth/me')
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
        setError(null);
      })
      .catch((e: unknown) => setError(e));
  }, [tick]);

  useEffect(() => {
    setUnauthorizedHandler(() =>
      setMe({ user: null, role: null, via: null, csrfToken: null, authRequired: true }),
    );
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (name: string, password: string) => {
    const r = await api<{ user: UserInfo; csrfToken: string }>('POST', '/auth/login', {
      body: { name, password },
    });
    setCsrfToken(r.csrfToken);
    setMe({ user: r.user, role: r.user.role, via: 'session', csrfToken: r.csrfToken, authRequired: true });
  }, []);

  const logout = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setTick((t) => t + 1);
  }, []);

  const value = useMemo<Auth>(
    () => ({
      me,
      error,
      needsLogin: me?.authRequired === true && me.user === null,
      can: (role) => {
        const held = me?.role ?? me?.user?.role ?? null;
        return held !== null && rank[held] >= rank[role];
      },
      login,
      logout,
      refresh: () => setTick((t) => t + 1),
    }),
    [me, error, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session of the page. */
export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
