import { isBenignForReport } from '../incident-indicators.js';
import { formatPercent, formatTime } from '../report-figures.js';
import type { ReportFormat, ReportInput } from '../report-format.js';
import { tlpLabels } from '../tlp-labels.js';
import { htmlIncidentAppendix } from './html-appendix.js';
import { esc } from './html-escape.js';
import { htmlIncident } from './html-incident.js';
import { htmlStyle } from './html-style.js';

/**
 * No script may run and nothing may be fetched: the report is opened on analysts' machines and
 * carries attacker strings. Inline styles are the only thing allowed.
 */
export const htmlCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

function banner(input: ReportInput): string {
  const tlp = tlpLabels[input.tlp];
  return `<div class="tlp" role="note"><b style="color:${tlp.colour}">${esc(tlp.label)}</b><span>${esc(tlp.sharing)}</span></div>`;
}

function contents(input: ReportInput): string {
  if (input.incidents.length < 2) return '';
  const items = input.incidents.map((item, i) => {
    const { incident, attribution } = item;
    const top = attribution?.hypotheses[0];
    const who = top
      ? ` <span class="sub">· ${top.actor === 'unknown' ? 'unknown actor' : esc(top.actor)}: ${esc(top.term)} (${esc(formatPercent(top.probability))})</span>`
      : '';
    const badge = isBenignForReport(item)
      ? '<span class="badge benign">likely benign: review</span>'
      : `<span class="badge sev-${esc(incident.severity)}">${esc(incident.severity)}</span>`;
    return `<li><a href="#incident-${i + 1}" class="mono">${esc(incident.id)}</a> ${badge} ${esc(incident.summary)}${who}</li>`;
  });
  return `<nav class="toc"><strong>Incidents</strong><ol>${items.join('')}</ol></nav>`;
}

/** One self-contained HTML page: inline CSS and SVG, no script, no external resource. */
export function renderHtml(input: ReportInput): string {
  const title = input.title ?? 'mamori hunt report';
  const n = input.incidents.length;
  const meta = [
    `Generated ${formatTime(input.generatedAt)} by ${input.tool.name} ${input.tool.version}`,
    input.source ? ` from ${input.source}` : '',
    `. ${n === 0 ? 'No incidents were found.' : `${n} incident${n === 1 ? '' : 's'}.`}`,
  ].join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${htmlCsp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="${esc(`${input.tool.name} ${input.tool.version}`)}">`,
    `<title>${esc(`${tlpLabels[input.tlp].label} ${title}`)}</title>`,
    `<style>${htmlStyle}</style>`,
    '</head>',
    '<body>',
    banner(input),
    '<main>',
    `<header class="report"><h1>${esc(title)}</h1><div class="meta">${esc(meta)}</div></header>`,
    contents(input),
    ...input.incidents.map((i, k) => htmlIncident(i, `incident-${k + 1}`, input.techniqueNames)),
    // Details after every incident's main part: the main parts print first, in a few pages.
    ...input.incidents.map((i, k) => htmlIncidentAppendix(i, `incident-${k + 1}`, input)),
    `<footer>${esc(`${tlpLabels[input.tlp].label} · produced by ${input.tool.name} ${input.tool.version}`)}</footer>`,
    '</main>',
    banner(input),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The self-contained HTML report. */
export const htmlFormat: ReportFormat = {
  name: 'html',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  render: renderHtml,
};
