import { describe, expect, it } from 'vitest';
import type { LabelScore } from '../../sim/evaluation/score-incidents.js';
import { describeLabelScore } from './demo-score.js';

const fm = (found: string[], missed: string[]) => ({ total: found.length + missed.length, found, missed });

describe('describeLabelScore', () => {
  it('13.3: the demo ends with its score, naming the first misses and the look-alikes', () => {
    const score: LabelScore = {
      infectedHosts: fm(
        ['10.1.0.1'],
        ['10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.5', '10.1.0.6', '10.1.0.7'],
      ),
      c2Servers: fm(['a.example'], []),
      c2Values: fm(['a.example', '198.51.100.1'], []),
      falseHosts: ['10.0.0.20'],
      falseServers: ['s3.eu-west-1.amazonaws.com'],
      lookalikes: [
        {
          kind: 'nightly-backup',
          description: '',
          hosts: ['10.0.0.20'],
          setApart: false,
          incidents: [{ id: 'INC-00000002', verdict: 'suspicious' }],
        },
        { kind: 'cloud-backup-client', description: '', hosts: ['10.1.0.40'], setApart: true, incidents: [] },
      ],
      lookalikesSetApart: 1,
    };
    const text = describeLabelScore(score);
    expect(text).toContain(
      'infected hosts: 1 of 7 found; missed 10.1.0.2, 10.1.0.3, 10.1.0.4, 10.1.0.5 and 2 more',
    );
    expect(text).toContain('C2 servers: 1 of 1 found\n');
    expect(text).toContain('hosts 10.0.0.20; servers s3.eu-west-1.amazonaws.com');
    expect(text).toContain('look-alikes set apart: 1 of 2');
    expect(text).toContain('NOT set apart: nightly-backup (10.0.0.20): suspicious in INC-00000002');
    expect(text).toContain('set apart: cloud-backup-client (10.1.0.40): no incident');
  });
});
