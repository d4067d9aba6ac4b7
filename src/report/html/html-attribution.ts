import type { AchMark, Attribution, Hypothesis } from '../../domain/attribution.js';
import { formatPercent } from '../report-figures.js';
import { esc, num } from './html-escape.js';

/** ICD 203 band edges, drawn as ticks on each probability bar so the term can be read off it. */
const icdEdges = [0.05, 0.2, 0.45, 0.55, 0.8, 0.95];

const marks: Record<AchMark, string> = { consistent: '✓', inconsistent: '✗', neutral: '·' };

function ratio(lr: number): string {
  if (!Number.isFinite(lr)) return '∞';
  return lr >= 100 ? lr.toFixed(0) : lr >= 10 ? lr.toFixed(1) : lr.toFixed(2);
}

function name(h: Hypothesis): string {
  return h.actor === 'unknown' ? '<em>Unknown actor</em>' : `<strong>${esc(h.actor)}</strong>`;
}

/** The probability bar with the ICD 203 term beside it. */
function probability(h: Hypothesis): string {
  const ticks = icdEdges.map((e) => `<span class="tick" style="left:${e * 100}%"></span>`).join('');
  const pct = Math.max(0, Math.min(1, h.probability)) * 100;
  return `<div class="prob"><div class="track"><div class="fill${h.actor === 'unknown' ? ' unknown' : ''}" style="width:${num(pct)}%"></div>${ticks}</div><span><span class="term">${esc(h.term)}</span> <span class="sub">${esc(formatPercent(h.probability))}</span></span></div>`;
}

/** The one-line verdict under the summary. */
export function htmlVerdict(a: Attribution | null): string {
  if (!a) {
    return '<p class="verdict none">Attribution was not assessed: no threat-intelligence knowledge base was installed.</p>';
  }
  if (a.likelyBenign) return '<p class="verdict none">No actor assessed: the activity is likely benign.</p>';
  const top = a.hypotheses[0];
  if (!top) return '<p class="verdict none">Attribution produced no hypotheses.</p>';
  const who =
    top.actor === 'unknown'
      ? 'An actor the knowledge base does not identify'
      : `${name(top)}${top.attackId ? ` <span class="sub">(${esc(top.attackId)})</span>` : ''}`;
  return `<p class="verdict${top.actor === 'unknown' ? ' none' : ''}">${who}: <span class="term">${esc(top.term)}</span> (${esc(formatPercent(top.probability))}). Analytic confidence <span class="conf">${esc(a.confidence)}</span>.</p>`;
}

/** Assessment, hypotheses, evidence and the ACH matrix. */
export function htmlAttribution(a: Attribution | null): string {
  if (!a) {
    return '<h3>Attribution</h3><p>Not assessed: install a knowledge base with <span class="mono">mamori intel</span> and hunt again.</p>';
  }
  const hypotheses = a.hypotheses
    .map(
      (h) =>
        `<tr><td>${name(h)}${h.aliases.length ? `<div class="sub">${esc(h.aliases.join(', '))}</div>` : ''}</td><td class="mono">${esc(h.attackId ?? '—')}</td><td>${probability(h)}</td><td class="n">${ratio(h.likelihood)}</td><td class="n">${h.evidence.length}</td></tr>`,
    )
    .join('');
  const evidence = a.evidence
    .map(
      (e) =>
        `<tr><td class="mono nw">${esc(e.id)}</td><td class="nw"><span class="kind">${esc(e.kind)}</span></td><td>${esc(e.observation)}</td><td class="sub">${esc(e.source)}</td><td class="n">${ratio(e.likelihoodRatio)}</td><td class="sub">${esc(e.why)}</td></tr>`,
    )
    .join('');
  const observation = new Map(a.evidence.map((e) => [e.id, e]));
  const ach = a.ach.rows
    .map((r) => {
      const e = observation.get(r.evidence);
      const label = e ? `<span class="mono nw">${esc(e.id)}</span> ${esc(e.observation)}` : esc(r.evidence);
      return `<tr><td>${label}</td>${r.marks.map((m) => `<td class="mark ${m}" title="${m}">${marks[m]}</td>`).join('')}</tr>`;
    })
    .join('');
  return [
    '<h3>Attribution</h3>',
    `<p class="assessment">${esc(a.assessment)}</p>`,
    // A look-alike's only hypothesis is "unknown": a table would read "almost certain".
    a.likelyBenign
      ? ''
      : `<table><thead><tr><th>Hypothesis</th><th>ATT&amp;CK</th><th>Probability (ICD 203)</th><th class="n">Likelihood ratio</th><th class="n">Evidence</th></tr></thead><tbody>${hypotheses}</tbody></table>`,
    `<p class="sub">Analytic confidence <span class="conf">${esc(a.confidence)}</span> rates the quantity, quality and independence of the evidence; the probability terms follow ICD 203. Model ${esc(a.modelVersion)}.</p>`,
    '<h4>Evidence</h4>',
    a.evidence.length
      ? `<table><thead><tr><th>ID</th><th>Kind</th><th>Observation</th><th>Source</th><th class="n">LR</th><th>Why it counts this much</th></tr></thead><tbody>${evidence}</tbody></table>`
      : '<p>No evidence items.</p>',
    '<h4>Analysis of competing hypotheses</h4>',
    a.ach.rows.length
      ? `<table class="ach"><thead><tr><th>Evidence</th>${a.ach.hypotheses.map((h) => `<th class="n">${h === 'unknown' ? '<em>unknown</em>' : esc(h)}</th>`).join('')}</tr></thead><tbody>${ach}</tbody></table><div class="legend"><i class="consistent" style="background:#e3f3e8"></i>✓ consistent<i style="background:#fbe5e3"></i>✗ inconsistent<i style="background:#f3f4f6"></i>· neutral</div>`
      : '<p>No matrix.</p>',
  ].join('');
}
