import { ensureWarninglists } from '../intel/warninglists/seed-snapshot.js';
import {
  describeWarninglistStatus,
  type WarninglistStatus,
  warninglistWarning,
} from '../intel/warninglists/warninglist-status.js';
import type { Store } from '../store/store.js';
import { printError } from './output.js';

/** The warninglists a hunt or detection ran with, for the terminal and for JSON. */
export interface WarninglistNotice {
  readonly status: WarninglistStatus;
  /** "warninglists: shipped snapshot of 2026-08-20 (23 lists)". */
  readonly line: string;
  /** One line when they are missing or older than 90 days, else null. */
  readonly warning: string | null;
}

/**
 * Installs the shipped snapshot into a store without warninglists (see `ensureWarninglists`) and
 * says what the run will use. A failed install is reported and the run goes on without it.
 */
export async function prepareWarninglists(
  store: Store,
  opts: { readonly staleAfterDays?: number } = {},
): Promise<WarninglistNotice> {
  const { status, seeded } = await ensureWarninglists(store);
  if (seeded?.error)
    printError(`mamori: the shipped warninglist snapshot was not installed: ${seeded.error.message}`);
  return {
    status,
    line: describeWarninglistStatus(status),
    warning: warninglistWarning(status, opts.staleAfterDays),
  };
}

/** The one line a terminal summary ends with: the warning if there is one, else what was used. */
export function noticeLine(n: WarninglistNotice): string {
  return n.warning ?? n.line;
}
