// Contract of the aggregate behind each finding's evidence: the uids and community ids of its rows.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { findingEvidence } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, iso } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const EVIL = '203.0.113.90';
const EVIL2 = '203.0.113.91';

const conn = (t: number, uid: string, orig: string, resp: string, community_id: string | null = null) => ({
  ts: at(t),
  uid,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: 443,
  proto: 'tcp',
  community_id,
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 's', file: '/ev' },
    {
      conn: [
        // Given out of order: the sample is earliest first.
        conn(30, 'C3', A, EVIL, '1:ccc='),
        conn(10, 'C1', A, EVIL, '1:aaa='),
        conn(20, 'C2', A, EVIL, '1:aaa='),
        // Outside the finding's span, another host, another server: not evidence.
        conn(500, 'C9', A, EVIL),
        conn(15, 'C8', B, EVIL),
        conn(25, 'C7', A, '198.51.100.1'),
        // The domain's second address (its DNS answer), reached by A.
        conn(40, 'C4', A, EVIL2),
      ],
      dns: [
        {
          ts: at(5),
          uid: 'D1',
          orig_h: A,
          resp_h: '10.0.0.53',
          resp_p: 53,
          query: 'Bad.Example.',
          answers: [EVIL2],
        },
        { ts: at(6), uid: 'D2', orig_h: A, resp_h: '10.0.0.53', resp_p: 53, query: 'x1.tunnel.example' },
        { ts: at(7), uid: 'D3', orig_h: A, resp_h: '10.0.0.53', resp_p: 53, query: 'x2.tunnel.example' },
      ],
    },
  );
  // IDS alerts, one naming the server as the source: both are flows of the pair.
  const alert = (t: number, uid: string, orig: string, resp: string) => ({
    ts: at(t),
    uid,
    orig_h: orig,
    orig_p: 443,
    resp_h: resp,
    resp_p: 40001,
    proto: 'tcp',
    signature: 'x',
    community_id: `1:${uid}=`,
  });
  await ingest(
    store,
    { sensor: 's', file: '/eve' },
    { alerts: [alert(60, 'A1', EVIL2, B), alert(61, 'A2', B, EVIL2)] },
  );
  // The same address in another network: never evidence of the first network's findings.
  await ingest(store, { sensor: 'other', file: '/ev2' }, { conn: [conn(12, 'X1', A, EVIL, '1:zzz=')] });
}

describeEachBackend('finding evidence', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('15.1: uids earliest first with their count and sorted community ids, per finding, in order', async () => {
    const span = { first: iso(0), last: iso(100) };
    const got = await findingEvidence(store, {
      sensors: ['s'],
      findings: [
        { host: A, endpointIp: EVIL, endpointDomain: null, ...span },
        { host: A, endpointIp: null, endpointDomain: 'bad.example', ...span },
        { host: A, endpointIp: null, endpointDomain: 'tunnel.example', ...span },
        { host: B, endpointIp: '192.0.2.1', endpointDomain: null, ...span },
        { host: B, endpointIp: EVIL2, endpointDomain: null, ...span },
      ],
    });
    expect(got).toEqual([
      { uids: ['C1', 'C2', 'C3'], uidCount: 3, communityIds: ['1:aaa=', '1:ccc='] },
      { uids: ['C4'], uidCount: 1, communityIds: [] },
      { uids: ['D2', 'D3'], uidCount: 2, communityIds: [] },
      { uids: [], uidCount: 0, communityIds: [] },
      { uids: ['A1', 'A2'], uidCount: 2, communityIds: ['1:A1=', '1:A2='] },
    ]);
  });

  it('15.1: the sample is capped while the count is not; the last instant is inside the span', async () => {
    const got = await findingEvidence(store, {
      sensors: ['s'],
      maxUids: 2,
      maxCommunityIds: 1,
      findings: [{ host: A, endpointIp: EVIL, endpointDomain: null, first: iso(10), last: iso(30) }],
    });
    expect(got).toEqual([{ uids: ['C1', 'C2'], uidCount: 3, communityIds: ['1:aaa='] }]);
  });

  it('15.1: without a scope every network counts; an empty list asks nothing', async () => {
    const got = await findingEvidence(store, {
      findings: [{ host: A, endpointIp: EVIL, endpointDomain: null, first: iso(0), last: iso(100) }],
    });
    expect(got[0]?.uids).toEqual(['C1', 'X1', 'C2', 'C3']);
    expect(await findingEvidence(store, { findings: [] })).toEqual([]);
  });
});
