import { isIP } from 'node:net';
import type { ExecutiveSummary } from '../executive-summary.js';
import { type RecommendedAction, valueWords } from '../recommended-actions.js';
import type { ReportTriage } from '../report-format.js';
import { type TechniqueNames, techniqueLabel } from '../technique-names.js';
import { esc, ltr } from './html-escape.js';

/** Values shown inline with an action; the rest are counted (the appendix lists them all). */
export const actionValueCap = 8;

function values(a: RecommendedAction): string {
  if (a.values.length === 0) return '';
  // Addresses, hosts and hashes read left to right whatever surrounds them; names in their own direction.
  const shown = a.values
    .slice(0, actionValueCap)
    .map((v) =>
      a.target === 'hosts' || a.target === 'hashes' || isIP(v)
        ? `<span class="mono">${ltr(v)}</span>`
        : `<bdi class="mono">${esc(v)}</bdi>`,
    );
  const rest = a.values.length - shown.length;
  return `<div class="vals">${shown.join(', ')}${rest > 0 ? ` <span class="sub">and ${rest} more</span>` : ''}</div>`;
}

/** One recommended action as a list item, with the techniques that call for it named (and its values, unless `brief`). */
export function htmlAction(a: RecommendedAction, names?: TechniqueNames, brief = false): string {
  const why = a.techniques.length
    ? ` <span class="sub">(${esc(a.techniques.map((t) => techniqueLabel(t, names)).join('; '))})</span>`
    : '';
  return `<li>${esc(a.text)}${brief ? '' : `${why}${values(a)}`}</li>`;
}

/**
 * The recommended actions as list items. An action on the same values as one before it says so
 * instead of listing them again (isolating and resetting credentials name the same hosts).
 */
export function htmlActions(actions: readonly RecommendedAction[], names?: TechniqueNames): string {
  const seen: string[] = [];
  return actions
    .map((a) => {
      const key = a.values.join('\u0000');
      if (a.values.length === 0 || !seen.includes(key)) {
        seen.push(key);
        return htmlAction(a, names);
      }
      const why = a.techniques.length
        ? ` <span class="sub">(${esc(a.techniques.map((t) => techniqueLabel(t, names)).join('; '))})</span>`
        : '';
      return `<li>${esc(a.text)}${why} <span class="sub">(the same ${valueWords(a)} as above)</span></li>`;
    })
    .join('');
}

/** The triage state line, when an analyst triaged the incident. */
export function htmlTriage(t: ReportTriage | null | undefined): string {
  if (!t) return '';
  const who = [t.by ? `by ${t.by}` : '', t.at ? `on ${t.at.slice(0, 10)}` : ''].filter(Boolean).join(' ');
  return `<p class="triage triage-${esc(t.status)}">Triage: <strong>${esc(t.status)}</strong>${who ? ` ${esc(who)}` : ''}${t.note ? `: ${esc(t.note)}` : ''}</p>`;
}

/**
 * The executive summary: what happened, the scope, confidence in ICD 203 words (the attribution
 * verdict line) and what to do now. A likely-benign incident says "likely benign: review" and why.
 */
export function htmlExecutiveSummary(s: ExecutiveSummary, verdict: string, names?: TechniqueNames): string {
  const scope = `${s.scope.hosts} internal host${s.scope.hosts === 1 ? '' : 's'}, ${s.scope.servers} external server${s.scope.servers === 1 ? '' : 's'}, ${s.scope.sent} sent out and ${s.scope.received} received, ${s.scope.from === s.scope.to ? `on ${s.scope.from}` : `from ${s.scope.from} to ${s.scope.to}`}.`;
  return [
    `<div class="exec${s.benign ? ' benign' : ''}"><h3>Executive summary</h3>`,
    s.benign
      ? `<p class="benign-flag"><strong>Likely benign: review.</strong></p>${s.reasons.length ? `<ul class="reasons">${s.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}`
      : '',
    `<dl><dt>What happened</dt><dd>${esc(s.whatHappened)}</dd>`,
    `<dt>Scope</dt><dd>${esc(scope)}</dd>`,
    `<dt>Confidence</dt><dd>${verdict}</dd>`,
    `<dt>What to do now</dt><dd><ol class="now">${s.now.map((a) => htmlAction(a, names, true)).join('')}</ol></dd></dl>`,
    '</div>',
  ].join('');
}
