/**
 * An analyst's decision that some traffic is benign, scoped as narrowly as they chose. It is applied
 * when findings are scored (never at ingest, so the telemetry stays whole) and never hides a finding
 * that matches a live intel indicator.
 */
export type SuppressionMatch =
  | { readonly kind: 'host-destination'; readonly host: string; readonly destination: string }
  | { readonly kind: 'destination'; readonly destination: string }
  | { readonly kind: 'ja3'; readonly ja3: string }
  | { readonly kind: 'detector-destination'; readonly detector: string; readonly destination: string };

export const suppressionKinds = ['host-destination', 'destination', 'ja3', 'detector-destination'] as const;
export type SuppressionKind = SuppressionMatch['kind'];

export interface Suppression {
  /** `SUP-` and 8 hex digits. */
  readonly id: string;
  readonly match: SuppressionMatch;
  /**
   * The network it applies to (an incident's scope: sensors, comma-separated); null for every
   * network. An address is a host only within its network, so a host-scoped rule carries one.
   */
  readonly scope: string | null;
  readonly author: string;
  readonly reason: string;
  readonly createdAt: string;
  /** ISO 8601; null never expires. An expired rule is kept (for the record) but no longer applied. */
  readonly expiresAt: string | null;
  /** The incident the analyst was looking at when they made it, if any. */
  readonly incidentId: string | null;
}

/** True when the rule applies at `now`. */
export function suppressionActive(s: Pick<Suppression, 'expiresAt'>, now: Date): boolean {
  return s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime();
}
