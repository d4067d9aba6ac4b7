import { describe, expect, it } from 'vitest';
import { formatBytes } from '../format-bytes.js';
import { incidentSummary } from './incident-summary.js';

const base = { findings: 40, firstSeen: '2016-06-02T01:00:00.000Z', lastSeen: '2016-11-10T23:00:00.000Z' };

describe('the summary sentence', () => {
  it('reads like the investigators wrote it', () => {
    expect(incidentSummary({ ...base, hosts: 23, servers: 10, bytesOut: 3.8e9, bytesIn: 0.3e9 })).toBe(
      '23 internal hosts exchanged 4.1 GB (3.8 GB outbound) with 10 external servers between 2016-06-02 and 2016-11-10.',
    );
  });

  it('tells the servers that only delivered payloads apart', () => {
    const x = { ...base, hosts: 23, servers: 11, bytesOut: 229e6, bytesIn: 44e6 };
    expect(incidentSummary({ ...x, delivery: 1 })).toBe(
      '23 internal hosts exchanged 273 MB (229 MB outbound) with 10 external servers between 2016-06-02 and 2016-11-10, and downloaded payloads from 1 more server.',
    );
    // A lone server that only delivered is still the server the hosts talked to.
    expect(incidentSummary({ ...x, servers: 1, delivery: 1 })).toMatch(
      /with 1 external server between .*10\.$/,
    );
  });

  it('gets singulars right and says "on" for one day', () => {
    const oneDay = { ...base, lastSeen: '2016-06-02T05:00:00.000Z' };
    expect(incidentSummary({ ...oneDay, hosts: 1, servers: 1, bytesOut: 1200, bytesIn: 40_000 })).toBe(
      '1 internal host exchanged 41 kB (1.2 kB outbound) with 1 external server on 2016-06-02.',
    );
  });

  it('says "contacted" when no bytes were counted, and copes with no server', () => {
    expect(incidentSummary({ ...base, hosts: 2, servers: 3, bytesOut: 0, bytesIn: 0 })).toBe(
      '2 internal hosts contacted 3 external servers between 2016-06-02 and 2016-11-10.',
    );
    expect(incidentSummary({ ...base, findings: 1, hosts: 1, servers: 0, bytesOut: 0, bytesIn: 0 })).toBe(
      '1 internal host was flagged by 1 finding between 2016-06-02 and 2016-11-10.',
    );
  });

  it('writes bytes in human units', () => {
    expect([0, 999, 1000, 9_949, 12_345_678, 4.1e9, 2.5e12].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '9.9 kB',
      '12 MB',
      '4.1 GB',
      '2.5 TB',
    ]);
  });
});
