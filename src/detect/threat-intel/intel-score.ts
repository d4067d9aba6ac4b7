/** What the score of a threat-intel finding is computed from. */
export interface IntelEvidence {
  /** Distinct telemetry fields that hit (conn.resp_h, dns.query, …). */
  readonly fields: number;
  /** Distinct intel sources listing the hit values. */
  readonly sources: number;
  /** Whether an indicator is tied to an actor or malware. */
  readonly attributed: boolean;
}

/**
 * A live indicator hit is strong evidence on its own (0.75: high); an attributed indicator, hits
 * corroborated across fields (the DNS answer and the connection), and several sources raise it.
 */
export function intelScore(e: IntelEvidence): number {
  let score = 0.75;
  if (e.attributed) score += 0.1;
  score += Math.min(2, Math.max(0, e.fields - 1)) * 0.05;
  if (e.sources > 1) score += 0.05;
  return Math.min(0.99, Math.round(score * 100) / 100);
}
