/**
 * Registered domains of services that are asked about files, addresses and URLs through DNS:
 * anti-virus cloud lookups and mail blocklists. Their names are long hashes or reversed addresses by
 * design, and nobody but the operator can run a name server under them.
 */
const reputationDomains = new Set([
  // Anti-virus and threat-intelligence lookups.
  'mcafee.com',
  'sophosxl.net',
  'sophosxl.com',
  'e5.sk',
  'cymru.com',
  'brightcloud.com',
  'avast.com',
  'avcdn.net',
  'trendmicro.com',
  'kaspersky-labs.com',
  'symantec.com',
  'norton.com',
  'webroot.com',
  'bitdefender.net',
  // Mail blocklists and allowlists (DNSBL, RHSBL, URIBL).
  'spamhaus.org',
  'spamhaus.net',
  'spamcop.net',
  'sorbs.net',
  'barracudacentral.org',
  'surbl.org',
  'uribl.com',
  'dnswl.org',
  'mailspike.net',
  'senderscore.com',
  'abuseat.org',
  'abuse.ch',
  'spameatingmonkey.net',
  'invaluement.com',
  'junkemailfilter.com',
  'manitu.net',
  'dronebl.org',
  'blocklist.de',
  'unsubscore.com',
  'nordspam.com',
  's5h.net',
  'surriel.com',
]);

/** True for a registered domain of a known reputation or blocklist service. */
export function isReputationService(domain: string): boolean {
  return reputationDomains.has(domain);
}
