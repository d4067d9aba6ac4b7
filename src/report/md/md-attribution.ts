import type { AchMark, Attribution } from '../../domain/attribution.js';
import { formatPercent } from '../report-figures.js';
import { mdCell, mdTable, mdText } from './md-escape.js';

const achSymbols: Record<AchMark, string> = {
  consistent: '✓ consistent',
  inconsistent: '✗ inconsistent',
  neutral: '· neutral',
};

function ratio(lr: number): string {
  if (!Number.isFinite(lr)) return '∞';
  return lr >= 100 ? lr.toFixed(0) : lr >= 10 ? lr.toFixed(1) : lr.toFixed(2);
}

/** One line for the incident header: who, in ICD 203 words, and the analytic confidence. */
export function mdAttributionLine(a: Attribution | null): string {
  if (!a) return '**Attribution:** not assessed (no knowledge base installed).';
  if (a.likelyBenign) return '**Attribution:** no actor assessed: the activity is likely benign.';
  const top = a.hypotheses[0];
  if (!top) return '**Attribution:** no hypotheses.';
  const who =
    top.actor === 'unknown'
      ? 'an actor the knowledge base does not identify'
      : `${mdText(top.actor)}${top.attackId ? ` (${mdText(top.attackId)})` : ''}`;
  return `**Attribution:** ${who}: ${mdText(top.term)} (${mdText(formatPercent(top.probability))}). Analytic confidence: ${mdText(a.confidence)}.`;
}

/** The attribution section: assessment, hypotheses with ICD terms, evidence and the ACH matrix. */
export function mdAttribution(a: Attribution | null): string {
  if (!a) {
    return '### Attribution\n\nNot assessed: no threat-intelligence knowledge base was installed when this hunt ran (`mamori intel ...`).';
  }
  const hypotheses = mdTable(
    ['Hypothesis', 'ATT&CK', 'Aliases', 'Probability', 'ICD 203 term', 'Likelihood ratio'],
    a.hypotheses.map((h) => [
      h.actor === 'unknown' ? '*unknown actor*' : `**${mdText(h.actor.trim())}**`,
      mdCell(h.attackId),
      h.aliases.length ? h.aliases.map(mdText).join(', ') : '—',
      mdText(formatPercent(h.probability)),
      mdText(h.term),
      ratio(h.likelihood),
    ]),
  );
  const evidence = a.evidence.length
    ? mdTable(
        ['ID', 'Kind', 'Observation', 'Source', 'LR', 'Why it counts this much'],
        a.evidence.map((e) => [
          mdText(e.id),
          mdText(e.kind),
          mdCell(e.observation),
          mdCell(e.source),
          ratio(e.likelihoodRatio),
          mdCell(e.why),
        ]),
      )
    : 'No evidence items.';
  const kinds = new Map(a.evidence.map((e) => [e.id, e.kind]));
  const ach = a.ach.rows.length
    ? mdTable(
        ['Evidence', ...a.ach.hypotheses.map((h) => (h === 'unknown' ? '*unknown*' : mdText(h)))],
        a.ach.rows.map((r) => [
          `${mdText(r.evidence)}${kinds.has(r.evidence) ? ` (${mdText(kinds.get(r.evidence)!)})` : ''}`,
          ...r.marks.map((m) => achSymbols[m]),
        ]),
      )
    : 'No matrix.';
  return [
    '### Attribution',
    mdText(a.assessment.trim()),
    // A look-alike's only hypothesis is "unknown": a table would read "almost certain".
    a.likelyBenign ? '' : hypotheses,
    `Analytic confidence: **${mdText(a.confidence)}** (model ${mdText(a.modelVersion)}). Probabilities use the ICD 203 terms; confidence rates the quantity, quality and independence of the evidence, not the likelihood.`,
    '#### Evidence',
    evidence,
    '#### Analysis of competing hypotheses',
    ach,
  ]
    .filter(Boolean)
    .join('\n\n');
}
