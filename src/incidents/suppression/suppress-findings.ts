import type { Finding } from '../../domain/finding.js';
import { type Suppression, suppressionActive } from '../../domain/suppression.js';
import type { AnalyticsSession, TelemetryWindow } from '../../store/analytics-session.js';
import { ja3Pairs } from './ja3-pairs-query.js';
import { inRuleScope, intelMatched, matchesWithoutTelemetry } from './suppression-match.js';

/** What one rule did in a hunt. */
export interface SuppressionEffect {
  readonly id: string;
  readonly kind: Suppression['match']['kind'];
  readonly reason: string;
  /** Findings it dropped. */
  readonly suppressed: number;
  /** Findings it covered but kept, because they match a live intel indicator. */
  readonly keptForIntel: readonly string[];
}

/** The findings a hunt correlates, and what each active rule dropped. */
export interface SuppressionOutcome {
  readonly kept: Finding[];
  readonly effects: SuppressionEffect[];
  readonly suppressed: number;
}

export interface SuppressOptions {
  /** Every stored rule; those not active at `at` are skipped. */
  readonly rules: readonly Suppression[];
  readonly at: Date;
  readonly window?: Pick<TelemetryWindow, 'from' | 'to'>;
}

const label = (f: Finding) => `${f.detector} ${f.host} → ${f.endpointDomain ?? f.endpointIp ?? '?'}`;

/**
 * Drops the findings an active rule covers, in its scope, before correlation (analysis time: the
 * telemetry and the stored findings stay whole). A finding on a live intel indicator is never
 * dropped; it is reported as kept instead. A finding is counted for the first rule that covers it.
 */
export async function suppressFindings(
  s: AnalyticsSession,
  findings: readonly Finding[],
  opts: SuppressOptions,
): Promise<SuppressionOutcome> {
  const rules = opts.rules.filter((r) => suppressionActive(r, opts.at));
  const dropped = new Set<number>();
  const effects: SuppressionEffect[] = [];
  for (const rule of rules) {
    const covered: number[] = [];
    const candidates = findings
      .map((f, i) => [f, i] as const)
      .filter(([f, i]) => !dropped.has(i) && inRuleScope(rule, f));
    if (rule.match.kind === 'ja3') {
      const withTls = candidates.filter(([f]) => f.endpointIp !== null || f.endpointDomain !== null);
      const hits = await ja3Pairs(s, {
        ja3: rule.match.ja3,
        from: opts.window?.from,
        to: opts.window?.to,
        pairs: withTls.map(([f]) => ({
          host: f.host,
          ip: f.endpointIp ?? '',
          domain: f.endpointDomain ?? '',
        })),
      });
      for (const h of hits) covered.push((withTls[h] as readonly [Finding, number])[1]);
    } else {
      for (const [f, i] of candidates) if (matchesWithoutTelemetry(rule.match, f)) covered.push(i);
    }
    const keptForIntel: string[] = [];
    let suppressed = 0;
    for (const i of covered) {
      const f = findings[i] as Finding;
      if (intelMatched(f)) keptForIntel.push(label(f));
      else {
        dropped.add(i);
        suppressed++;
      }
    }
    effects.push({ id: rule.id, kind: rule.match.kind, reason: rule.reason, suppressed, keptForIntel });
  }
  return { kept: findings.filter((_, i) => !dropped.has(i)), effects, suppressed: dropped.size };
}
