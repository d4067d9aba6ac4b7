import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../format-bytes.js';
import { hourSeries } from './exfil-baseline.js';
import { exfilExplanation, exfilTechniques } from './exfil-explain.js';
import { exfilScore } from './exfil-score.js';
import type { ExfilCandidate } from './exfiltration-query.js';

const tue = Date.parse('2024-04-02T00:00:00Z') / 1000;

function candidate(over: Partial<ExfilCandidate> = {}): ExfilCandidate {
  return {
    origH: '10.0.0.5',
    respH: '203.0.113.9',
    ports: [443],
    name: null,
    connections: 3,
    bytesOut: 600e6,
    bytesIn: 1e6,
    first: '2024-04-02T02:00:00.000Z',
    last: '2024-04-02T02:40:00.000Z',
    hours: [tue + 2 * 3600],
    hourBytes: [600e6],
    prevalence: 1,
    chunks: { count: 3, p10: 200e6, p50: 200e6, p90: 200e6 },
    ...over,
  };
}

describe('exfiltration explanation', () => {
  it('formats volumes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(25e6)).toBe('25 MB');
    expect(formatBytes(1.23e9)).toBe('1.2 GB');
  });

  it('maps web ports to T1041, other protocols to T1048, and fixed-size pieces to T1030', () => {
    expect(exfilTechniques(candidate())).toEqual(['T1041']);
    expect(exfilTechniques(candidate({ ports: [22] }))).toEqual(['T1048']);
    const pieces = { count: 40, p10: 5e6, p50: 5e6, p90: 5.1e6 };
    expect(exfilTechniques(candidate({ ports: [8082], chunks: pieces }))).toEqual(['T1048', 'T1030']);
    expect(exfilTechniques(candidate({ chunks: { count: 40, p10: 1e6, p50: 5e6, p90: 9e6 } }))).toEqual([
      'T1041',
    ]);
  });

  it('says how much, where, when and how common, clipping a long server name', () => {
    const c = candidate({ name: `${'a'.repeat(150)}.example`, ports: [443, 80] });
    const pair = hourSeries(c.hours, c.hourBytes);
    const s = exfilScore({
      bytesOut: c.bytesOut,
      bytesIn: c.bytesIn,
      pair,
      host: pair,
      prevalence: 1,
      internalHosts: 50,
    });
    const text = exfilExplanation(c, s, 1, 'connections');
    expect(text).toMatch(
      /^10\.0\.0\.5 sent 600 MB to a{99}… \(203\.0\.113\.9\) in 3 connections to ports 443 and 80 /,
    );
    expect(text).toMatch(/100% of it outside working hours, and no other internal host talks to it\.$/);
  });
});
