import type { Attribution, Evidence, Hypothesis } from '../../domain/attribution.js';
import type { AttributionWeights } from '../weights.js';
import { type AchColumn, achMark, achMatrix } from './ach.js';
import { assessmentText, likelyBenignAssessment } from './assessment.js';
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
  /** The incident is a likely-benign look-alike: without a named lead, no actor is assessed. */
  readonly likelyBenign?: boolean;
}

/**
 * Evidence of an actor's own: an item naming it, among at most `ach.specificActors` actors, that
 * raises it (LR > 1). A technique or tool dozens of actors use raises them all a little and is
 * evidence of none of them in particular.
 */
export function ownEvidence(
  e: Pick<Evidence, 'actors' | 'likelihoodRatio'>,
  id: string,
  w: AttributionWeights,
) {
  return e.actors.includes(id) && e.actors.length <= w.ach.specificActors && e.likelihoodRatio > 1.05;
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
  const supported = [...post.actors].filter(
    ([a]) => (scores.get(a)?.logLr ?? 0) > 0 && input.actor(a) !== undefined,
  );
  // Only actors with evidence of their own are hypotheses; the others' share stays with "unknown".
  const own = supported.filter(([a]) => evidence.some((e) => ownEvidence(e, a, w)));
  const shown = own.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, w.shownActors);
  const unlistedActors = supported.length - own.length;
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
  const benign = input.likelyBenign === true && lead.actorId === null;
  return {
    hypotheses,
    evidence: evidence.map(trim),
    confidence,
    ach: achMatrix(evidence, columns, w),
    assessment: benign
      ? likelyBenignAssessment(input.incidentId, evidence, unlistedActors)
      : assessmentText(input.incidentId, hypotheses, evidence, confidence, w, unlistedActors),
    modelVersion: w.version,
    ...(unlistedActors > 0 ? { unlistedActors } : {}),
    ...(benign ? { likelyBenign: true as const } : {}),
  };
}
