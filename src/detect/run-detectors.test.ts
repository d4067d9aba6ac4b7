import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { detectScopes, scopeName, scopeSensors } from './run-detectors.js';

// A session whose every query answers with the stored sensors, one per row, as the sensors query does.
const storeWith = (sensors: string[]) =>
  ({
    analytics: { dialect: 'duckdb', settle: async () => {}, rows: async () => sensors.map((x) => [x]) },
  }) as unknown as Store;

describe('detection scopes', () => {
  it('hunts every stored sensor alone by default, reading the whole store unfiltered when it is one', async () => {
    expect(await detectScopes(storeWith(['hq', 'lab']))).toEqual([
      { name: 'hq', sensors: ['hq'] },
      { name: 'lab', sensors: ['lab'] },
    ]);
    expect(await detectScopes(storeWith(['hq']))).toEqual([{ name: 'hq', sensors: undefined }]);
    expect(await detectScopes(storeWith([]))).toEqual([{ name: '', sensors: undefined }]);
  });

  it('hunts named sensors together as one network', async () => {
    expect(await detectScopes(storeWith(['dns', 'egress', 'lab']), ['egress', 'dns'])).toEqual([
      { name: 'dns,egress', sensors: ['dns', 'egress'] },
    ]);
    expect(await detectScopes(storeWith(['dns', 'egress']), ['egress', 'dns'])).toEqual([
      { name: 'dns,egress', sensors: undefined },
    ]);
  });

  it('names a scope by its sorted sensors and reads the name back as a filter', async () => {
    expect(scopeName(['b', 'a', 'b'])).toBe('a,b');
    expect(await scopeSensors(storeWith(['a', 'b', 'c']), 'a,b')).toEqual(['a', 'b']);
    expect(await scopeSensors(storeWith(['a', 'b']), 'a,b')).toBeUndefined();
    expect(await scopeSensors(storeWith(['a']), undefined)).toBeUndefined();
  });
});
