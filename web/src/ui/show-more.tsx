import { type ReactNode, useState } from 'react';

/**
 * The first `first` items of a long list, and a button for the rest: a thousand-host incident
 * should not put thousands of rows in the DOM before the analyst asks for them.
 */
export function useShowMore<T>(items: readonly T[], first: number): { shown: readonly T[]; more: ReactNode } {
  const [all, setAll] = useState(false);
  if (all || items.length <= first) return { shown: items, more: null };
  return {
    shown: items.slice(0, first),
    more: (
      <button type="button" onClick={() => setAll(true)}>
        Show all {items.length}
      </button>
    ),
  };
}
