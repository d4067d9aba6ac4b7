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
