import type { FoundMissed, LabelScore } from '../../sim/evaluation/score-incidents.js';

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
export function describeLabelScore(score: LabelScore): string {
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
    const each = score.lookalikes.map((l) => {
      const where =
        l.incidents.length === 0
          ? 'no incident'
          : l.incidents.map((i) => `${i.verdict} in ${i.id}`).join(', ');
      return `    ${l.setApart ? 'set apart' : 'NOT set apart'}: ${l.kind} (${some(l.hosts)}): ${where}`;
    });
    lines.push(`  look-alikes set apart: ${score.lookalikesSetApart} of ${score.lookalikes.length}`, ...each);
  }
  return lines.join('\n');
}
