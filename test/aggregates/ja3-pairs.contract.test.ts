// Contract of the aggregate a JA3 suppression asks: which pairs speak TLS only with that JA3.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { ja3Pairs } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, iso } from './backends.js';

describeEachBackend('ja3 pairs', (open) => {
  let store: Store;
  const backup = 'a0e9f5d64349fb13191bc781f81f42e1';
  const other = '6734f37431670b3ab4292b8f60f29984';
  beforeAll(async () => {
    store = await open();
    const hello = (i: number, host: string, resp: string, sni: string, ja3: string | null) => ({
      ts: at(i),
      uid: `S${i}`,
      orig_h: host,
      orig_p: 5000 + i,
      resp_h: resp,
      resp_p: 443,
      server_name: sni,
      ja3,
    });
    await ingest(
      store,
      { sensor: 's', file: '/ja3' },
      {
        ssl: [
          // 10.0.0.5 → backup.example: the backup agent's fingerprint every time.
          hello(1, '10.0.0.5', '198.51.100.7', 'Backup.Example', backup),
          hello(2, '10.0.0.5', '198.51.100.7', 'backup.example', backup),
          // 10.0.0.6 → the same server, once with another client: not only that JA3.
          hello(3, '10.0.0.6', '198.51.100.7', 'backup.example', backup),
          hello(4, '10.0.0.6', '198.51.100.7', 'backup.example', other),
          // 10.0.0.7 → an address without a JA3 recorded: not matched.
          hello(5, '10.0.0.7', '203.0.113.9', 'x.example', null),
          // Later, 10.0.0.6 speaks only the backup JA3.
          hello(8, '10.0.0.6', '198.51.100.7', 'backup.example', backup),
        ],
      },
    );
  });

  it('14.2 ja3Pairs: the pairs whose TLS client hellos all carry the JA3, by address or server name', async () => {
    const pairs = [
      { host: '10.0.0.5', ip: '198.51.100.7', domain: '' },
      { host: '10.0.0.6', ip: '198.51.100.7', domain: '' },
      { host: '10.0.0.7', ip: '203.0.113.9', domain: '' },
      { host: '10.0.0.5', ip: '', domain: 'backup.example' },
      { host: '10.0.0.9', ip: '198.51.100.7', domain: '' },
    ];
    expect(await ja3Pairs(store, { ja3: backup.toUpperCase(), pairs })).toEqual([0, 3]);
    expect(await ja3Pairs(store, { ja3: backup, pairs, from: iso(6) })).toEqual(
      [0, 1, 3].filter((i) => i === 1),
    );
    expect(await ja3Pairs(store, { ja3: backup, pairs: [] })).toEqual([]);
  });
});
