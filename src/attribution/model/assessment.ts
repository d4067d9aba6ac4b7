import type { Confidence, ContextFact, Evidence, Hypothesis } from '../../domain/attribution.js';
import { nameWithAliases } from '../actor-names.js';
import type { AttributionWeights } from '../weights.js';
import { isSpecific } from './ach.js';
import { percent } from './icd203.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "menuPass (APT10, Cloud Hopper)": the name and up to two well-known aliases. */
export function displayName(h: Pick<Hypothesis, 'actor' | 'aliases'>): string {
  return nameWithAliases(h.actor, h.aliases);
}

const sourcesOf = (items: readonly Evidence[]) => [
  ...new Set(items.flatMap((e) => e.source.split(',').map((s) => s.trim())).filter(Boolean)),
];

/** The reasons behind a named lead, kind by kind, in plain words. */
function reasons(id: string, evidence: readonly Evidence[]): string[] {
  const out: string[] = [];
  const mine = evidence.filter((e) => e.actors.includes(id) && e.likelihoodRatio > 1.05);
  const infra = mine.filter((e) => e.kind === 'infrastructure');
  if (infra.length > 0) {
    const by = sourcesOf(infra);
    out.push(
      `${infra.length === 1 ? 'one of the incident’s addresses and names matches' : `${infra.length} of the incident’s addresses and names match`} infrastructure that ${by.join(', ')} attribute${by.length === 1 ? 's' : ''} to it`,
    );
  }
  const malware = mine.filter((e) => e.kind === 'malware');
  if (malware.length > 0)
    out.push(
      `${plural(malware.length, 'malware observation')} tie${malware.length === 1 ? 's' : ''} it to the files or families seen`,
    );
  const techniques = mine.filter((e) => e.kind === 'technique');
  if (techniques.length > 0)
    out.push(
      `${plural(techniques.length, 'observed ATT&CK technique')} ${techniques.length === 1 ? 'is' : 'are'} among those it is reported to use`,
    );
  const context = mine.filter((e) => e.kind === 'context');
  const fitting = (about: ContextFact['about']) =>
    context.some((e) => e.flags?.context?.about === about && e.flags.context.fits);
  const victim = [fitting('country') ? 'country' : '', fitting('sector') ? 'sector' : ''].filter(Boolean);
  const fits = [
    victim.length > 0 ? `the victim’s ${victim.join(' and ')}` : '',
    fitting('hours') ? 'the hours of activity' : '',
  ].filter(Boolean);
  if (fits.length > 0)
    out.push(`${fits.join(' and ')} fit${fits.length === 1 ? 's' : ''} what is known of it (weak)`);
  return out;
}

/** What was deliberately given little or no weight, so the reader sees the care taken. */
function caveats(evidence: readonly Evidence[]): string[] {
  const out: string[] = [];
  const listed = evidence.filter((e) => e.likelihoodRatio === 1 && e.flags?.warninglisted);
  if (listed.length > 0)
    out.push(`${plural(listed.length, 'warninglisted or shared value')} counted for nothing`);
  const shared = evidence.filter(
    (e) => e.kind === 'malware' && (e.flags?.familyUsers ?? 0) > 1 && e.likelihoodRatio < 3,
  );
  if (shared.length > 0) out.push('tools shared by many actors raised each of them only a little');
  const old = evidence.filter((e) => e.flags?.aged);
  if (old.length > 0)
    out.push(
      `${plural(old.length, 'indicator')} ${old.length === 1 ? 'was' : 'were'} years old and weighed less`,
    );
  return out;
}

/** Clauses joined into one sentence, capitalised; empty when there are none. */
const sentence = (parts: readonly string[]) =>
  parts.length === 0 ? '' : `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());

/**
 * One paragraph in estimative language: the leading hypothesis with its ICD 203 term, probability
 * and analytic confidence, why, what was discounted, and the strongest alternative.
 */
export function assessmentText(
  incidentId: string,
  hypotheses: readonly Hypothesis[],
  evidence: readonly Evidence[],
  confidence: Confidence,
  w: AttributionWeights,
  unlisted = 0,
): string {
  const text = leadText(incidentId, hypotheses, evidence, confidence, w);
  return unlisted > 0 ? `${text} ${unlistedSentence(unlisted)}` : text;
}

/** "3 other actors … are not listed", so the reader knows the list is not the whole knowledge base. */
export function unlistedSentence(n: number): string {
  return `${plural(n, 'other actor')} that the evidence raises only through techniques or tools many actors share ${n === 1 ? 'is' : 'are'} not listed: without evidence of ${n === 1 ? 'its' : 'their'} own, ${n === 1 ? 'its' : 'their'} share counts as unknown.`;
}

/**
 * For a likely-benign look-alike with no named lead: no actor is assessed, rather than "almost
 * certain" that an unknown actor was involved, which would imply an intrusion.
 */
export function likelyBenignAssessment(
  incidentId: string,
  evidence: readonly Evidence[],
  unlisted: number,
): string {
  const generic = evidence.some((e) => e.likelihoodRatio > 1.05);
  return [
    `No actor is assessed for ${incidentId}: the activity is likely benign (a look-alike to review), and nothing ties it to an actor in the knowledge base.`,
    generic
      ? 'The only evidence is generic: techniques or tools that many actors, and benign software, show.'
      : '',
    unlisted > 0 ? unlistedSentence(unlisted) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function leadText(
  incidentId: string,
  hypotheses: readonly Hypothesis[],
  evidence: readonly Evidence[],
  confidence: Confidence,
  w: AttributionWeights,
): string {
  const [lead, ...rest] = hypotheses;
  if (!lead) return `No hypothesis could be formed for ${incidentId}.`;
  const unknown = hypotheses.find((h) => h.actorId === null);
  const named = rest.filter((h) => h.actorId !== null);
  const caveat = caveats(evidence);
  if (lead.actorId === null) {
    const best = named[0];
    const specific = evidence.filter((e) => e.kind === 'infrastructure' || e.kind === 'malware');
    const why =
      evidence.length === 0
        ? 'No address, file, signature or technique of the incident ties it to an actor in the knowledge base'
        : specific.some((e) => isSpecific(e, w))
          ? 'The evidence that names particular actors is not strong enough to outweigh the chance of an actor the knowledge base does not single out'
          : 'The evidence is generic: techniques and tools that many actors use, or infrastructure nobody attributes';
    return [
      `We cannot attribute ${incidentId} to a known actor: it is ${lead.term} (${percent(lead.probability)}) that an actor the knowledge base does not single out was involved, with ${confidence} confidence.`,
      `${why}.`,
      sentence(caveat),
      best
        ? `The strongest named candidate, ${displayName(best)}, is ${best.term} (${percent(best.probability)}).`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
  const why = reasons(lead.actorId, evidence);
  const alternatives = [
    unknown
      ? `an actor the knowledge base does not single out is ${unknown.term} (${percent(unknown.probability)})`
      : '',
    named[0]
      ? `the next named candidate, ${displayName(named[0])}, is ${named[0].term} (${percent(named[0].probability)})`
      : '',
  ].filter(Boolean);
  return [
    `We assess it is ${lead.term} (${percent(lead.probability)}) that ${displayName(lead)} was involved in ${incidentId}, with ${confidence} confidence: ${why.join('; ') || 'the evidence points at it more than at any other actor'}.`,
    sentence(caveat),
    sentence(alternatives),
  ]
    .filter(Boolean)
    .join(' ');
}
