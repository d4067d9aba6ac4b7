import type { WarninglistOrigin } from '../../store/intel-store.js';

/** Prefix of the source label the shipped snapshot is stored under; the snapshot's date follows it. */
export const snapshotSourcePrefix = 'warninglist-snapshot-';

/** Warninglists older than this many days draw a warning from hunt and detect. */
export const staleAfterDays = 90;

/** How a user brings the warninglists up to date, online or from a mirror. */
export const refreshAdvice =
  'refresh with `mamori intel update`, or offline `mamori intel import DIR` from a copy of MISP/misp-warninglists (DIR/lists/<name>/list.json, or DIR/<name>.json)';

/** What the store's warninglists are, and how old. */
export interface WarninglistStatus {
  readonly lists: number;
  /** Lists from the shipped snapshot, and its date (YYYY-MM-DD). */
  readonly snapshot: { readonly lists: number; readonly date: string } | null;
  /** Lists imported from the lists themselves (`intel update`, `intel import`), and the oldest import day. */
  readonly imported: { readonly lists: number; readonly date: string } | null;
  /** The oldest of those dates: what the data is as of. */
  readonly asOf: string | null;
  /** Whole days from `asOf` to now. */
  readonly ageDays: number | null;
}

/** The snapshot date in a source label the seed wrote, or null for any other source. */
export function snapshotDateOf(source: string): string | null {
  const m = /^warninglist-snapshot-(\d{4}-\d{2}-\d{2})$/.exec(source);
  return m?.[1] ?? null;
}

/**
 * Sums the store's warninglist sources. A snapshot is dated by its own date, not by when it was
 * installed; lists imported from files by the day they were imported (a list file carries no date).
 */
export function warninglistStatus(
  origins: readonly WarninglistOrigin[],
  now = new Date(),
): WarninglistStatus {
  const sum = (rows: readonly { lists: number; date: string }[]) =>
    rows.length === 0
      ? null
      : { lists: rows.reduce((a, r) => a + r.lists, 0), date: rows.map((r) => r.date).sort()[0] as string };
  const dated = origins.map((o) => ({
    lists: o.lists,
    snapshot: snapshotDateOf(o.source) !== null,
    date: snapshotDateOf(o.source) ?? (o.importedAt ?? '').slice(0, 10),
  }));
  const snapshot = sum(dated.filter((d) => d.snapshot));
  const imported = sum(dated.filter((d) => !d.snapshot));
  const asOf = [snapshot?.date, imported?.date].filter((d): d is string => !!d).sort()[0] ?? null;
  const ageDays =
    asOf === null ? null : Math.floor((now.getTime() - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
  return { lists: (snapshot?.lists ?? 0) + (imported?.lists ?? 0), snapshot, imported, asOf, ageDays };
}

/** One line naming what the warninglists are: "warninglists: shipped snapshot of 2026-08-20 (23 lists)". */
export function describeWarninglistStatus(s: WarninglistStatus): string {
  const lists = (n: number) => `${n} list${n === 1 ? '' : 's'}`;
  const imported = s.imported ? `${lists(s.imported.lists)} imported ${s.imported.date}` : null;
  if (!s.snapshot) return `warninglists: ${imported ?? 'none'}`;
  if (!imported) return `warninglists: shipped snapshot of ${s.snapshot.date} (${lists(s.snapshot.lists)})`;
  return `warninglists: ${imported}, and ${s.snapshot.lists} from the shipped snapshot of ${s.snapshot.date}`;
}

/**
 * The warning hunt and detect print, or null when the warninglists are there and fresh: none at all
 * (nothing is down-weighted as CDN, cloud, top site or public resolver), or older than 90 days.
 */
export function warninglistWarning(s: WarninglistStatus, staleDays = staleAfterDays): string | null {
  if (s.lists === 0)
    return `No warninglists are installed, so CDN, cloud, top-site and public-resolver traffic is not down-weighted: ${refreshAdvice}.`;
  if (s.ageDays !== null && s.ageDays > staleDays)
    return `The warninglists are ${s.ageDays} days old (${describeWarninglistStatus(s)
      .replace(/^warninglists: /, '')
      .replace(/ \((\d+ lists?)\)$/, ', $1')}): ${refreshAdvice}.`;
  return null;
}
