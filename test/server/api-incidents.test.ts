// The triage queue over HTTP with a few hundred stored incidents: cursor paging end to end under
// every sort, and the filters (status, severity, verdict, q, sort and order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncidents } from '../../bench/server/seed-incidents.js';
import { apiUsers } from './api-dataset.js';
import { startTestServer, type TestServer } from './server-harness.js';

type Item = Record<string, unknown> & { id: string };
let t: TestServer;
let cookie = '';
let csrf = '';
const total = 240;

const page = async (path: string): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const r = await fetch(`${t.api}${path}`, { headers: { cookie } });
  expect(r.status, `${path}: ${r.status}`).toBe(200);
  return (await r.json()) as { items: Item[]; nextCursor: string | null };
};

/** Every page of `path`, following nextCursor. */
async function walk(path: string): Promise<Item[][]> {
  const pages: Item[][] = [];
  let next: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const p = await page(next ? `${path}${sep}cursor=${encodeURIComponent(next)}` : path);
    pages.push(p.items);
    next = p.nextCursor;
  } while (next && pages.length < 1000);
  return pages;
}

beforeAll(async () => {
  t = await startTestServer({ users: apiUsers, seed: (store) => seedIncidents(store, total).then(() => {}) });
  ({ cookie, csrf } = await t.login('anna', 'pw-anna'));
}, 60_000);
afterAll(() => t?.close());

describe('15.5: GET /incidents paging and filters', () => {
  it('15.5: pages neither lose nor repeat incidents, under every sort and order, limit respected', async () => {
    const all = (await page('/incidents?limit=1000')).items.map((i) => i.id);
    expect(all.length).toBe(total);
    for (const sort of ['score', 'lastSeen', 'firstSeen', 'hosts', 'servers', 'bytes', 'severity'])
      for (const order of ['asc', 'desc']) {
        const pages = await walk(`/incidents?limit=17&sort=${sort}&order=${order}`);
        expect(pages.every((p) => p.length <= 17)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.length === 17)).toBe(true);
        const ids = pages.flat().map((i) => i.id);
        expect(new Set(ids).size, `${sort} ${order}`).toBe(ids.length);
        expect([...ids].sort(), `${sort} ${order}`).toEqual([...all].sort());
        const key = (i: Item) => (sort === 'bytes' ? Number(i['bytesOut']) + Number(i['bytesIn']) : i[sort]);
        if (sort !== 'severity') {
          const values = pages.flat().map(key) as (number | string)[];
          const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(values, `${sort} ${order}`).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
      }
  }, 60_000);

  it('15.5: filters by severity, verdict, status and text, and pages a filtered list', async () => {
    const all = (await page('/incidents?limit=1000')).items;
    const high = all.filter((i) => i['severity'] === 'high').map((i) => i.id);
    expect(high.length).toBeGreaterThan(0);
    const got = (await walk('/incidents?severity=high&limit=9&sort=hosts&order=asc')).flat();
    expect(got.map((i) => i.id).sort()).toEqual([...high].sort());
    expect((await page('/incidents?verdict=likely-benign')).items).toEqual([]);
    expect((await page('/incidents?verdict=suspicious&limit=1000')).items.length).toBe(total);

    const target = all[5] as Item;
    const byId = (await page(`/incidents?q=${target.id.toLowerCase()}`)).items.map((i) => i.id);
    expect(byId).toEqual([target.id]);
    const patch = await fetch(`${t.api}/incidents/${target.id}/triage`, {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'benign', assignee: 'anna' }),
    });
    expect(patch.status, await patch.clone().text()).toBe(200);
    expect((await page('/incidents?status=benign')).items.map((i) => i.id)).toEqual([target.id]);
    const open = (await walk('/incidents?status=new,investigating&limit=50')).flat();
    expect(open.length).toBe(total - 1);
    expect(open.some((i) => i.id === target.id)).toBe(false);
    const bad = await fetch(`${t.api}/incidents?status=maybe`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  }, 60_000);
});
