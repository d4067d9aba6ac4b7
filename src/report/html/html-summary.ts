import { isIP } from 'node:net';
import type { ExecutiveSummary } from '../executive-summary.js';
import { type RecommendedAction, valueWords } from '../recommended-actions.js';
import type { ReportTriage } from '../report-format.js';
import { type TechniqueNames, techniqueLabel } from '../technique-names.js';
import { ltr } from './html-bidi.js';
import { html, joinHtml, type SafeHtml } from './html-template.js';

/** Values shown inline with an action; the rest are counted (the appendix lists them all). */
export const actionValueCap = 8;

function values(a: RecommendedAction): SafeHtml | '' {
  if (a.values.length === 0) return '';
  // Addresses, hosts and hashes read left to right whatever surrounds them; names in their own direction.
  const shown = a.values
    .slice(0, actionValueCap)
    .map((v) =>
      a.target === 'hosts' || a.target === 'hashes' || isIP(v)
        ? html`<span class="mono">${ltr(v)}</span>`
        : html`<bdi class="mono">${v}</bdi>`,
    );
  const rest = a.values.length - shown.length;
  return html`<div class="vals">${joinHtml(shown, ', ')}${rest > 0 ? html` <span class="sub">and ${rest} more</span>` : ''}</div>`;
}

/** The techniques that call for an action, named, after its text. */
function because(a: RecommendedAction, names?: TechniqueNames): SafeHtml | '' {
  return a.techniques.length
    ? html` <span class="sub">(${a.techniques.map((t) => techniqueLabel(t, names)).join('; ')})</span>`
    : '';
}

/** One recommended action as a list item, with the techniques that call for it named (and its values, unless `brief`). */
export function htmlAction(a: RecommendedAction, names?: TechniqueNames, brief = false): SafeHtml {
  return html`<li>${a.text}${brief ? '' : html`${because(a, names)}${values(a)}`}</li>`;
}

/**
 * The recommended actions as list items. An action on the same values as one before it says so
 * instead of listing them again (isolating and resetting credentials name the same hosts).
 */
export function htmlActions(actions: readonly RecommendedAction[], names?: TechniqueNames): SafeHtml {
  const seen: string[] = [];
  return joinHtml(
    actions.map((a) => {
      const key = a.values.join('\u0000');
      if (a.values.length === 0 || !seen.includes(key)) {
        seen.push(key);
        return htmlAction(a, names);
      }
      return html`<li>${a.text}${because(a, names)} <span class="sub">(the same ${valueWords(a)} as above)</span></li>`;
    }),
  );
}

/** The triage state line, when an analyst triaged the incident. */
export function htmlTriage(t: ReportTriage | null | undefined): SafeHtml | '' {
  if (!t) return '';
  const who = [t.by ? `by ${t.by}` : '', t.at ? `on ${t.at.slice(0, 10)}` : ''].filter(Boolean).join(' ');
  return html`<p class="triage triage-${t.status}">Triage: <strong>${t.status}</strong>${who ? html` ${who}` : ''}${t.note ? html`: ${t.note}` : ''}</p>`;
}

/**
 * The executive summary: what happened, the scope, confidence in ICD 203 words (the attribution
 * verdict line) and what to do now. A likely-benign incident says "likely benign: review" and why.
 */
export function htmlExecutiveSummary(
  s: ExecutiveSummary,
  verdict: SafeHtml,
  names?: TechniqueNames,
): SafeHtml {
  const scope = `${s.scope.hosts} internal host${s.scope.hosts === 1 ? '' : 's'}, ${s.scope.servers} external server${s.scope.servers === 1 ? '' : 's'}, ${s.scope.sent} sent out and ${s.scope.received} received, ${s.scope.from === s.scope.to ? `on ${s.scope.from}` : `from ${s.scope.from} to ${s.scope.to}`}.`;
  return html`${[
    html`<div class="exec${s.benign ? ' benign' : ''}"><h3>Executive summary</h3>`,
    s.benign
      ? html`<p class="benign-flag"><strong>Likely benign: review.</strong></p>${s.reasons.length ? html`<ul class="reasons">${s.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}`
      : '',
    html`<dl><dt>What happened</dt><dd>${s.whatHappened}</dd>`,
    html`<dt>Scope</dt><dd>${scope}</dd>`,
    html`<dt>Confidence</dt><dd>${verdict}</dd>`,
    html`<dt>What to do now</dt><dd><ol class="now">${s.now.map((a) => htmlAction(a, names, true))}</ol></dd></dl>`,
    html`</div>`,
  ]}`;
}
