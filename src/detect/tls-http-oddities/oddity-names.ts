/** The TLS and HTTP oddities counted per host ↔ endpoint, as the aggregate computes them. */
export const oddityNames = [
  'selfSigned',
  'placeholderCert',
  'expiredCert',
  'invalidCert',
  'noSni',
  'rareFingerprint',
  'missingHost',
  'postToRawIp',
  'rareUserAgent',
  'mimicUserAgent',
  'noUserAgent',
  'gatePost',
] as const;
/** One of the oddities. */
export type OddityName = (typeof oddityNames)[number];
