import type { ReportInput } from '../../src/report/report-format.js';
import { apt10Attribution, apt10Incident } from './fixtures/apt10.js';
import { hostileAttribution, hostileIncident } from './fixtures/hostile.js';
import { unknownAttribution, unknownIncident } from './fixtures/unknown.js';

export { apt10Attribution, apt10Incident } from './fixtures/apt10.js';
export { bidiStrings, hiddenChars } from './fixtures/bidi.js';
export { type HostileStrings, hostile, hostileAttribution, hostileIncident } from './fixtures/hostile.js';
export { unknownAttribution, unknownIncident } from './fixtures/unknown.js';

/** The report input tests render: the three incidents, fixed time, TLP:AMBER. */
export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    incidents: [
      { incident: apt10Incident(), attribution: apt10Attribution() },
      { incident: unknownIncident(), attribution: unknownAttribution() },
      { incident: hostileIncident(), attribution: hostileAttribution() },
    ],
    generatedAt: '2025-02-01T12:00:00.000Z',
    tlp: 'amber',
    title: 'Hunt of the Osaka office, June to November 2016',
    source: '/data/zeek/osaka (Zeek TSV, 163 days)',
    tool: { name: 'mamori', version: '0.1.0' },
    ...overrides,
  };
}
