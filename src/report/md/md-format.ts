import { formatTime } from '../report-figures.js';
import type { ReportFormat, ReportInput } from '../report-format.js';
import { tlpLabels } from '../tlp-labels.js';
import { mdIncidentAppendix } from './md-appendix.js';
import { mdText } from './md-escape.js';
import { mdIncident } from './md-incident.js';

function banner(input: ReportInput): string {
  const tlp = tlpLabels[input.tlp];
  return `> **${mdText(tlp.label)}**: ${mdText(tlp.sharing)}`;
}

/** The whole Markdown report: TLP banner, header, one section per incident, then their appendices, TLP banner again. */
export function renderMarkdown(input: ReportInput): string {
  const n = input.incidents.length;
  const header = [
    banner(input),
    `# ${mdText(input.title ?? 'mamori hunt report')}`,
    [
      `Generated ${mdText(formatTime(input.generatedAt))} by ${mdText(input.tool.name)} ${mdText(input.tool.version)}`,
      input.source ? ` from ${mdText(input.source)}` : '',
      `. ${n === 0 ? 'No incidents were found.' : `${n} incident${n === 1 ? '' : 's'}.`}`,
    ].join(''),
  ];
  const body = [
    ...input.incidents.map((i) => mdIncident(i, input.techniqueNames)),
    // Details after every incident's main part, as in the HTML report.
    ...input.incidents.map((i) => mdIncidentAppendix(i, input)),
  ];
  return `${[...header, ...body, '---', banner(input)].join('\n\n')}\n`;
}

/** Markdown to paste into a ticket. */
export const markdownFormat: ReportFormat = {
  name: 'md',
  extension: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  render: renderMarkdown,
};
