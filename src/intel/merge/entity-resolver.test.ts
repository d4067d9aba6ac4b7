import { describe, expect, it } from 'vitest';
import type { EntityRecord } from '../model.js';
import { EntityResolver } from './entity-resolver.js';

const rec = (
  ref: string,
  name: string,
  aliases: string[] = [],
  extra: Partial<EntityRecord> = {},
): EntityRecord => ({
  ref,
  type: 'intrusion-set',
  name,
  aliases,
  attackIds: [],
  ...extra,
});

describe('EntityResolver', () => {
  it('joins an ATT&CK group, its MITRE galaxy cluster and a threat-actor cluster by id, ref and name', () => {
    const r = new EntityResolver([]);
    const attack = r.resolve(
      rec('intrusion-set--1a2b3c4d-0000-4000-8000-000000000001', 'menuPass', ['APT10', 'Stone Panda'], {
        attackIds: ['G0045'],
      }),
      'attack',
    );
    expect(attack).toMatchObject({ id: 'intrusion-set--1a2b3c4d-0000-4000-8000-000000000001', isNew: true });
    const mitreCluster = r.resolve(
      rec('uuid:1a2b3c4d-0000-4000-8000-000000000001', 'menuPass', [], {
        otherRefs: ['intrusion-set--1a2b3c4d-0000-4000-8000-000000000001'],
      }),
      'galaxy',
    );
    expect(mitreCluster.id).toBe(attack.id);
    const actorCluster = r.resolve(
      rec('uuid:56b37b05-72e7-4a89-ba8a-61ce45269a8c', 'APT10', ['Granite Taurus', 'Cloud Hopper']),
      'ta',
    );
    expect(actorCluster).toMatchObject({ id: attack.id, isNew: false });
    expect(r.resolveRef('name:actor:granite taurus')).toBe(attack.id);
    expect(r.resolveRef('attack:g0045')).toBe(attack.id);
    expect(r.resolveRef(`entity:${attack.id}`)).toBe(attack.id);
  });

  it('never merges across different ATT&CK ids or classes, and keeps ambiguous names apart', () => {
    const r = new EntityResolver([]);
    const a = r.resolve(rec('x--1', 'Cobalt', [], { attackIds: ['G0080'] }), 's');
    const b = r.resolve(rec('x--2', 'Cobalt', [], { attackIds: ['G9999'] }), 's');
    expect(b.id).not.toBe(a.id);
    const tool = r.resolve(rec('x--3', 'Cobalt', [], { type: 'tool' }), 's');
    expect(tool.id).not.toBe(a.id);
    const third = r.resolve(rec('x--4', 'cobalt'), 's');
    expect(third.isNew).toBe(true);
    expect(third.note).toMatch(/names 2 entities/);
  });

  it('makes one stub per unknown name, reused by later refs', () => {
    const r = new EntityResolver([]);
    const id = r.resolveRef('name:software:NewRAT');
    expect(id).toMatch(/^malware--/);
    expect(r.resolveRef('name:software:newrat')).toBe(id);
    expect(r.stubs).toHaveLength(1);
    expect(r.resolveRef('name:actor:')).toBeNull();
  });

  it('starts from the stored index', () => {
    const r = new EntityResolver([
      {
        id: 'intrusion-set--a',
        type: 'intrusion-set',
        name: 'menuPass',
        aliases: ['APT10'],
        attackIds: ['G0045'],
        refs: ['uuid:u1'],
      },
    ]);
    expect(r.resolve(rec('uuid:u1', 'whatever'), 's').id).toBe('intrusion-set--a');
    expect(r.resolve(rec('other', 'APT 10'), 's').id).toBe('intrusion-set--a');
  });
});

describe('EntityResolver bridging', () => {
  it('folds an alias-less entity into the one a later source says it is, but never an ATT&CK one', () => {
    const r = new EntityResolver([]);
    const attack = r.resolve(
      rec('intrusion-set--a', 'menuPass', ['APT10'], { attackIds: ['G0045'] }),
      'attack',
    );
    const unit42 = r.resolve(rec('intrusion-set--b', 'Granite Taurus'), 'unit42');
    expect(unit42.id).not.toBe(attack.id);
    r.resolve(rec('uuid:c', 'APT10', ['Granite Taurus']), 'galaxy');
    expect(r.merges).toEqual([
      { from: unit42.id, into: attack.id, why: expect.stringContaining('Granite Taurus') },
    ]);
    expect(r.resolveRef('intrusion-set--b')).toBe(attack.id);
    const other = r.resolve(rec('intrusion-set--d', 'Winnti Group', [], { attackIds: ['G0044'] }), 'attack');
    r.resolve(rec('uuid:e', 'APT10', ['Winnti Group']), 'galaxy');
    expect(r.merges).toHaveLength(1);
    expect(r.resolveRef('attack:G0044')).toBe(other.id);
  });
});

describe('EntityResolver trust', () => {
  const apt10 = rec('intrusion-set--1a2b3c4d-0000-4000-8000-000000000001', 'APT10', ['menuPass'], {
    attackIds: ['G0045'],
  });
  const lazarus = rec('intrusion-set--1a2b3c4d-0000-4000-8000-000000000002', 'Lazarus Group', [], {
    attackIds: ['G0032'],
  });
  // Aliases of two different groups: it is neither, so it stays apart.
  const fake = rec('intrusion-set--1a2b3c4d-0000-4000-8000-000000000009', 'Quiet Heron', [
    'APT10',
    'Lazarus Group',
    'Heron',
  ]);

  it('M6: an unvetted record keeps no alias a reference source gives another entity', () => {
    const r = new EntityResolver([]);
    const real = r.resolve(apt10, 'attack', 'reference');
    const laz = r.resolve(lazarus, 'attack', 'reference');
    const claim = r.resolve(fake, 'fake', 'unvetted');
    expect(claim.isNew).toBe(true);
    expect(claim.dropped).toEqual([
      { claim: 'APT10', kind: 'name', ownerId: real.id },
      { claim: 'Lazarus Group', kind: 'name', ownerId: laz.id },
    ]);
    expect(r.resolveRef('name:actor:APT10')).toBe(real.id);
    const byId = r.resolve(rec('x--1', 'Evil Panda', [], { attackIds: ['G0045'] }), 'fake', 'unvetted');
    expect(byId).toMatchObject({ isNew: true, attackIds: [] });
    expect(byId.dropped).toEqual([{ claim: 'G0045', kind: 'attack-id', ownerId: real.id }]);
  });

  it('M6: a reference record is not captured by an alias an unvetted source gave first', () => {
    const r = new EntityResolver([]);
    const claim = r.resolve(fake, 'fake', 'unvetted');
    const real = r.resolve(apt10, 'attack', 'reference');
    expect(real.isNew).toBe(true);
    expect(real.id).not.toBe(claim.id);
    // An unvetted entity's own name still joins: a stub or a vendor's actor of the same name.
    const stub = r.resolve(rec('y--1', 'Heron Team'), 'list', 'unvetted');
    expect(r.resolve(rec('z--1', 'Heron Team', [], { attackIds: ['G0999'] }), 'attack', 'reference').id).toBe(
      stub.id,
    );
  });
});
