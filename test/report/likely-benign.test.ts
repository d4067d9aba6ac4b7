// Issue 13.1: a likely-benign look-alike is not headed "unknown actor: almost certain (99%)" in the
// terminal, Markdown or HTML; it says no actor is assessed, and the terminal shows why it is benign.
import { describe, expect, it } from 'vitest';
import { describeIncident } from '../../src/cli/incidents/describe-incident.js';
import { htmlAttribution, htmlVerdict } from '../../src/report/html/html-attribution.js';
import { mdAttribution, mdAttributionLine } from '../../src/report/md/md-attribution.js';
import { unknownAttribution, unknownIncident } from './fixtures.js';

const attribution = {
  ...unknownAttribution(),
  likelyBenign: true as const,
  assessment:
    'No actor is assessed for INC-00c0ffee: the activity is likely benign (a look-alike to review), and nothing ties it to an actor in the knowledge base.',
};
const incident = {
  ...unknownIncident(),
  verdict: 'likely-benign' as const,
  verdictReasons: [
    'The only evidence is one schedule to one server (192.0.2.66), as backup, sync and update clients keep.',
  ],
};

describe('13.1 likely-benign attribution', () => {
  it('13.1: the terminal shows "likely benign: review" with the reasons and no actor ranking', () => {
    const text = describeIncident(incident, attribution);
    expect(text.split('\n')[0]).toBe('INC-00c0ffee  likely benign: review (0.74)');
    expect(text).toContain(
      'Likely benign, because:\n  - The only evidence is one schedule to one server (192.0.2.66)',
    );
    expect(text).toContain('Attribution: no actor assessed (the activity is likely benign).');
    expect(text).not.toMatch(/almost certain/);
  });

  it('13.1: Markdown and HTML say no actor is assessed instead of "almost certain" for unknown', () => {
    expect(mdAttributionLine(attribution)).toBe(
      '**Attribution:** no actor assessed: the activity is likely benign.',
    );
    expect(mdAttribution(attribution)).not.toMatch(/almost certain|\*unknown actor\*/);
    expect(htmlVerdict(attribution).markup).toContain('No actor assessed: the activity is likely benign.');
    expect(htmlAttribution(attribution).markup).not.toMatch(/almost certain|Unknown actor/);
    // A suspicious incident keeps its ranking.
    expect(mdAttribution(unknownAttribution())).toContain('*unknown actor*');
  });
});
