import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../auth/auth-context.js';
import { T } from './safe-text.js';
import { applyTheme, storedTheme, type ThemeChoice } from './theme.js';

const nav: readonly { path: string; label: string }[] = [
  { path: '/', label: 'Incidents' },
  { path: '/search', label: 'Search' },
  { path: '/intel', label: 'Intel' },
  { path: '/ingest', label: 'Ingest' },
  { path: '/settings', label: 'Settings' },
];

const nextTheme: Readonly<Record<ThemeChoice, ThemeChoice>> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
};

function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  const cycle = () => {
    const next = nextTheme[choice];
    applyTheme(next);
    setChoice(next);
  };
  return (
    <button
      type="button"
      className="ghost"
      onClick={cycle}
      title="Switch between light, dark and the system theme"
    >
      Theme: {choice}
    </button>
  );
}

function SearchBox() {
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <search className="global-search">
      <form onSubmit={submit}>
        <input
          id="global-search"
          type="search"
          placeholder="Search IP, CIDR, domain, hash, JA3  ( / )"
          aria-label="Search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </form>
    </search>
  );
}

/** The header (navigation, search, theme, user) around every page. */
export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const auth = useAuth();
  const user = auth.me?.user;
  return (
    <div className="app">
      <header className="top">
        <Link href="/" className="brand">
          mamori
        </Link>
        <nav aria-label="Main">
          {nav.map((n) => (
            <Link
              key={n.path}
              href={n.path}
              className={(n.path === '/' ? location === '/' : location.startsWith(n.path)) ? 'active' : ''}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <SearchBox />
        <ThemeToggle />
        {user ? (
          <span className="user">
            <T v={user.displayName || user.name} max={24} /> <span className="muted">({user.role})</span>{' '}
            <button type="button" className="ghost" onClick={() => void auth.logout()}>
              Log out
            </button>
          </span>
        ) : (
          <span className="muted">{auth.me?.role ? `local ${auth.me.role}` : ''}</span>
        )}
        <span className="muted hint">? for shortcuts</span>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}
