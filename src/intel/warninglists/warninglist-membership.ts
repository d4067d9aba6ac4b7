import { warninglistSuppresses } from '../../domain/warninglist-roles.js';
import { plural } from '../../plural.js';
import type { Store } from '../../store/store.js';
import type { IndicatorType } from '../model.js';
import { readWholeText } from '../read-text.js';
import { snapshotDisabled } from './seed-snapshot.js';
import { buildWarninglistMatcher } from './warninglist-matcher.js';
import { parseSnapshot, shippedSnapshotPath, snapshotRecord } from './warninglist-snapshot.js';
import { describeWarninglistStatus, warninglistStatus } from './warninglist-status.js';

/** The warninglists a value is on, and which warninglists were asked. */
export interface WarninglistMembership {
  /** Each list holding the value; `benign` lists mark it benign, the others only give context. */
  readonly lists: readonly { readonly name: string; readonly benign: boolean }[];
  /** What was consulted: "warninglists: shipped snapshot of 2026-08-20 (23 lists)". */
  readonly consulted: string;
}

/** Options of `warninglistMembership` (tests point it at another snapshot). */
export interface MembershipOptions {
  readonly snapshotPath?: string | null;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Which warninglists hold a normalised value, whether or not it is an indicator. The store's lists
 * answer when it has any; a store that has none yet (nothing has run that installs the snapshot)
 * is answered from the shipped snapshot, read in memory, since a search opens the store read-only.
 */
export async function warninglistMembership(
  store: Store,
  type: IndicatorType,
  value: string,
  opts: MembershipOptions = {},
): Promise<WarninglistMembership> {
  const origins = await store.intel.warninglistOrigins();
  let names: string[] = [];
  let consulted = describeWarninglistStatus(warninglistStatus(origins));
  if (origins.length > 0) {
    const host = type === 'url' ? urlHost(value) : null;
    const found = await store.intel.warninglistsOf(host ? [value, host] : [value], { context: true });
    names = [...new Set([...found.values()].flat())].sort();
  } else {
    const file = opts.snapshotPath === undefined ? shippedSnapshotPath() : opts.snapshotPath;
    if (file && !snapshotDisabled(opts.env)) {
      const snapshot = parseSnapshot(await readWholeText(file), file);
      names = buildWarninglistMatcher(snapshot.lists.map(snapshotRecord)).match(type, value).sort();
      consulted = `warninglists: shipped snapshot of ${snapshot.date} (${plural(snapshot.lists.length, 'list')})`;
    }
  }
  return { lists: names.map((name) => ({ name, benign: warninglistSuppresses(name) })), consulted };
}

function urlHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || null;
  } catch {
    return null;
  }
}
