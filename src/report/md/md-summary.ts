import type { ExecutiveSummary } from '../executive-summary.js';
import { type RecommendedAction, valueWords } from '../recommended-actions.js';
import type { ReportTriage } from '../report-format.js';
import { type TechniqueNames, techniqueLabel } from '../technique-names.js';
import { mdText } from './md-escape.js';

/** Values listed with an action in Markdown; the rest are counted (the block list has them all). */
export const mdActionValueCap = 12;

/** The recommended actions as a numbered list; `brief` leaves out the values and techniques. */
export function mdActions(
  actions: readonly RecommendedAction[],
  names?: TechniqueNames,
  brief = false,
): string {
  const seen: string[] = [];
  return actions
    .map((a, i) => {
      const why =
        !brief && a.techniques.length
          ? ` (${a.techniques.map((t) => mdText(techniqueLabel(t, names))).join('; ')})`
          : '';
      const key = a.values.join('\u0000');
      let values = '';
      if (!brief && a.values.length > 0) {
        if (seen.includes(key)) values = ` The same ${valueWords(a)} as above.`;
        else {
          seen.push(key);
          const shown = a.values.slice(0, mdActionValueCap).map(mdText);
          const rest = a.values.length - shown.length;
          values = `\n   ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
        }
      }
      return `${i + 1}. ${mdText(a.text)}${why}${values}`;
    })
    .join('\n');
}

/** The triage line, when an analyst triaged the incident. */
export function mdTriage(t: ReportTriage | null | undefined): string | null {
  if (!t) return null;
  const who = [t.by ? `by ${t.by}` : '', t.at ? `on ${t.at.slice(0, 10)}` : ''].filter(Boolean).join(' ');
  return `**Triage:** ${mdText(t.status)}${who ? ` ${mdText(who)}` : ''}${t.note ? `: ${mdText(t.note)}` : ''}`;
}

/** The executive summary: what happened, scope, confidence (the attribution line) and what to do now. */
export function mdExecutiveSummary(s: ExecutiveSummary, attributionLine: string): string {
  const scope = `${s.scope.hosts} internal host${s.scope.hosts === 1 ? '' : 's'}, ${s.scope.servers} external server${s.scope.servers === 1 ? '' : 's'}, ${s.scope.sent} sent out and ${s.scope.received} received, ${s.scope.from === s.scope.to ? `on ${s.scope.from}` : `from ${s.scope.from} to ${s.scope.to}`}.`;
  return [
    '### Executive summary',
    ...(s.benign
      ? [
          `**Likely benign: review.**${s.reasons.length ? `\n\n${s.reasons.map((r) => `- ${mdText(r)}`).join('\n')}` : ''}`,
        ]
      : []),
    `**What happened:** ${mdText(s.whatHappened)}`,
    `**Scope:** ${mdText(scope)}`,
    `**Confidence:** ${attributionLine.replace(/^\*\*Attribution:\*\* /, '')}`,
    `**What to do now:**\n\n${mdActions(s.now, undefined, true)}`,
  ].join('\n\n');
}
