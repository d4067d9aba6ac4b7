import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { typingIn } from './keys.js';

/** The "g then x" jumps. */
const jumps: Readonly<Record<string, { path: string; label: string }>> = {
  i: { path: '/', label: 'Incidents' },
  s: { path: '/search', label: 'Search' },
  n: { path: '/intel', label: 'Intel' },
  u: { path: '/ingest', label: 'Ingest' },
  t: { path: '/settings', label: 'Settings' },
};

const help: readonly [string, string][] = [
  ['j / k', 'next / previous row'],
  ['Enter', 'open the selected row'],
  ['/', 'focus the search box'],
  ...Object.entries(jumps).map(([k, j]): [string, string] => [`g ${k}`, `go to ${j.label}`]),
  ['?', 'show or hide this help'],
  ['Esc', 'close a dialog'],
];

/** The page-wide shortcuts, and the `?` help they list. */
export function Shortcuts() {
  const [, navigate] = useLocation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setShown(false);
      if (typingIn(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === '/') {
        const box = document.getElementById('global-search');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      } else if (e.key === '?') {
        setShown((s) => !s);
      } else if (e.key === 'g') {
        pendingG = Date.now();
      } else if (Date.now() - pendingG < 1500) {
        const jump = jumps[e.key];
        pendingG = 0;
        if (jump) {
          e.preventDefault();
          navigate(jump.path);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  if (!shown) return null;
  return (
    <div className="shortcuts" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-help">
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>
          {help.map(([k, what]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setShown(false)}>
        Close
      </button>
    </div>
  );
}
