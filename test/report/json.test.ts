import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { incidentsJson, incidentsJsonSchemaVersion } from '../../src/report/json/incidents-json.js';
import { jsonFormat } from '../../src/report/json/json-format.js';
import { reportInput, unknownAttribution } from './fixtures.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const schema = JSON.parse(readFileSync(path.join(docs, 'report-json.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const ajv = new Ajv2020.default({ strict: true, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('JSON contract', () => {
  it('validates against docs/report-json.schema.json, with and without attribution and with no incidents', () => {
    const input = reportInput();
    for (const doc of [
      JSON.parse(jsonFormat.render(input)),
      JSON.parse(
        jsonFormat.render({ ...input, incidents: input.incidents.map((i) => ({ ...i, attribution: null })) }),
      ),
      JSON.parse(jsonFormat.render({ ...input, incidents: [] })),
    ]) {
      expect(validate(doc), errors().join('\n')).toBe(true);
    }
  });

  it('rejects documents that break the contract (the schema is not vacuous)', () => {
    const doc = JSON.parse(jsonFormat.render(reportInput()));
    const broken = structuredClone(doc);
    delete broken.incidents[0].externalServers[0].domains;
    expect(validate(broken)).toBe(false);
    const noUnknown = structuredClone(doc);
    noUnknown.incidents[0].attribution.hypotheses = noUnknown.incidents[0].attribution.hypotheses.filter(
      (h: { actor: string }) => h.actor !== 'unknown',
    );
    expect(validate(noUnknown)).toBe(false);
    expect(validate({ ...doc, schemaVersion: 2 })).toBe(false);
  });

  it('carries the contract fields the issue names', () => {
    const doc = incidentsJson(reportInput());
    expect(doc.schemaVersion).toBe(incidentsJsonSchemaVersion);
    const apt10 = doc.incidents[0]!;
    expect(apt10.internalHosts).toHaveLength(23);
    expect(apt10.externalServers).toHaveLength(10);
    expect(apt10.summary).toBe(
      '23 internal hosts exchanged 4.1 GB (3.8 GB outbound) with 10 external servers between 2016-06-02 and 2016-11-10',
    );
    expect(apt10.externalServers[1]).toMatchObject({
      ip: '198.51.100.21',
      ips: ['198.51.100.21', '198.51.100.22'],
      domains: ['kawasaki.cloud-maste.com'],
      ports: [443, 8080],
    });
    expect(Math.abs(apt10.bytesOut - 3_800_000_000)).toBeLessThan(100);
    const top = apt10.attribution!.hypotheses[0]!;
    expect(top).toMatchObject({ actor: 'menuPass', attackId: 'G0045', term: 'very likely' });
    expect(top.aliases).toContain('APT10');
    expect(top.evidence.map((e) => e.id)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
    expect(apt10.attribution!.confidence).toBe('high');
  });

  it('sorts hypotheses by probability even when attribution hands them over unsorted', () => {
    const a = unknownAttribution();
    const shuffled = { ...a, hypotheses: [...a.hypotheses].reverse() };
    const input = reportInput();
    const doc = incidentsJson({
      ...input,
      incidents: [{ incident: input.incidents[1]!.incident, attribution: shuffled }],
    });
    const ps = doc.incidents[0]!.attribution!.hypotheses.map((h) => h.probability);
    expect(ps).toEqual([...ps].sort((x, y) => y - x));
    expect(doc.incidents[0]!.attribution!.hypotheses[0]!.actor).toBe('unknown');
  });

  it('keeps attacker strings byte for byte (JSON escaping is the serialiser’s job)', () => {
    const text = jsonFormat.render(reportInput());
    const doc = JSON.parse(text);
    expect(doc.incidents[2].externalServers[0].domains[0]).toBe(
      'evil.example"><script>window.__pwned=1</script>',
    );
    expect(text.endsWith('\n')).toBe(true);
  });
});
