import { describe, expect, it } from 'vitest';
import { parseAlertMetadata } from './alert-metadata.js';

describe('alert metadata', () => {
  it('reads families, severity, confidence and techniques from ET metadata lists', () => {
    const m = parseAlertMetadata(
      JSON.stringify({
        malware_family: ['Cobalt_Strike', 'N/A'],
        signature_severity: ['Critical'],
        confidence: ['High'],
        attack_target: ['Client_Endpoint'],
        mitre_technique_id: ['T1071.001', 'bogus'],
      }),
    );
    expect(m).toEqual({
      malwareFamilies: ['Cobalt_Strike'],
      signatureSeverity: 'Critical',
      confidence: 'High',
      attackTarget: 'Client_Endpoint',
      techniques: ['T1071.001'],
    });
  });

  it('treats missing or unreadable metadata as none', () => {
    for (const bad of [null, '', 'not json', '[1,2]', '{"malware_family": 3}']) {
      expect(parseAlertMetadata(bad).malwareFamilies).toEqual([]);
    }
  });
});
