import { type Finding, severityOf } from '../domain/finding.js';
import { withoutAddressSpace } from '../domain/warninglist-roles.js';
import type { Store } from '../store/store.js';
import { outranksAllowlist } from './detector-properties.js';
import { addressNames } from './shared/address-names-query.js';

/** How much a finding on a benign warninglisted destination keeps of its score. */
export const warninglistWeight = 0.3;

/** Names looked up per unnamed address: more than a few is shared hosting, and one unlisted name keeps it unlisted. */
export const maxNamesPerAddress = 8;

/**
 * The names the run's findings give each address. A detector that reads only conn (long
 * connections) knows the address, not the name; another finding on the same address may, and the
 * store's DNS answers, SNI and Host headers do.
 */
function namesByAddress(findings: readonly Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!f.endpointIp) continue;
    const listed = f.stats['names'];
    const names = [f.endpointDomain, ...(Array.isArray(listed) ? listed.map(String) : [])].filter(
      (n): n is string => typeof n === 'string' && n !== '' && n !== f.endpointIp,
    );
    if (names.length === 0) continue;
    const set = out.get(f.endpointIp) ?? new Set<string>();
    for (const n of names) set.add(n.toLowerCase());
    out.set(f.endpointIp, set);
  }
  return out;
}

/**
 * Down-weights and labels findings whose endpoint is on a benign MISP warninglist (public resolvers,
 * CDN and cloud ranges, top sites). They are kept, not dropped, so a C2 hidden in a cloud range is
 * still visible; findings of a detector that outranks the allowlist (threat intel) are left as they
 * are, because a live indicator wins. A finding naming only an address takes the names other
 * findings and the network's DNS, SNI and Host give it, and counts as listed only when every one of
 * them is: an address shared by a top site and an unlisted name stays unlisted.
 */
export async function labelWarninglisted(
  store: Store,
  findings: readonly Finding[],
  window: { readonly from?: string; readonly to?: string } = {},
  settings: { readonly weight: number; readonly maxNamesPerAddress: number } = {
    weight: warninglistWeight,
    maxNamesPerAddress,
  },
): Promise<Finding[]> {
  const borrowed = namesByAddress(findings);
  const scored = findings.filter((f) => !outranksAllowlist(f));
  const unnamed = scored.filter((f) => f.endpointIp && !f.endpointDomain).map((f) => f.endpointIp as string);
  const used = await addressNames(store.analytics, {
    ips: unnamed,
    maxNames: settings.maxNamesPerAddress,
    ...window,
  });
  for (const [ip, names] of used) {
    const set = borrowed.get(ip) ?? new Set<string>();
    for (const n of names) set.add(n.toLowerCase());
    borrowed.set(ip, set);
  }
  const values = [
    ...scored.flatMap((f) => [f.endpointIp, f.endpointDomain]),
    ...scored.flatMap((f) =>
      f.endpointIp && !f.endpointDomain ? [...(borrowed.get(f.endpointIp) ?? [])] : [],
    ),
  ].filter((v): v is string => typeof v === 'string');
  // Private and special-use ranges are what `--internal` decides: a finding's endpoint is outside it.
  const lists = new Map(
    [...(await store.intel.warninglistsOf([...new Set(values)]))]
      .map(([v, ls]) => [v, withoutAddressSpace(ls)] as const)
      .filter(([, ls]) => ls.length > 0),
  );
  if (lists.size === 0) return [...findings];
  const listsOfNames = (ip: string | null): string[] => {
    const names = [...(borrowed.get(ip ?? '') ?? [])];
    if (names.length === 0 || !names.every((n) => lists.has(n))) return [];
    return names.flatMap((n) => lists.get(n) ?? []);
  };
  return findings.map((f) => {
    if (outranksAllowlist(f)) return f;
    const byName = f.endpointDomain ? [] : listsOfNames(f.endpointIp);
    const on = [
      ...new Set([
        ...(lists.get(f.endpointIp ?? '') ?? []),
        ...(lists.get((f.endpointDomain ?? '').toLowerCase()) ?? []),
        ...byName,
      ]),
    ].sort();
    if (on.length === 0) return f;
    const score = Math.round(f.score * settings.weight * 1000) / 1000;
    const named = byName.length
      ? ` (${[...(borrowed.get(f.endpointIp ?? '') ?? [])].sort().join(', ')}, as the network names it)`
      : '';
    return {
      ...f,
      score,
      severity: severityOf(score),
      stats: { ...f.stats, warninglists: on, scoreBeforeWarninglist: f.score },
      explanation: `${f.explanation} Down-weighted: the destination${named} is on the ${on.join(', ')} warninglist${on.length > 1 ? 's' : ''}.`,
    };
  });
}
