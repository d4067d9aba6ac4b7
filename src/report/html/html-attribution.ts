import type { AchMark, Attribution, Hypothesis } from '../../domain/attribution.js';
import { formatPercent } from '../report-figures.js';
import { num } from './html-escape.js';
import { html, type SafeHtml } from './html-template.js';

/** ICD 203 band edges, drawn as ticks on each probability bar so the term can be read off it. */
const icdEdges = [0.05, 0.2, 0.45, 0.55, 0.8, 0.95];

const marks: Record<AchMark, string> = { consistent: '✓', inconsistent: '✗', neutral: '·' };

function ratio(lr: number): string {
  if (!Number.isFinite(lr)) return '∞';
  return lr >= 100 ? lr.toFixed(0) : lr >= 10 ? lr.toFixed(1) : lr.toFixed(2);
}

function name(h: Hypothesis): SafeHtml {
  return h.actor === 'unknown' ? html`<em>Unknown actor</em>` : html`<strong>${h.actor}</strong>`;
}

/** The probability bar with the ICD 203 term beside it. */
function probability(h: Hypothesis): SafeHtml {
  const ticks = icdEdges.map((e) => html`<span class="tick" style="left:${e * 100}%"></span>`);
  const pct = Math.max(0, Math.min(1, h.probability)) * 100;
  return html`<div class="prob"><div class="track"><div class="fill${h.actor === 'unknown' ? ' unknown' : ''}" style="width:${num(pct)}%"></div>${ticks}</div><span><span class="term">${h.term}</span> <span class="sub">${formatPercent(h.probability)}</span></span></div>`;
}

/** The one-line verdict under the summary. */
export function htmlVerdict(a: Attribution | null): SafeHtml {
  if (!a) {
    return html`<p class="verdict none">Attribution was not assessed: no threat-intelligence knowledge base was installed.</p>`;
  }
  if (a.likelyBenign)
    return html`<p class="verdict none">No actor assessed: the activity is likely benign.</p>`;
  const top = a.hypotheses[0];
  if (!top) return html`<p class="verdict none">Attribution produced no hypotheses.</p>`;
  const who =
    top.actor === 'unknown'
      ? 'An actor the knowledge base does not identify'
      : html`${name(top)}${top.attackId ? html` <span class="sub">(${top.attackId})</span>` : ''}`;
  return html`<p class="verdict${top.actor === 'unknown' ? ' none' : ''}">${who}: <span class="term">${top.term}</span> (${formatPercent(top.probability)}). Analytic confidence <span class="conf">${a.confidence}</span>.</p>`;
}

/** Assessment, hypotheses, evidence and the ACH matrix. */
export function htmlAttribution(a: Attribution | null): SafeHtml {
  if (!a) {
    return html`<h3>Attribution</h3><p>Not assessed: install a knowledge base with <span class="mono">mamori intel</span> and hunt again.</p>`;
  }
  const hypotheses = a.hypotheses.map(
    (h) =>
      html`<tr><td>${name(h)}${h.aliases.length ? html`<div class="sub">${h.aliases.join(', ')}</div>` : ''}</td><td class="mono">${h.attackId ?? '—'}</td><td>${probability(h)}</td><td class="n">${ratio(h.likelihood)}</td><td class="n">${h.evidence.length}</td></tr>`,
  );
  const evidence = a.evidence.map(
    (e) =>
      html`<tr><td class="mono nw">${e.id}</td><td class="nw"><span class="kind">${e.kind}</span></td><td>${e.observation}</td><td class="sub">${e.source}</td><td class="n">${ratio(e.likelihoodRatio)}</td><td class="sub">${e.why}</td></tr>`,
  );
  const observation = new Map(a.evidence.map((e) => [e.id, e]));
  const ach = a.ach.rows.map((r) => {
    const e = observation.get(r.evidence);
    const label = e ? html`<span class="mono nw">${e.id}</span> ${e.observation}` : r.evidence;
    return html`<tr><td>${label}</td>${r.marks.map((m) => html`<td class="mark ${m}" title="${m}">${marks[m]}</td>`)}</tr>`;
  });
  return html`${[
    html`<h3>Attribution</h3>`,
    html`<p class="assessment">${a.assessment}</p>`,
    // A look-alike's only hypothesis is "unknown": a table would read "almost certain".
    a.likelyBenign
      ? ''
      : html`<table><thead><tr><th>Hypothesis</th><th>ATT&amp;CK</th><th>Probability (ICD 203)</th><th class="n">Likelihood ratio</th><th class="n">Evidence</th></tr></thead><tbody>${hypotheses}</tbody></table>`,
    html`<p class="sub">Analytic confidence <span class="conf">${a.confidence}</span> rates the quantity, quality and independence of the evidence; the probability terms follow ICD 203. Model ${a.modelVersion}.</p>`,
    html`<h4>Evidence</h4>`,
    a.evidence.length
      ? html`<table><thead><tr><th>ID</th><th>Kind</th><th>Observation</th><th>Source</th><th class="n">LR</th><th>Why it counts this much</th></tr></thead><tbody>${evidence}</tbody></table>`
      : html`<p>No evidence items.</p>`,
    html`<h4>Analysis of competing hypotheses</h4>`,
    a.ach.rows.length
      ? html`<table class="ach"><thead><tr><th>Evidence</th>${a.ach.hypotheses.map((h) => html`<th class="n">${h === 'unknown' ? html`<em>unknown</em>` : h}</th>`)}</tr></thead><tbody>${ach}</tbody></table><div class="legend"><i class="consistent" style="background:#e3f3e8"></i>✓ consistent<i style="background:#fbe5e3"></i>✗ inconsistent<i style="background:#f3f4f6"></i>· neutral</div>`
      : html`<p>No matrix.</p>`,
  ]}`;
}
