import { isBenignForReport } from '../incident-indicators.js';
import { formatPercent, formatTime } from '../report-figures.js';
import type { ReportFormat, ReportInput } from '../report-format.js';
import { tlpLabels } from '../tlp-labels.js';
import { htmlIncidentAppendix } from './html-appendix.js';
import { htmlIncident } from './html-incident.js';
import { htmlStyle } from './html-style.js';
import { html, joinHtml, raw, type SafeHtml } from './html-template.js';

/**
 * No script may run and nothing may be fetched: the report is opened on analysts' machines and
 * carries attacker strings. Inline styles are the only thing allowed.
 */
export const htmlCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

function banner(input: ReportInput): SafeHtml {
  const tlp = tlpLabels[input.tlp];
  return html`<div class="tlp" role="note"><b style="color:${tlp.colour}">${tlp.label}</b><span>${tlp.sharing}</span></div>`;
}

function contents(input: ReportInput): SafeHtml | '' {
  if (input.incidents.length < 2) return '';
  const items = input.incidents.map((item, i) => {
    const { incident, attribution } = item;
    const top = attribution?.hypotheses[0];
    const who = top
      ? html` <span class="sub">· ${top.actor === 'unknown' ? 'unknown actor' : top.actor}: ${top.term} (${formatPercent(top.probability)})</span>`
      : '';
    const badge = isBenignForReport(item)
      ? html`<span class="badge benign">likely benign: review</span>`
      : html`<span class="badge sev-${incident.severity}">${incident.severity}</span>`;
    return html`<li><a href="#incident-${i + 1}" class="mono">${incident.id}</a> ${badge} ${incident.summary}${who}</li>`;
  });
  return html`<nav class="toc"><strong>Incidents</strong><ol>${items}</ol></nav>`;
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
  return joinHtml(
    [
      html`<!DOCTYPE html>`,
      html`<html lang="en">`,
      html`<head>`,
      html`<meta charset="utf-8">`,
      // The policy's quotes are part of its syntax.
      html`<meta http-equiv="Content-Security-Policy" content="${raw(htmlCsp)}">`,
      html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
      html`<meta name="referrer" content="no-referrer">`,
      html`<meta name="generator" content="${`${input.tool.name} ${input.tool.version}`}">`,
      html`<title>${`${tlpLabels[input.tlp].label} ${title}`}</title>`,
      html`<style>${raw(htmlStyle)}</style>`,
      html`</head>`,
      html`<body>`,
      banner(input),
      html`<main>`,
      html`<header class="report"><h1>${title}</h1><div class="meta">${meta}</div></header>`,
      contents(input),
      ...input.incidents.map((i, k) => htmlIncident(i, `incident-${k + 1}`, input.techniqueNames)),
      // Details after every incident's main part: the main parts print first, in a few pages.
      ...input.incidents.map((i, k) => htmlIncidentAppendix(i, `incident-${k + 1}`, input)),
      html`<footer>${`${tlpLabels[input.tlp].label} · produced by ${input.tool.name} ${input.tool.version}`}</footer>`,
      html`</main>`,
      banner(input),
      html`</body>`,
      html`</html>`,
      '',
    ],
    '\n',
  ).markup;
}

/** The self-contained HTML report. */
export const htmlFormat: ReportFormat = {
  name: 'html',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  render: renderHtml,
};
