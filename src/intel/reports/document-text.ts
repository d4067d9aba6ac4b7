/** A document reduced to the text a reader sees, with what its markup said about it. */
export interface DocumentText {
  readonly text: string;
  readonly title?: string;
  /** Canonical address of the document (HTML `<link rel=canonical>` or `og:url`). */
  readonly url?: string;
  /** ISO 8601 publication time from meta tags or front matter. */
  readonly published?: string;
}

/** Collapses runs of spaces inside lines and of blank lines, and trims each line. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t\f\v ]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An ISO time for a date string a page states, or undefined when it is not a date. */
export function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}|^\d{4}\/\d{2}\/\d{2}|^[A-Z][a-z]+,? \d/.test(s)) return undefined;
  const ms = Date.parse(s.replace(/\//g, '-'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Whether a string is an absolute http(s) address. */
export function isWebUrl(s: string | undefined): s is string {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
