import { detectIndicator } from '../../../intel/indicators/normalize.js';
import { type IpRange, tryIpRange } from '../../../net/ip-range.js';
import type { IndicatorHit } from '../../../store/intel-store.js';
import type { SearchKind } from '../../../store/pivot/pivot-views-query.js';
import type { Store } from '../../../store/store.js';

/** A searched or looked-up value: its kind, normalised value, and address range for IPs and CIDRs. */
export interface ValueTarget {
  readonly kind: SearchKind;
  readonly value: string;
  /** The knowledge base's indicator type, when the value is one. */
  readonly indicatorType: string | null;
  readonly range: IpRange | null;
}

const ja4 = /^[tqd][0-9sid][0-9]{2}[di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/i;

/**
 * What a value is: a JA4 fingerprint, else what the indicator normaliser makes of it (address, CIDR,
 * domain, hash; defanged forms refanged), else plain text (a uid, a community id, a name).
 */
export function valueTarget(raw: string): ValueTarget {
  const text = raw.trim();
  if (ja4.test(text)) return { kind: 'ja4', value: text.toLowerCase(), indicatorType: 'ja4', range: null };
  const n = detectIndicator(text);
  if (!n.ok) return { kind: 'text', value: text, indicatorType: null, range: null };
  const kinds: Record<string, SearchKind> = {
    ipv4: 'ip',
    ipv6: 'ip',
    cidr: 'cidr',
    domain: 'domain',
    md5: 'md5',
    sha1: 'sha1',
    sha256: 'sha256',
  };
  const kind = kinds[n.type] ?? 'text';
  const range = kind === 'ip' || kind === 'cidr' ? tryIpRange(n.value) : null;
  return { kind, value: kind === 'text' ? text : n.value, indicatorType: n.type, range };
}

/** Knowledge-base indicators matching a value (a 32-hex value is also tried as a JA3). */
export async function intelHits(store: Store, t: ValueTarget): Promise<IndicatorHit[]> {
  const types = t.indicatorType ? [t.indicatorType] : [];
  if (t.kind === 'md5') types.push('ja3', 'ja3s');
  const hits: IndicatorHit[] = [];
  for (const type of types)
    hits.push(
      ...(await store.intel.searchIndicators({
        type,
        value: t.value,
        ipVersion: t.range?.v ?? null,
        ipLo: t.range?.lo ?? null,
        ipHi: t.range?.hi ?? null,
      })),
    );
  return hits;
}
