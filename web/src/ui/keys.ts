import { useEffect, useRef, useState } from 'react';

/** True when a key press belongs to a text field, not to the page's shortcuts. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * j/k move a selection through a list of `length` rows and Enter opens the selected one. The row
 * element with `data-row={index}` is scrolled into view and focused, so the focus ring shows it.
 */
export function useListKeys(length: number, open: (index: number) => void): number {
  const [selected, setSelected] = useState(-1);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      let next: number | null = null;
      if (e.key === 'j') next = Math.min(length - 1, selected + 1);
      else if (e.key === 'k') next = Math.max(0, selected - 1);
      else if (
        e.key === 'Enter' &&
        selected >= 0 &&
        selected < length &&
        !(e.target instanceof HTMLAnchorElement)
      ) {
        e.preventDefault();
        openRef.current(selected);
        return;
      }
      if (next === null || length === 0) return;
      e.preventDefault();
      setSelected(next);
      const row = document.querySelector<HTMLElement>(`[data-row="${next}"]`);
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [length, selected]);
  return selected;
}
