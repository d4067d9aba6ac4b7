// Issue 14.5: the HTML report is built with an escaping template instead of hand-written esc()
// calls. The pages below were rendered before that change and stored; the report must stay byte for
// byte the same. Regenerate only for an intended change of the report: npx vitest run -u <this file>.
import { describe, expect, it } from 'vitest';
import type { Incident, TimelineEntry } from '../../src/domain/incident.js';
import { htmlFormat } from '../../src/report/html/html-format.js';
import type { ReportInput } from '../../src/report/report-format.js';
import {
  apt10Attribution,
  apt10Incident,
  bidiStrings,
  hiddenChars,
  hostile,
  hostileAttribution,
  hostileIncident,
  reportInput,
  unknownAttribution,
  unknownIncident,
} from './fixtures.js';

const golden = (name: string) => `../fixtures/html-report/${name}.html`;

/** Attacker text an analyst might paste into a triage note or a title. */
const pasted = `<script>alert("x")</script> & 'quotes' \`tick\` ${hiddenChars} שלום 203.0.113.7 · 443`;

/** Lateral movement from the first host to one inside the host table and one outside it. */
function withLateral(incident: Incident): Incident {
  const [a, b] = incident.hosts;
  const entry = (to: string, ts: string): TimelineEntry => ({
    ts,
    host: a!.ip,
    server: null,
    detector: 'lateral-movement',
    severity: 'high',
    text: `${a!.ip} connected to ${to} on port 445 (SMB) <after> "compromise" & more`,
  });
  return {
    ...incident,
    timeline: [
      ...incident.timeline,
      entry(b!.ip, '2016-06-05T10:00:00.000Z'),
      entry('10.99.0.1', '2016-06-06T11:30:00.000Z'),
    ],
  };
}

const cases: Record<string, () => ReportInput> = {
  // The three fixture incidents: an attributed intrusion, an unknown actor and hostile strings.
  'three-incidents': () => reportInput(),
  // Bidi controls, hidden characters, a right-to-left word before an address, a 257-character name.
  'bidi-hostile': () =>
    reportInput({
      tlp: 'red',
      incidents: [{ incident: hostileIncident(bidiStrings), attribution: hostileAttribution(bidiStrings) }],
    }),
  // Hostile strings everywhere a user or an attacker can put text: title, source, tool, triage note.
  'pasted-text': () =>
    reportInput({
      tlp: 'green',
      title: `Hunt ${pasted}`,
      source: `/data/${pasted}`,
      tool: { name: 'mamori', version: '0.1.0 & "beta" <b>' },
      incidents: [
        {
          incident: { ...hostileIncident({ ...hostile, actor: `APT ${pasted}` }), scope: `sensor-${pasted}` },
          attribution: hostileAttribution({ ...hostile, actor: `APT ${pasted}` }),
          triage: {
            incidentId: 'INC-bad0c0de',
            status: 'true-positive',
            note: pasted,
            by: 'ana <ana@example>',
            at: '2025-01-20T09:00:00Z',
          },
        },
        {
          incident: withLateral(apt10Incident()),
          attribution: apt10Attribution(),
          triage: { incidentId: 'INC-5a1c0e10', status: 'new', note: null, by: '', at: '' },
        },
      ],
    }),
  // A look-alike: likely benign with its reasons, triaged benign, no knowledge base.
  'likely-benign': () =>
    reportInput({
      tlp: 'clear',
      incidents: [
        {
          incident: {
            ...unknownIncident(),
            verdict: 'likely-benign',
            verdictReasons: [`One schedule to one server ${pasted}`, 'Nothing corroborates it.'],
          },
          attribution: { ...unknownAttribution(), likelyBenign: true },
          triage: { incidentId: 'INC-00c0ffee', status: 'benign', note: null, by: 'bo', at: '' },
        },
        { incident: unknownIncident(), attribution: null },
      ],
    }),
  'no-incidents': () => reportInput({ incidents: [], source: undefined, title: undefined }),
};

describe('14.5 the HTML report is byte for byte what it was before the escaping template', () => {
  for (const [name, input] of Object.entries(cases)) {
    it(`14.5: ${name}`, async () => {
      await expect(htmlFormat.render(input())).toMatchFileSnapshot(golden(name));
    });
  }
});
