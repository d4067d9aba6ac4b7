import { beforeAll, expect, it } from 'vitest';
import { parsePattern } from '../../src/intel/stix/pattern/index.js';
import { stixConfidence } from '../../src/report/stix/stix-confidence.js';
import { stixBundle, stixFormat } from '../../src/report/stix/stix-format.js';
import { scoId, uuidv5 } from '../../src/report/stix/stix-ids.js';
import { tlpMarking } from '../../src/report/stix/tlp-markings.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { reportInput } from './fixtures.js';
import { stixValidator } from './stix-schema.js';

type Obj = Record<string, unknown> & { type: string; id: string };

describeWithSharedData('STIX 2.1 bundle against the OASIS JSON schemas', () => {
  // Built in beforeAll: without the shared data this block is only listed, never run.
  let validator: ReturnType<typeof stixValidator>;
  beforeAll(() => {
    validator = stixValidator(sharedData('stix/cti-stix2-json-schemas/schemas'));
  });
  const bundle = stixBundle(reportInput());
  const objects = bundle.objects as Obj[];

  it('validates every object against its type schema, and the bundle as a whole', () => {
    const failures = objects.flatMap((o) => validator.object(o).map((e) => `${o.id}: ${e}`));
    expect(failures).toEqual([]);
    expect(validator.bundle(bundle)).toEqual([]);
  });

  it('is a validator that fails broken objects (so the passes above mean something)', () => {
    const indicator = objects.find((o) => o.type === 'indicator')!;
    const { valid_from: _, ...noValidFrom } = indicator;
    expect(validator.object(noValidFrom)).not.toEqual([]);
    const relationship = objects.find((o) => o.relationship_type === 'attributed-to')!;
    expect(validator.object({ ...relationship, confidence: 150 })).not.toEqual([]);
    const domain = objects.find((o) => o.type === 'domain-name')!;
    expect(validator.object({ ...domain, value: 'evil.example"><script>' })).not.toEqual([]);
  });

  it('has the object types the issue asks for', () => {
    const types = new Set(objects.map((o) => o.type));
    for (const t of [
      'observed-data',
      'sighting',
      'indicator',
      'intrusion-set',
      'relationship',
      'identity',
      'campaign',
      'marking-definition',
      'ipv4-addr',
      'ipv6-addr',
      'domain-name',
      'network-traffic',
      'report',
    ]) {
      expect(types, t).toContain(t);
    }
  });

  it('still validates for an incident without attribution and for an empty hunt, at every TLP level', () => {
    for (const tlp of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      const base = reportInput({ tlp });
      for (const input of [
        { ...base, incidents: [] },
        { ...base, incidents: base.incidents.map((i) => ({ ...i, attribution: null })) },
      ]) {
        const b = stixBundle(input);
        const failures = (b.objects as Obj[]).flatMap((o) => validator.object(o).map((e) => `${o.id}: ${e}`));
        expect(failures).toEqual([]);
        expect(validator.bundle(b)).toEqual([]);
      }
    }
  });
});

it('resolves every reference inside the bundle and marks every object with the TLP 2.0 marking', () => {
  const bundle = stixBundle(reportInput({ tlp: 'amber+strict' }));
  const objects = bundle.objects as Obj[];
  const ids = new Set(objects.map((o) => o.id));
  expect(ids.size).toBe(objects.length);
  const marking = objects.find((o) => o.type === 'marking-definition')!;
  expect(marking).toEqual(tlpMarking('amber+strict'));
  expect(marking).toMatchObject({
    id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    name: 'TLP:AMBER+STRICT',
    extensions: {
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
        extension_type: 'property-extension',
        tlp_2_0: 'amber+strict',
      },
    },
  });
  for (const o of objects) {
    if (o.type !== 'marking-definition') expect(o.object_marking_refs, o.id).toEqual([marking.id]);
    for (const [key, value] of Object.entries(o)) {
      const refs = key.endsWith('_ref') ? [value] : key.endsWith('_refs') ? (value as unknown[]) : [];
      for (const r of refs) expect(ids.has(r as string), `${o.id} ${key} → ${String(r)}`).toBe(true);
    }
  }
});

