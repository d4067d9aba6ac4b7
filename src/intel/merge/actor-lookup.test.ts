import { describe, expect, it } from 'vitest';
import type { IndexedEntity } from '../../store/intel-store.js';
import { editDistance, lookUpActor } from './actor-lookup.js';

const entity = (id: string, type: string, name: string, aliases: string[], attackIds: string[] = []) =>
  ({ id, type, name, aliases, attackIds, refs: [] }) satisfies IndexedEntity;

const index = [
  entity('a', 'intrusion-set', 'APT10', ['menuPass', 'Stone Panda'], ['G0045']),
  entity('b', 'intrusion-set', 'APT1', ['Comment Crew'], ['G0006']),
  entity('c', 'intrusion-set', 'Lazarus Group', ['HIDDEN COBRA'], ['G0032']),
  entity('d', 'malware', 'PlugX', ['Korplug']),
];

describe('--actor look-up', () => {
  it('--actor must name an existing entity: names and aliases in any case are known', () => {
    expect(lookUpActor(index, 'stone-panda').known).toBe(true);
    expect(lookUpActor(index, 'APT 10').known).toBe(true);
  });

  it('--actor must name an existing entity: a typo is unknown, with close names first', () => {
    expect(lookUpActor(index, 'APT1O')).toEqual({ known: false, suggestions: ['APT1', 'APT10'] });
    expect(lookUpActor(index, 'Lazarus Grup').suggestions).toEqual(['Lazarus Group']);
    expect(lookUpActor(index, 'Lazarus').suggestions).toEqual(['Lazarus Group']);
    expect(lookUpActor(index, 'g0045').suggestions).toEqual(['APT10']);
    // Software is not an actor.
    expect(lookUpActor(index, 'PlugX')).toEqual({ known: false, suggestions: [] });
  });

  it('measures edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
