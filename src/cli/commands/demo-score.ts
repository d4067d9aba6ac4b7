import type { FoundMissed, LabelScore } from '../../sim/evaluation/score-incidents.js';
import { cellText } from '../output.js';
import { paint, terminalWidth } from '../terminal.js';
import { wrapText } from '../text-wrap.js';

const shown = 4;

// "a, b, c, d and 19 more": a miss is visible by name without flooding the terminal.
function some(values: readonly string[]): string {
  const head = values.slice(0, shown).join(', ');
  return values.length > shown ? `${head} and ${values.length - shown} more` : head;
}

function line(label: string, fm: FoundMissed): string {
  const missed = fm.missed.length > 0 ? `; missed ${some(fm.missed)}` : '';
  return `  ${label}: ${fm.found.length} of ${fm.total} found${missed}`;
}

/** The demo's closing block: its incidents against labels.json, with the misses named. */
export function describeLabelScore(score: LabelScore, cols = terminalWidth()): string {
  const lines = [
    'Score against labels.json (the truth):',
    line('infected hosts', score.infectedHosts),
    line('C2 servers', score.c2Servers),
    line('C2 names and addresses contacted', score.c2Values),
  ];
  const falseOnes = [
    score.falseHosts.length > 0 ? `hosts ${some(score.falseHosts)}` : '',
    score.falseServers.length > 0 ? `servers ${some(score.falseServers)}` : '',
  ].filter(Boolean);
  lines.push(
    `  false (in suspicious incidents, not in the truth): ${falseOnes.length > 0 ? falseOnes.join('; ') : 'none'}`,
  );
  if (score.lookalikes.length > 0) {
    // The reason quotes names from the wire (servers, verdict reasons): one visible line each.
    const each = score.lookalikes.map((l) => {
      const where = `${l.setApart ? 'set apart' : 'NOT set apart'}: ${l.kind} (${some(l.hosts)})`;
      return wrapText(`${where}: ${cellText(l.reason)}`, cols, { indent: '    ', hanging: '      ' });
    });
    lines.push(`  look-alikes set apart: ${score.lookalikesSetApart} of ${score.lookalikes.length}`, ...each);
  }
  return lines.join('\n');
}

/** Reasons shown per look-alike; the rest are counted (--json has them all). */
const shownReasons = 3;

/**
 * The demo's "set apart" section, after its incidents: each planted look-alike that became no
 * suspicious incident, with why in the hunt's own words (its findings, or the incident's verdict
 * reasons). Empty when there is none to show.
 */
export function describeSetApart(score: LabelScore, cols = terminalWidth()): string {
  const apart = score.lookalikes.filter((l) => l.setApart);
  if (apart.length === 0) return '';
  const lines = [
    paint('bold', "Set apart as likely benign (the simulator's planted look-alikes; why, from the hunt):"),
  ];
  for (const l of apart) {
    lines.push(`  ${l.kind} (${some(l.hosts)}):`);
    for (const e of l.evidence.slice(0, shownReasons))
      lines.push(wrapText(cellText(e), cols, { indent: '    ', hanging: '      ' }));
    const more = l.evidence.length - shownReasons;
    if (more > 0) lines.push(`    and ${more} more`);
  }
  return lines.join('\n');
}