it('attributes the campaign to intrusion sets with DNI-scale confidence (STIX 2.1 Appendix A)', () => {
  const objects = stixBundle(reportInput()).objects as Obj[];
  const sets = objects.filter((o) => o.type === 'intrusion-set');
  const menuPass = sets.find((s) => s.name === 'menuPass')!;
  expect(menuPass.aliases).toContain('APT10');
  expect(menuPass.external_references).toEqual([
    { source_name: 'mitre-attack', external_id: 'G0045', url: 'https://attack.mitre.org/groups/G0045/' },
  ]);
  const attributed = objects.filter((o) => o.relationship_type === 'attributed-to');
  const toMenuPass = attributed.find((r) => r.target_ref === menuPass.id)!;
  expect(toMenuPass.source_ref).toMatch(/^campaign--/);
  expect(toMenuPass.confidence).toBe(85); // very likely
  // Actors judged less than "unlikely" get no attributed-to: APT3 and Winnti stay out.
  expect(sets.map((s) => s.name)).not.toContain('APT3');
  expect(sets.some((s) => s.name === 'unknown')).toBe(false);
  expect(
    [
      'almost no chance',
      'very unlikely',
      'unlikely',
      'roughly even chance',
      'likely',
      'very likely',
      'almost certain',
    ].map((t) => stixConfidence(t as never)),
  ).toEqual([5, 15, 30, 50, 70, 85, 95]);
});

it('writes parseable STIX patterns and leaves hostile names and warninglisted servers out of indicators', () => {
  const objects = stixBundle(reportInput()).objects as Obj[];
  const indicators = objects.filter((o) => o.type === 'indicator');
  expect(indicators.length).toBeGreaterThan(10);
  for (const i of indicators) {
    expect(() => parsePattern(i.pattern as string), i.pattern as string).not.toThrow();
    expect(i).toMatchObject({ pattern_type: 'stix', pattern_version: '2.1' });
  }
  const patterns = indicators.map((i) => i.pattern as string).join('\n');
  expect(patterns).toContain("[domain-name:value = 'wthelpdesk.com']");
  expect(patterns).toContain("[ipv6-addr:value = '2001:db8::24']");
  expect(patterns).not.toMatch(/script|[|`\n]c\.example/);
  const domains = objects.filter((o) => o.type === 'domain-name').map((o) => o.value as string);
  expect(domains.some((d) => /[<>"|`\s]/.test(d))).toBe(false);
  const sightings = objects.filter((o) => o.type === 'sighting');
  expect(sightings.length).toBe(indicators.length);
});

it('gives the same ids for the same incidents, whatever the time', () => {
  const a = stixBundle(reportInput());
  const b = stixBundle(reportInput({ generatedAt: '2030-01-01T00:00:00.000Z' }));
  expect(b.id).toBe(a.id);
  expect(b.objects.map((o) => o.id)).toEqual(a.objects.map((o) => o.id));
  const strip = (s: string) => s.replace(/"(created|modified|published)": "[^"]+"/g, '');
  expect(strip(stixFormat.render(reportInput({ generatedAt: '2030-01-01T00:00:00.000Z' })))).toBe(
    strip(stixFormat.render(reportInput())),
  );
});

it('derives SCO ids as STIX 2.1 §3.4 prescribes', () => {
  // RFC 4122 appendix-style check of the UUIDv5 implementation (DNS namespace, "python.org").
  expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
    '886313e1-3b8a-5372-9b90-0c9aee199e5d',
  );
  // The spec's example: an ipv4-addr's id from its value.
  expect(scoId('ipv4-addr', { value: '198.51.100.3' })).toMatch(/^ipv4-addr--[0-9a-f-]{36}$/);
  expect(scoId('domain-name', { value: 'example.com' })).toBe(
    'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7',
  );
});
