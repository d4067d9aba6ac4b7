import type { Attribution, Evidence, Hypothesis } from '../attribution.js';
import type { AttributionWeights } from '../weights.js';
import { type AchColumn, achMark, achMatrix } from './ach.js';
import { assessmentText } from './assessment.js';
import { combine, posterior } from './combine.js';
import { analyticConfidence } from './confidence.js';
import { clampProbability, icdTerm } from './icd203.js';

/** What the judgement needs to know of an actor to name it. */
export interface ActorInfo {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly attackId: string | null;
}

export interface JudgeInput {
  readonly incidentId: string;
  /** Numbered evidence, each with every actor it points at. */
  readonly evidence: readonly Evidence[];
  readonly actor: (id: string) => ActorInfo | undefined;
  readonly weights: AttributionWeights;
}

/**
 * The pure half of attribution: from numbered evidence to ranked hypotheses, ICD 203 terms, the
 * ACH matrix, analytic confidence and the assessment. The named actors shown are the few most
 * probable with support; the probability of every other actor stays with "unknown" (an actor the
 * evidence does not single out), so the shown probabilities sum to 1 before clamping.
 */
export function judge(input: JudgeInput): Attribution {
  const { evidence, weights: w } = input;
  const scores = combine(evidence, w);
  const post = posterior(scores, w);
  const shown = [...post.actors]
    .filter(([a]) => (scores.get(a)?.logLr ?? 0) > 0 && input.actor(a) !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, w.shownActors);
  const unknownP = Math.max(0, 1 - shown.reduce((s, [, p]) => s + p, 0));
  const raw = [...shown.map(([id, p]) => ({ id, p })), { id: null as string | null, p: unknownP }].sort(
    (a, b) => b.p - a.p || (a.id === null ? 1 : b.id === null ? -1 : 0),
  );
  const columns: AchColumn[] = raw.map((r) => ({
    actor: r.id === null ? 'unknown' : (input.actor(r.id)?.name ?? r.id),
    actorId: r.id,
  }));
  const shownIds = new Set(shown.map(([id]) => id));
  const trim = (e: Evidence): Evidence => ({ ...e, actors: e.actors.filter((a) => shownIds.has(a)) });
  const hypotheses: Hypothesis[] = raw.map((r, i) => {
    const info = r.id === null ? undefined : input.actor(r.id);
    const probability = clampProbability(r.p);
    const column = columns[i] as AchColumn;
    return {
      actor: column.actor,
      actorId: r.id,
      aliases: info?.aliases ?? [],
      attackId: info?.attackId ?? null,
      probability,
      term: icdTerm(probability),
      likelihood: r.id === null ? 1 : Math.exp(scores.get(r.id)?.logLr ?? 0),
      evidence: evidence.filter((e) => achMark(e, column, w) !== 'neutral').map(trim),
    };
  });
  const lead = hypotheses[0] as Hypothesis;
  const confidence = analyticConfidence(lead, evidence, w);
  return {
    hypotheses,
    evidence: evidence.map(trim),
    confidence,
    ach: achMatrix(evidence, columns, w),
    assessment: assessmentText(input.incidentId, hypotheses, evidence, confidence, w),
    modelVersion: w.version,
  };
}
