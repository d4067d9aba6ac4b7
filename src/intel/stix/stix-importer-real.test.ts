import { expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import {
  entities,
  indicators,
  notes,
  observables,
  problems,
  relationships,
  runImporter,
} from '../run-importer.test-helper.js';
import { stixImporter } from './stix-importer.js';

const importFile = (file: string) => runImporter(stixImporter, file);

describeWithSharedData('stixImporter on real STIX files', () => {
  it('reads menuPass (G0045) and its software from the ATT&CK subset', async () => {
    const items = await importFile(sharedData('intel/mitre-attack/menuPass-G0045-subset.stix20.json'));
    const all = entities(items);
    const menuPass = all.find((e) => e.attackIds.includes('G0045'));
    expect(menuPass).toMatchObject({ type: 'intrusion-set', name: 'menuPass' });
    expect(menuPass?.aliases).toEqual(expect.arrayContaining(['APT10', 'Stone Panda', 'POTASSIUM']));
    expect(menuPass?.aliases).not.toContain('menuPass');
    expect(all.find((e) => e.attackIds.includes('S0013'))).toMatchObject({ type: 'malware', name: 'PlugX' });
    const byRef = new Map(all.map((e) => [e.ref, e.name]));
    const used = relationships(items)
      .filter((r) => r.sourceRef === menuPass?.ref && r.type === 'uses')
      .map((r) => byRef.get(r.targetRef));
    expect(used).toEqual(expect.arrayContaining(['PlugX', 'RedLeaves', 'ChChes', 'QuasarRAT', 'UPPERCUT']));
    const technique = all.find((e) => e.type === 'attack-pattern' && e.attrs?.['kill_chain_phases']);
    expect(technique?.attrs?.['x_mitre_platforms']).toBeDefined();
    expect(problems(items)).toEqual([]);
  });

  it('reads the whole enterprise ATT&CK bundle', async () => {
    const items = await importFile(
      sharedData('intel/mitre-attack/enterprise-attack.mitre-cti.stix20.json.gz'),
    );
    const all = entities(items);
    expect(all.filter((e) => e.type === 'intrusion-set')).toHaveLength(187);
    expect(all.filter((e) => e.type === 'attack-pattern')).toHaveLength(835);
    expect(all.some((e) => e.revoked)).toBe(true);
    expect(all.some((e) => e.deprecated)).toBe(true);
    expect(all.find((e) => e.attackIds.includes('G0045'))?.aliases).toContain('APT10');
    const rels = relationships(items);
    expect(rels.filter((r) => r.type === 'revoked-by')).toHaveLength(140);
    expect(rels.filter((r) => r.type === 'subtechnique-of').length).toBeGreaterThan(400);
    expect(problems(items)).toEqual([]);
    expect(notes(items)).toEqual([
      'skipped by design: 268 course-of-action objects not used (the knowledge base keeps no such objects); 1445 mitigates relationships, 691 detects relationships not used',
    ]);
  });

  it('reads the STIX 2.1 ICS ATT&CK bundle', async () => {
    const items = await importFile(sharedData('intel/mitre-attack/ics-attack-18.1.stix21.json'));
    const all = entities(items);
    expect(all.filter((e) => e.type === 'intrusion-set')).toHaveLength(16);
    expect(all.find((e) => e.name === 'ALLANITE')?.attackIds).toEqual(['G1000']);
    expect(all.filter((e) => e.type === 'attack-pattern').every((e) => e.attackIds.length > 0)).toBe(true);
    expect(relationships(items).filter((r) => r.type === 'targets').length).toBeGreaterThan(600);
  });

  it('reads the Granite Taurus playbook: its intrusion set, 37 indicators and their links', async () => {
    const items = await importFile(
      sharedData('intel/stix/unit42-playbook-granite-taurus-menuPass.stix20.json'),
    );
    expect(
      entities(items)
        .filter((e) => e.type === 'intrusion-set')
        .map((e) => e.name),
    ).toEqual(['Granite Taurus']);
    const got = indicators(items);
    expect(new Set(got.map((i) => i.ref)).size).toBe(37);
    expect(got.filter((i) => i.type === 'domain')).toHaveLength(12);
    expect(got.filter((i) => i.type === 'sha256')).toHaveLength(25);
    expect(got.map((i) => i.value)).toContain('2014.zzux.com');
    const indicates = relationships(items).filter((r) => r.type === 'indicates');
    expect(indicates).toHaveLength(62);
    expect(entities(items).find((e) => e.attackIds.includes('T1566.001'))?.name).toBe(
      'Spearphishing Attachment',
    );
    expect(relationships(items).some((r) => r.type === 'mentions')).toBe(true);
  });

  it('reads the OASIS APT1 and Poison Ivy reports', async () => {
    const apt1 = await importFile(
      sharedData('stix/cti-stix2-json-schemas/examples/threat-reports/apt1.json'),
    );
    expect(entities(apt1).find((e) => e.type === 'intrusion-set')).toMatchObject({
      name: 'APT1',
      aliases: ['Comment Crew', 'Comment Group', 'Shady Rat'],
      attrs: expect.objectContaining({
        primary_motivation: 'organizational-gain',
        first_seen: '2006-06-01T18:13:15.684Z',
      }),
    });
    expect(
      indicators(apt1)
        .filter((i) => i.type === 'cidr')
        .map((i) => i.value),
    ).toContain('223.166.0.0/15');
    expect(observables(apt1).filter((o) => o.kind === 'stix-pattern')).toHaveLength(2);
    const ivy = await importFile(
      sharedData('stix/cti-stix2-json-schemas/examples/threat-reports/poisonivy.json'),
    );
    expect(indicators(ivy).length).toBeGreaterThan(50);
    expect(problems(ivy).some((p) => p.includes('"domain autuo.xicp.net" is not a domain name'))).toBe(true);
  });

  it('reads the small STIX 2.1 examples', async () => {
    const base = 'stix/cti-stix2-json-schemas/examples';
    const c2 = await importFile(sharedData(`${base}/indicator-for-c2-ip-address.json`));
    expect(indicators(c2).map((i) => [i.type, i.value])).toEqual([['ipv4', '10.0.0.0']]);
    const single = await importFile(sharedData(`${base}/interop-objectmarking-test.json`));
    expect(entities(single).map((e) => e.type)).toEqual(['campaign']);
    const mail = await importFile(sharedData(`${base}/malicious-email-indicator-with-attachment.json`));
    expect(observables(mail).map((o) => o.kind)).toEqual(['stix-pattern', 'stix-pattern']);
  });
});
