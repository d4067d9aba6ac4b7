// Contract of the aggregate that names addresses (DNS answers, TLS SNI, HTTP Host) for findings.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { addressNames } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, iso } from './backends.js';

describeEachBackend('dns names', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    const id = (i: number, resp: string) => ({
      ts: at(i),
      uid: `U${i}`,
      orig_h: '10.0.0.5',
      orig_p: 5000,
      resp_h: resp,
      resp_p: 443,
    });
    await ingest(
      store,
      { sensor: 's', file: '/names' },
      {
        dns: [
          {
            ...id(1, '10.0.0.53'),
            query: 'Bolt.Dropbox.com',
            answers: ['162.125.9.9', 'bolt-cname.example'],
          },
        ],
        ssl: [
          ...[2, 3, 4].map((i) => ({ ...id(i, '162.125.9.9'), server_name: 'client.dropbox.com' })),
          // An address in the SNI names nothing.
          { ...id(7, '198.51.100.1'), server_name: '198.51.100.1' },
        ],
        http: [{ ...id(6, '162.125.9.9'), host: 'dl.dropbox.com:80' }],
      },
    );
  });

  it('14.2 addressNames: names from DNS answers, TLS SNI and HTTP Host, most used first', async () => {
    const ips = ['162.125.9.9', '198.51.100.1', '203.0.113.7'];
    expect([...(await addressNames(store, { ips, maxNames: 2 }))]).toEqual([
      ['162.125.9.9', ['client.dropbox.com', 'bolt.dropbox.com']],
    ]);
    expect([...(await addressNames(store, { ips, maxNames: 5 }))]).toEqual([
      ['162.125.9.9', ['client.dropbox.com', 'bolt.dropbox.com', 'dl.dropbox.com']],
    ]);
    expect([...(await addressNames(store, { ips, maxNames: 5, from: iso(5) }))]).toEqual([
      ['162.125.9.9', ['dl.dropbox.com']],
    ]);
    expect((await addressNames(store, { ips: [], maxNames: 2 })).size).toBe(0);
  });
});
