import { describe, expect, it } from 'vitest';
import type { LabelScore } from '../../sim/evaluation/score-incidents.js';
import { describeLabelScore, describeSetApart } from './demo-score.js';

const fm = (found: string[], missed: string[]) => ({ total: found.length + missed.length, found, missed });

const score: LabelScore = {
  infectedHosts: fm(['10.1.0.1'], ['10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.5', '10.1.0.6', '10.1.0.7']),
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
      reason: 'suspicious incident INC-00000002',
      evidence: ['suspicious incident INC-00000002'],
    },
    {
      kind: 'cloud-backup-client',
      description: '',
      hosts: ['10.1.0.40'],
      setApart: true,
      incidents: [],
      reason: '2 low findings, no incident: calls about every 1.0 h (beaconing)',
      evidence: ['a\u001b]0;x\u0007', 'b', 'c', 'd'],
    },
  ],
  lookalikesSetApart: 1,
};

describe('describeLabelScore', () => {
  it('13.3: the demo ends with its score, naming the first misses and the look-alikes', () => {
    const text = describeLabelScore(score, 1000);
    expect(text).toContain(
      'infected hosts: 1 of 7 found; missed 10.1.0.2, 10.1.0.3, 10.1.0.4, 10.1.0.5 and 2 more',
    );
    expect(text).toContain('C2 servers: 1 of 1 found\n');
    expect(text).toContain('hosts 10.0.0.20; servers s3.eu-west-1.amazonaws.com');
    expect(text).toContain('look-alikes set apart: 1 of 2');
    expect(text).toContain('NOT set apart: nightly-backup (10.0.0.20): suspicious incident INC-00000002');
    expect(text).toContain(
      'set apart: cloud-backup-client (10.1.0.40): 2 low findings, no incident: calls about every 1.0 h (beaconing)',
    );
  });

  it('13.3: the set-apart section lists only look-alikes set apart, with why, escaped and capped', () => {
    const text = describeSetApart(score, 1000);
    expect(text.split('\n')).toEqual([
      "Set apart as likely benign (the simulator's planted look-alikes; why, from the hunt):",
      '  cloud-backup-client (10.1.0.40):',
      '    a\\u001B]0;x\\u0007',
      '    b',
      '    c',
      '    and 1 more',
    ]);
    expect(describeSetApart({ ...score, lookalikes: [] }, 1000)).toBe('');
    // On a narrow terminal a long reason wraps under its own indent.
    const long = {
      ...score.lookalikes[1],
      evidence: ['10.1.0.40 → f001.backblazeb2.com: calls about every 1.0 h'],
    };
    const narrow = describeSetApart({ ...score, lookalikes: [long as LabelScore['lookalikes'][number]] }, 40);
    expect(narrow.split('\n').slice(2)).toEqual([
      '    10.1.0.40 → f001.backblazeb2.com:',
      '      calls about every 1.0 h',
    ]);
  });
});
