/**
 * Warninglists that describe infrastructure attackers use as much as anyone: dynamic DNS
 * providers (APT10's 3322.org C2 names), VPN and VPS ranges, URL shorteners, IP-echo services,
 * sandboxes and sinkholes (a host talking to a sinkhole is likely infected). A value on one of
 * them is labelled with it but still matched; every other list marks values as benign.
 */
export const contextWarninglists: ReadonlySet<string> = new Set([
  'dynamic-dns',
  'vpn-ipv4',
  'url-shortener',
  'whats-my-ip',
  'automated-malware-analysis',
  'sinkholes',
]);

/** Whether a value on this list is treated as benign and never matched as malicious. */
export function warninglistSuppresses(name: string): boolean {
  return !contextWarninglists.has(name);
}

/**
 * Lists of address space: private, shared, documentation, special-use and link-local ranges. They
 * say an address is not on the internet, which the monitored networks (`--internal`) decide for each
 * run instead: a private address outside them is a server like any other (a lab or red-team C2 at
 * 10.2.0.5), and one inside them never becomes an endpoint at all.
 */
export const addressSpaceWarninglists: ReadonlySet<string> = new Set([
  'rfc1918',
  'rfc5735',
  'rfc6598',
  'ipv6-linklocal',
]);

/** The lists that still say something about a server once the monitored networks are known. */
export function withoutAddressSpace(lists: readonly string[]): string[] {
  return lists.filter((l) => !addressSpaceWarninglists.has(l));
}
