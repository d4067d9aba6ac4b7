import { type IpRange, parseIpv4Block, tryIpRange } from '../../net/ip-range.js';

/**
 * A set of IPv4 and IPv6 blocks kept as sorted, merged, non-overlapping ranges, so that a lookup is
 * one binary search. IPv4 bounds are plain numbers (faster to compare); IPv6 bounds are bigints.
 */
export class CidrSet {
  private readonly v4lo: Float64Array;
  private readonly v4hi: Float64Array;
  private readonly v6lo: bigint[];
  private readonly v6hi: bigint[];

  /** Builds the set from addresses and CIDRs; entries that are neither go to `onSkip`. */
  constructor(entries: Iterable<string>, onSkip?: (entry: string, reason: string) => void) {
    const v4: { lo: number; hi: number }[] = [];
    const v6: IpRange[] = [];
    for (const entry of entries) {
      const b = parseIpv4Block(entry);
      if (b) {
        v4.push(b);
        continue;
      }
      const r = tryIpRange(entry);
      if (!r) onSkip?.(entry, 'not an IP address or CIDR');
      else if (r.v === 4) v4.push({ lo: Number(r.lo), hi: Number(r.hi) });
      else v6.push(r);
    }
    const [lo4, hi4] = mergeRanges(v4, (x) => x + 1);
    this.v4lo = Float64Array.from(lo4);
    this.v4hi = Float64Array.from(hi4);
    [this.v6lo, this.v6hi] = mergeRanges(v6, (x) => x + 1n);
  }

  /** Number of merged ranges (IPv4 and IPv6). */
  get rangeCount(): number {
    return this.v4lo.length + this.v6lo.length;
  }

  /** Whether the whole address or network lies inside the set. */
  covers(range: IpRange): boolean {
    if (range.v === 4) return inside(this.v4lo, this.v4hi, Number(range.lo), Number(range.hi));
    return inside(this.v6lo, this.v6hi, range.lo, range.hi);
  }

  /** Whether the IPv4 block `lo`–`hi` (as from `parseIpv4Block`) lies inside the set. */
  coversIpv4(lo: number, hi: number): boolean {
    return inside(this.v4lo, this.v4hi, lo, hi);
  }
}

/** Sorts ranges and joins overlapping or adjacent ones; returns parallel lo/hi arrays. */
function mergeRanges<T extends number | bigint>(ranges: { lo: T; hi: T }[], next: (x: T) => T): [T[], T[]] {
  ranges.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const lo: T[] = [];
  const hi: T[] = [];
  for (const r of ranges) {
    const last = hi.length - 1;
    const lastHi = hi[last];
    // Adjacent blocks join too: the next block starts right after the last one ends.
    if (lastHi !== undefined && r.lo <= next(lastHi)) {
      if (r.hi > lastHi) hi[last] = r.hi;
    } else {
      lo.push(r.lo);
      hi.push(r.hi);
    }
  }
  return [lo, hi];
}

/** Binary search for the last range starting at or before `lo`; it must also reach `hi`. */
function inside<T extends number | bigint>(los: ArrayLike<T>, his: ArrayLike<T>, lo: T, hi: T): boolean {
  let a = 0;
  let b = los.length - 1;
  let found = -1;
  while (a <= b) {
    const mid = (a + b) >>> 1;
    if ((los[mid] as T) <= lo) {
      found = mid;
      a = mid + 1;
    } else {
      b = mid - 1;
    }
  }
  return found >= 0 && (his[found] as T) >= hi;
}
