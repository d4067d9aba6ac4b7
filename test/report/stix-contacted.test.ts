import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/finding.js';
import { stixBundle } from '../../src/report/stix/stix-format.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { assemble, DAY, type FindingSpec } from './fixtures/assemble.js';
import { reportInput } from './fixtures.js';
import { stixValidator } from './stix-schema.js';

type Obj = Record<string, unknown> & { type: string; id: string };

const t0 = Date.parse('2024-03-04T10:00:00Z');
const finding = (
  detector: FindingSpec['detector'],
  server: number,
  stats: Finding['stats'],
): FindingSpec => ({
  detector,
  techniques: ['T1071'],
  host: '10.1.2.3',
  server,
  first: t0,
  last: t0 + DAY,
  bytesOut: 1000,
  bytesIn: 2000,
  score: 0.8,
  stats,
  explanation: `${detector} finding`,
});

// As the correlator builds them: rare destinations groups a name under its registered domain, which
// becomes the server's first name and the finding's endpoint.
const incident = assemble(
  'INC-5173c0de',
  [
    { domains: ['google.com', 'sites.google.com'], ips: [], ports: [443], protocols: ['tcp'] },
    { domains: ['evil.example', 'www.evil.example'], ips: [], ports: [443], protocols: ['tcp'] },
    { domains: ['c2.bad.example'], ips: ['198.51.100.7'], ports: [8443], protocols: ['tcp'] },
    { domains: ['blogspot.com', 'x-drop.blogspot.com'], ips: [], ports: [443], protocols: ['tcp'] },
  ],
  [
    finding('rare-destinations', 0, { kind: 'domain', names: ['sites.google.com'] }),
    finding('rare-destinations', 1, { kind: 'domain', names: ['www.evil.example', 'evil.example'] }),
    finding('beaconing', 2, {}),
    finding('rare-destinations', 3, { kind: 'domain', names: ['X-Drop.blogspot.com.'] }),
  ],
);
const input = reportInput({ incidents: [{ incident, attribution: null }] });
const objects = stixBundle(input).objects as Obj[];
const patterns = objects.filter((o) => o.type === 'indicator').map((o) => String(o.pattern));
const domainValues = objects.filter((o) => o.type === 'domain-name').map((o) => String(o.value));

describe('STIX indicators name only contacted names', () => {
  it('STIX exports sites.google.com, not google.com, when only sites.google.com was contacted', () => {
    expect(patterns.join('\n')).toContain("domain-name:value = 'sites.google.com'");
    expect(patterns.join('\n')).not.toMatch(/'google\.com'/);
    expect(domainValues).not.toContain('google.com');
  });

  it('a hosting service (blogspot.com) is never generalised to; its contacted site is kept', () => {
    expect(patterns.join('\n')).toContain("domain-name:value = 'x-drop.blogspot.com'");
    expect(patterns.join('\n')).not.toMatch(/'blogspot\.com'/);
    expect(domainValues).not.toContain('blogspot.com');
  });

  it('a registered domain that was itself contacted, and a beacon name, stay indicators', () => {
    expect(patterns.join('\n')).toContain("domain-name:value = 'evil.example'");
    expect(patterns.join('\n')).toContain("domain-name:value = 'www.evil.example'");
    expect(patterns.join('\n')).toContain("domain-name:value = 'c2.bad.example'");
  });
});

describeWithSharedData('STIX with only contacted names against the OASIS schemas', () => {
  it('still validates', () => {
    const validator = stixValidator(sharedData('stix/cti-stix2-json-schemas/schemas'));
    const bundle = stixBundle(input);
    expect((bundle.objects as Obj[]).flatMap((o) => validator.object(o))).toEqual([]);
    expect(validator.bundle(bundle)).toEqual([]);
  });
});
