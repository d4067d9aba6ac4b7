import { labelRandomness } from '../dns-names/name-randomness.js';
import { registeredDomain } from '../dns-names/registered-domain.js';

/** How the names under one domain look, from a sample of them. */
export interface NameShape {
  /** Mean length of the longest label left of the domain. */
  readonly longestLabel: number;
  /** Mean randomness of those labels, 0–1. */
  readonly randomness: number;
  /** Share of the names whose registered domain (private suffixes included) is `domain`. */
  readonly sameOwner: number;
}

/** The longest label of the part of `name` left of `domain` ('' when there is none). */
export function longestSubLabel(name: string, domain: string): string {
  const sub = name.endsWith(`.${domain}`) ? name.slice(0, -domain.length - 1) : '';
  return sub.split('.').reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Measures sampled names: tunnels put long random labels under one owner's domain. */
export function nameShape(samples: readonly string[], domain: string): NameShape {
  if (samples.length === 0) return { longestLabel: 0, randomness: 0, sameOwner: 0 };
  let length = 0;
  let randomness = 0;
  let same = 0;
  for (const name of samples) {
    const label = longestSubLabel(name, domain);
    length += label.length;
    randomness += labelRandomness(label);
    // A name equal to the domain is its own owner, whatever the suffix list says about deeper names.
    if (name === domain || registeredDomain(name, 'private') === domain) same++;
  }
  const n = samples.length;
  return { longestLabel: length / n, randomness: randomness / n, sameOwner: same / n };
}
