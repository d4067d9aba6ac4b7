import { expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import type { IntelItem } from '../model.js';
import { readHeadText } from '../read-text.js';
import { reportImporter } from '../reports/report-importer.js';
import { fakeKnownNames, itemsOf, runImporter } from '../run-importer.test-helper.js';
import { iocListImporter } from './ioc-list-importer.js';

const ioc = (rel: string) => sharedData(`intel/ioc/${rel}`);

/** Count of yielded records by `indicator:<type>`, `observable:<kind>` or item kind. */
function tally(items: readonly IntelItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const key =
      it.kind === 'indicator'
        ? `indicator:${it.indicator.type}`
        : it.kind === 'observable'
          ? `observable:${it.observable.kind}`
          : it.kind;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function sniffed(path: string): Promise<{ list: boolean; report: boolean }> {
  const head = await readHeadText(path);
  return { list: iocListImporter.sniff(head, path), report: reportImporter.sniff(head, path) };
}

describeWithSharedData('iocListImporter on the real IOC files', ['intel/ioc'], () => {
  it('PwC Cloud Hopper v3: the url type holds domains; duplicates are yielded once', async () => {
    const path = ioc('pwc-cloud-hopper-iocs-v3.csv');
    expect(await sniffed(path)).toEqual({ list: true, report: false });
    const items = await runImporter(iocListImporter, path, fakeKnownNames);
    // 1,371 url rows (jimin-jp.biz twice), 95 ipv4, 297 md5, 60 email rows (one address twice).
    expect(tally(items)).toEqual({
      'indicator:domain': 1370,
      'indicator:ipv4': 95,
      'indicator:md5': 297,
      'indicator:email': 59,
      'observable:filename': 20,
      'observable:filepath': 17,
      'observable:mutex': 15,
      'observable:registrykey': 11,
      'observable:namepipe': 1,
    });
  });

  it('Unit 42 menuPass: 664 SHA-256 and 220 domain lines (155 distinct), no problems', async () => {
    const path = ioc('unit42-menuPass-iocs.txt');
    expect(await sniffed(path)).toEqual({ list: true, report: false });
    const items = await runImporter(iocListImporter, path, fakeKnownNames);
    expect(tally(items)).toEqual({ 'indicator:sha256': 664, 'indicator:domain': 155 });
    const values = new Set(itemsOf(items, 'indicator').map((i) => i.indicator.value));
    for (const d of [
      'wthelpdesk.com',
      'cloud-maste.com',
      'r3u8.com',
      '2014.zzux.com',
      'trasul.mypicture.info',
    ])
      expect(values).toContain(d);
  });

  it('enSilo 2019 list: defanged domains and 27.102.x.x addresses refanged, headings as context', async () => {
    const path = ioc('apt10-2019-ensilo-riduangan.txt');
    expect(await sniffed(path)).toEqual({ list: true, report: false });
    const items = await runImporter(iocListImporter, path, fakeKnownNames);
    expect(tally(items)).toEqual({
      'indicator:sha256': 8,
      'indicator:domain': 7,
      'indicator:ipv4': 5,
      problem: 1,
    });
    const ind = itemsOf(items, 'indicator').map((i) => i.indicator);
    expect(ind.filter((i) => i.type === 'domain').map((i) => i.value)).toContain('update.kaspresksy.com');
    expect(ind.filter((i) => i.type === 'ipv4').every((i) => i.value.startsWith('27.102.'))).toBe(true);
    expect(ind.find((i) => i.description === 'PlugX jli.dll')?.indicates).toEqual(['entity:e2']);
    expect(ind.find((i) => i.description === 'Quasar RAT')?.indicates).toEqual(['entity:e16']);
    expect(itemsOf(items, 'problem')[0]?.problem).toEqual({
      location: 'line 1',
      message: '"Need verification" is text, not an indicator',
    });
  });

  it('signature-base c2: the APT10 block yields 1,433 domains attached to menuPass', async () => {
    const path = ioc('signature-base/c2-iocs.txt');
    expect(await sniffed(path)).toEqual({ list: true, report: false });
    const items = await runImporter(iocListImporter, path, fakeKnownNames);
    const ind = itemsOf(items, 'indicator').map((i) => i.indicator);
    const apt10 = ind.filter((i) => i.description === 'APT10 C2 IOCs - Source: AlienVault OTX');
    expect(apt10).toHaveLength(1433);
    expect(apt10.every((i) => i.indicates?.includes('entity:e1'))).toBe(true);
    expect(tally(items)).toMatchObject({ 'indicator:domain': 1655, 'indicator:ipv4': 118 });
    expect(itemsOf(items, 'problem')).toHaveLength(0);
  });

  it('signature-base hash, filename and keyword lists import without problems', async () => {
    const hashes = await runImporter(iocListImporter, ioc('signature-base/hash-iocs.txt'), fakeKnownNames);
    expect(tally(hashes)).toMatchObject({
      'indicator:md5': 986,
      'indicator:sha1': 893,
      'indicator:sha256': 1174,
    });
    const names = await runImporter(iocListImporter, ioc('signature-base/filename-iocs.txt'), fakeKnownNames);
    expect(tally(names)).toMatchObject({ 'observable:filename-regex': 3711 });
    const keywords = await runImporter(iocListImporter, ioc('signature-base/keywords.txt'), fakeKnownNames);
    expect(tally(keywords)).toEqual({ 'observable:keyword': 14 });
    for (const items of [hashes, names, keywords]) expect(itemsOf(items, 'problem')).toHaveLength(0);
  });

  it('the APT10 extracts: 1,433 c2 domains, 554 hash lines and 51 distinct file-name patterns, all menuPass', async () => {
    const c2 = await runImporter(iocListImporter, ioc('apt10-extract/c2-iocs.apt10.txt'), fakeKnownNames);
    expect(tally(c2)).toEqual({ 'indicator:domain': 1433 });
    const hashes = await runImporter(
      iocListImporter,
      ioc('apt10-extract/hash-iocs.apt10.txt'),
      fakeKnownNames,
    );
    expect(tally(hashes)).toEqual({ 'indicator:md5': 448, 'indicator:sha1': 41, 'indicator:sha256': 65 });
    expect(
      itemsOf(hashes, 'indicator').filter((i) => i.indicator.indicates?.includes('entity:e1')),
    ).toHaveLength(544);
    const names = await runImporter(
      iocListImporter,
      ioc('apt10-extract/filename-iocs.apt10.txt'),
      fakeKnownNames,
    );
    expect(tally(names)).toEqual({ 'observable:filename-regex': 51 });
  });
});
