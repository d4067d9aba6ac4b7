import { basename } from 'node:path';

/** How a plain list's lines are read. */
export type ListMode = 'indicators' | 'filename-regex' | 'keyword';

/**
 * LOKI's file-name lists (`regex;score`) and keyword lists hold host-side patterns, not network
 * indicators; they are told by their file name or by the header LOKI writes at their top.
 */
export function listModeOf(path: string, head: string): ListMode {
  const name = basename(path).toLowerCase();
  const top = head.slice(0, 2048);
  if (/filename[-_]?iocs?/.test(name) || /File Name Characteristics|REGEX;SCORE/i.test(top))
    return 'filename-regex';
  if (/(^|[-_.])keywords?([-_.]|$)/.test(name) || /^#\s*(MALICIOUS\s+)?KEYWORDS\b/im.test(top))
    return 'keyword';
  return 'indicators';
}

/** A LOKI entry: anything, then `;` and a score of up to three digits, then optional fields. */
export const lokiEntryRe = /^[^;\s][^;]*;\d{1,3}(;.*)?$/;
