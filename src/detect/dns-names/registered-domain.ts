import { parse } from 'tldts';

/**
 * The public suffix list has an ICANN part (com, co.uk) and a private part (cloudfront.net,
 * duckdns.org, s3.amazonaws.com) listing where a provider hands names to its customers. Tunnel
 * grouping uses both: the private boundary is where control changes hands, so every CloudFront
 * distribution or dynamic-DNS user is its own domain instead of one giant "cloudfront.net" with
 * thousands of hashed subdomains. DGA scoring uses ICANN only: DGAs register names under real
 * TLDs, and a dead CloudFront distribution is not a random registration.
 */
export type SuffixMode = 'private' | 'icann';

/** The registered domain of a name (lower-case, no trailing dot), or null for suffixes, IPs and bare labels. */
export function registeredDomain(name: string, mode: SuffixMode = 'private'): string | null {
  const p = parse(name, { allowPrivateDomains: mode === 'private' });
  if (p.isIp || !p.domain) return null;
  return p.domain;
}

/** True when the name is itself a public suffix (co.uk, cloudfront.net): its domains are one label deeper. */
export function isPublicSuffix(name: string): boolean {
  const p = parse(name, { allowPrivateDomains: true });
  return !p.isIp && p.domain === null && p.publicSuffix === name;
}

/** A name split at its ICANN registered domain, for DGA scoring; null when it has no real TLD. */
export interface IcannParts {
  readonly domain: string;
  /** The label the registrant chose (`example` in `www.example.co.uk`). */
  readonly label: string;
  readonly suffix: string;
}

/** Splits a name under a real ICANN suffix; names under unknown TLDs (corp.local, pirate.sea) give null. */
export function icannParts(name: string): IcannParts | null {
  const p = parse(name, { allowPrivateDomains: false });
  if (p.isIp || !p.isIcann || !p.domain || !p.domainWithoutSuffix || !p.publicSuffix) return null;
  return { domain: p.domain, label: p.domainWithoutSuffix, suffix: p.publicSuffix };
}
