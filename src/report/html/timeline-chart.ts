import { clip } from '../../clip.js';
import type { Severity } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { serverOf } from '../report-figures.js';
import { visibleText } from '../visible-text.js';
import { isolatedText, ltrText } from './html-bidi.js';
import { num } from './html-escape.js';
import { html, joinHtml, type SafeHtml } from './html-template.js';
import { timeTicks } from './time-axis.js';

/** Severity colours shared by the charts (same hues as the badges). */
export const severityColours: Record<Severity, string> = {
  critical: '#b3261e',
  high: '#d9661f',
  medium: '#c99a06',
  low: '#5b7a99',
};

const W = 1000;
const LABEL = 210;
const RIGHT = 16;
const ROW = 26;
const TOP = 12;
const AXIS = 30;
/** More servers than this are drawn as one "other servers" row. */
export const timelineRows = 14;
/** At most this many findings are drawn (the strongest), so a huge incident stays a light page. */
export const timelineFindingCap = 1500;

const ms = (iso: string) => Date.parse(iso);

/**
 * Activity per external server over time: each finding is a translucent span from its first to its
 * last contact (overlaps darken where many hosts were active) and a dot at its start in its
 * severity's colour. Pure SVG, no script.
 */
export function timelineChart(incident: Incident): SafeHtml | null {
  const times = incident.findings.flatMap((f) => [ms(f.first), ms(f.last)]).filter(Number.isFinite);
  if (times.length === 0) return null;
  const from = Math.min(...times);
  const to = Math.max(Math.max(...times), from + 60_000);
  const keys = incident.servers.map((s) => s.key);
  const shown = keys.length > timelineRows ? keys.slice(0, timelineRows - 1) : keys;
  const other = keys.length > shown.length;
  const rows =
    shown.length + (other ? 1 : 0) + (incident.findings.some((f) => !serverOf(incident, f)) ? 1 : 0);
  const rowOf = (f: (typeof incident.findings)[number]): number => {
    const server = serverOf(incident, f);
    if (!server) return rows - 1;
    const i = shown.indexOf(server.key);
    return i >= 0 ? i : shown.length;
  };
  const H = TOP + rows * ROW + AXIS;
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (W - LABEL - RIGHT);
  const out: SafeHtml[] = [];
  out.push(
    html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Activity over time per external server" class="timeline-chart">`,
  );
  for (let r = 0; r < rows; r++) {
    const y = TOP + r * ROW;
    if (r % 2 === 0) out.push(html`<rect x="0" y="${y}" width="${W}" height="${ROW}" fill="#f6f8fa"/>`);
    const label =
      r < shown.length
        ? shown[r]!
        : r === shown.length && other
          ? `${keys.length - shown.length} other servers`
          : 'no matching server';
    out.push(
      html`<text x="${LABEL - 10}" y="${y + ROW / 2 + 4}" text-anchor="end" font-size="12" fill="#334155"><title>${isolatedText(label)}</title>${isolatedText(clip(visibleText(label), 30, { codePoints: true }))}</text>`,
    );
  }
  for (const t of timeTicks(from, to)) {
    const tx = num(x(t.ms));
    out.push(
      html`<line x1="${tx}" x2="${tx}" y1="${TOP}" y2="${TOP + rows * ROW}" stroke="#dde2e8" stroke-width="1"/>`,
      html`<text x="${tx}" y="${TOP + rows * ROW + 18}" text-anchor="middle" font-size="11" fill="#5b6675">${t.label}</text>`,
    );
  }
  const findings = [...incident.findings]
    .sort((a, b) => b.score - a.score)
    .slice(0, timelineFindingCap)
    .sort((a, b) => a.first.localeCompare(b.first));
  for (const f of findings) {
    const y = TOP + rowOf(f) * ROW;
    const x1 = x(ms(f.first));
    const x2 = Math.max(x(ms(f.last)), x1 + 2);
    const tip = html`${ltrText(f.host)}${` · ${f.detector} · ${f.first.slice(0, 16).replace('T', ' ')} to ${f.last.slice(0, 16).replace('T', ' ')}`}`;
    out.push(
      html`<rect x="${num(x1)}" y="${y + 8}" width="${num(x2 - x1)}" height="${ROW - 16}" rx="2" fill="#1f4e89" fill-opacity="0.16"><title>${tip}</title></rect>`,
    );
  }
  for (const f of findings) {
    const y = TOP + rowOf(f) * ROW + ROW / 2;
    out.push(
      html`<circle cx="${num(x(ms(f.first)))}" cy="${y}" r="3.6" fill="${severityColours[f.severity]}" stroke="#fff" stroke-width="1"><title>${ltrText(f.host)}: ${f.explanation}</title></circle>`,
    );
  }
  out.push(
    html`<line x1="${LABEL}" x2="${W - RIGHT}" y1="${TOP + rows * ROW}" y2="${TOP + rows * ROW}" stroke="#9aa5b1"/>`,
    html`</svg>`,
  );
  const left = incident.findings.length - findings.length;
  return left > 0 ? html`${out}<p class="more">${left} weaker findings are not drawn.</p>` : joinHtml(out);
}
