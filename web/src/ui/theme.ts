/** Light and dark themes: the system preference, unless the user picked one (kept in localStorage). */

export type ThemeChoice = 'light' | 'dark' | 'system';
const key = 'mamori.theme';

/** The stored choice; `system` when none. */
export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(key);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Applies a choice to <html data-theme> (the CSS reads it) and stores it. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(key);
    else localStorage.setItem(key, choice);
  } catch {
    // private mode: the choice lasts this page only
  }
}

/** The theme actually shown, for canvases (graph, charts) that cannot read CSS variables live. */
export function effectiveTheme(): 'light' | 'dark' {
  const set = document.documentElement.getAttribute('data-theme');
  if (set === 'light' || set === 'dark') return set;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
