import { harmlessExtensions, type PayloadKind } from './payload-types.js';

/** The scoring knobs of payload-delivery, in one place (README.md explains each). */
export const payloadConfig = {
  /** Servers more internal hosts than this reach are everyday download sites. */
  maxHosts: 3,
  /** What each kind of payload from a server only this host reaches scores. */
  base: { executable: 0.35, script: 0.35, document: 0.25, archive: 0.2, pdf: 0.15 } as Record<
    PayloadKind,
    number
  >,
  /** Added for an executable behind a harmless-looking extension (an image, a stylesheet…). */
  disguise: 0.1,
  /** Added when the server has no name: an address typed into a URL. */
  rawAddress: 0.05,
  /** What the score keeps per further internal host reaching the server. */
  perExtraHost: 0.85,
  /**
   * The ceiling, under the incident threshold (0.5): people download documents and installers from
   * odd sites all day. A download matters when an intrusion follows it, which correlation judges.
   */
  cap: 0.45,
};

export interface PayloadFacts {
  readonly kinds: readonly string[];
  readonly executableExtensions: readonly string[];
  /** The server was reached by a bare address (no Host name). */
  readonly rawAddress: boolean;
  /** Internal hosts reaching the server. */
  readonly hosts: number;
}

/** Whether an executable came under an extension that promises something harmless. */
export const isDisguised = (f: Pick<PayloadFacts, 'executableExtensions'>): boolean =>
  f.executableExtensions.some((e) => harmlessExtensions.has(e));

/** How suspicious one host's downloads from one server are, from 0 to `cap` (pure). */
export function payloadScore(f: PayloadFacts, cfg = payloadConfig): number {
  const base = Math.max(0, ...f.kinds.map((k) => cfg.base[k as PayloadKind] ?? 0));
  if (base === 0) return 0;
  const raw = base + (isDisguised(f) ? cfg.disguise : 0) + (f.rawAddress ? cfg.rawAddress : 0);
  const shared = cfg.perExtraHost ** Math.max(0, f.hosts - 1);
  return Math.round(Math.min(cfg.cap, raw * shared) * 1000) / 1000;
}
