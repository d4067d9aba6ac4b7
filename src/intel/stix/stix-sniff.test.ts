import { describe, expect, it } from 'vitest';
import { sniffStix } from './stix-sniff.js';

const u = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('sniffStix', () => {
  it.each([
    ['a bundle', '{"type": "bundle", "id": "bundle--1", "objects": []}', true],
    ['a bundle with odd spacing', '{\n  "id" : "bundle--1" ,\n  "type"   :"bundle"}', true],
    ['a list of objects', `[{"type": "malware", "id": "malware--${u(1)}", "name": "x"}]`, true],
    ['a single 2.1 object', `{"spec_version": "2.1", "type": "x-custom", "id": "x-custom--${u(1)}"}`, true],
    [
      'a TAXII envelope',
      `{"more": false, "objects": [{"type": "indicator", "id": "indicator--${u(1)}"}]}`,
      true,
    ],
    [
      'a MISP event',
      `{"Event": {"info": "x", "Attribute": [{"type": "indicator", "id": "indicator--${u(1)}"}]}}`,
      false,
    ],
    ['a MISP event list', `{"response": [{"Event": {"id": "1"}}]}`, false],
    [
      'a MISP galaxy cluster file',
      '{"authors": ["x"], "type": "threat-actor", "uuid": "7cdff317-a673-4474-84ec-4f1754947823", "values": [{"value": "APT1", "uuid": "1"}]}',
      false,
    ],
    ['an object with a mismatched id', `{"type": "malware", "id": "tool--${u(1)}"}`, false],
    [
      'a TAXII server data file',
      `{"api1": {"collections": [{"objects": [{"type": "indicator", "id": "indicator--${u(1)}"}]}]}}`,
      false,
    ],
    ['plain text', 'type bundle', false],
  ])('sniffs %s: %s', (_name, head, want) => {
    expect(sniffStix(head, 'x.json')).toBe(want);
  });
});
