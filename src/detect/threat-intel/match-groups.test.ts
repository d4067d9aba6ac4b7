import { describe, expect, it } from 'vitest';
import { InternalNetworks } from '../internal-networks.js';
import type { IndicatorMatch } from './intel-match-query.js';
import { groupMatches } from './match-groups.js';

const m = (
  field: string,
  observed: string,
  origH: string,
  respH: string | null,
  value = observed,
): IndicatorMatch => ({
  indicatorKey: `k-${value}`,
  indicatorType: field.startsWith('files.') ? 'sha256' : 'domain',
  indicatorValue: value,
  field,
  observed,
  origH,
  respH,
  count: 1,
  first: '2019-03-04T02:00:00Z',
  last: '2019-03-04T02:00:00Z',
  sampleUid: null,
  entities: [],
  sources: ['test'],
});

const internal = new InternalNetworks();
const proxy = '10.1.0.3';
const client = '10.1.0.11';
const hash = 'ab'.repeat(32);

describe('groupMatches', () => {
  it('makes the DNS name, its answer and the connection one group', () => {
    const groups = groupMatches(
      [
        m('dns.query', 'c2.example', client, '10.1.0.2'),
        m('dns.answers', '203.0.113.5', client, '10.1.0.2'),
        m('ssl.server_name', 'c2.example', client, '203.0.113.5'),
      ],
      internal,
      new Set(),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ host: client, ip: '203.0.113.5', domain: 'c2.example' });
  });

  it('keeps a C2 name asked through the proxy apart from a file downloaded through it', () => {
    const groups = groupMatches(
      [
        m('http.host', 'cdn.c2.example', client, proxy),
        m('files.sha256', hash, client, proxy),
        m('files.sha256', hash, proxy, '198.51.100.7'),
      ],
      internal,
      new Set([proxy]),
    );
    const byDomain = groups.find((g) => g.domain === 'cdn.c2.example');
    const file = groups.find((g) => g.ms.some((x) => x.field === 'files.sha256'));
    expect(groups).toHaveLength(2);
    expect(byDomain).toMatchObject({ host: client, ip: proxy });
    // The download is the client's, at the server the proxy fetched it from, and names no C2 name.
    expect(file).toMatchObject({ host: client, ip: '198.51.100.7', domain: null });
    expect(file?.ms).toHaveLength(1);
  });
});
