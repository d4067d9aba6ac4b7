import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFormats } from '../../src/ingest/formats.js';
import type { IngestSummary } from '../../src/ingest/ingest-paths.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { count, listFiles, openTempStore, type TempStore } from './ingest-helpers.js';

type Eve = { event_type: string; alert?: Record<string, unknown> };

const eveFile = () => sharedData('suricata/slips-test6-malicious.eve.json');
const samplerDir = () => sharedData('suricata/alerts-sampler');
const readEve = (file: string): Eve[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Eve);

const tableOf: Record<string, string> = {
  flow: 'conn',
  alert: 'alerts',
  dns: 'dns',
  http: 'http',
  fileinfo: 'files',
  anomaly: 'weird',
  tls: 'ssl',
};

describeWithSharedData('Suricata EVE from the shared data set', () => {
  describe('slips-test6-malicious.eve.json (NDJSON)', () => {
    let t: TempStore;
    let summary: IngestSummary;
    let events: Eve[];
    beforeAll(async () => {
      t = await openTempStore('eve');
      summary = await t.ingest([eveFile()]);
      events = readEve(eveFile());
    });
    afterAll(() => t.close());

    it('has the event counts SOURCES.md states', () => {
      const byType: Record<string, number> = {};
      for (const e of events) byType[e.event_type] = (byType[e.event_type] ?? 0) + 1;
      expect(byType).toEqual({ flow: 3512, alert: 745, dns: 680, http: 56, fileinfo: 3, anomaly: 3, tls: 1 });
    });

    it('puts each event type in its table, the rest in events, with no rejects', async () => {
      expect(summary.outcomes[0]?.status).toBe('ingested');
      expect(summary.rejects).toBe(0);
      const expected: Record<string, number> = {};
      for (const e of events) {
        const table = tableOf[e.event_type] ?? 'events';
        expected[table] = (expected[table] ?? 0) + 1;
      }
      expect(summary.rowsByTable).toEqual(expected);
      const others = events.filter((e) => !tableOf[e.event_type]).length;
      expect(await count(t.store, `SELECT count(*) FROM events WHERE log_type LIKE 'suricata.%'`)).toBe(
        others,
      );
    });

    it("marks every row engine 'suricata'", async () => {
      for (const table of Object.keys(summary.rowsByTable)) {
        const rows = await t.store.query(`SELECT DISTINCT engine FROM "${table}"`);
        expect(rows.map((r) => r['engine'])).toEqual(['suricata']);
      }
    });

    it('keeps signature, signature_id, category, severity and metadata of every alert', async () => {
      const key = (a: Record<string, unknown>) =>
        JSON.stringify([
          a['signature_id'],
          a['signature'],
          a['category'],
          a['severity'],
          a['metadata'] ?? null,
        ]);
      const fromFile = events
        .filter((e) => e.event_type === 'alert')
        .map((e) => key(e.alert ?? {}))
        .sort();
      const rows = await t.store.query(
        `SELECT signature_id::BIGINT AS signature_id, signature, category, severity::INTEGER AS severity, metadata FROM alerts`,
      );
      const fromStore = rows
        .map((r) =>
          key({
            signature_id: Number(r['signature_id']),
            signature: r['signature'],
            category: r['category'],
            severity: r['severity'],
            metadata: r['metadata'] === null ? null : JSON.parse(String(r['metadata'])),
          }),
        )
        .sort();
      expect(fromStore).toEqual(fromFile);
      expect(fromFile.some((k) => k.includes('"affected_product"'))).toBe(true);
    });
  });

  describe('alerts-sampler (JSON arrays)', () => {
    let t: TempStore;
    let summary: IngestSummary;
    beforeAll(async () => {
      t = await openTempStore('alerts-sampler');
      summary = await t.ingest([samplerDir()]);
    });
    afterAll(() => t.close());

    it('loads every alert of each array', async () => {
      const arrays = listFiles(samplerDir()).filter((f) => f.endsWith('.alerts-only.json'));
      expect(arrays.length).toBe(4);
      for (const f of arrays) {
        const list = JSON.parse(readFileSync(f, 'utf8')) as Eve[];
        if (path.basename(f).startsWith('first-org-conf-2015')) expect(list.length).toBe(136);
        const alerts = list.filter((e) => e.event_type === 'alert').length;
        expect(alerts, f).toBe(list.length);
        expect(await count(t.store, 'SELECT count(*) FROM alerts WHERE source_file = ?', [f]), f).toBe(
          alerts,
        );
      }
      expect(summary.rejects).toBe(0);
    });

    it('skips the signature lists in a directory walk instead of failing', () => {
      const lists = summary.outcomes.filter((o) => o.path.endsWith('.signature-list.txt'));
      expect(lists.length).toBe(4);
      for (const o of lists) expect(o.status).toBe('skipped');
      expect(summary.byStatus.failed).toBe(0);
      expect(summary.byStatus.ingested).toBe(4);
    });

    it('fails a signature list named explicitly, naming the file and the expected formats', async () => {
      const file = path.join(samplerDir(), 'first-org-conf-2015.signature-list.txt');
      const s = await t.ingest([file]);
      const o = s.outcomes[0];
      expect(o?.status).toBe('failed');
      expect(o?.rows).toBe(0);
      expect(o?.message).toContain(file);
      expect(o?.message).toContain('not telemetry');
      expect(o?.message).toContain(expectedFormats);
      expect(expectedFormats).toMatch(/Zeek TSV.*Zeek JSON.*Suricata EVE.*JSON array/);
    });
  });
});
