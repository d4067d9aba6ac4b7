import { describe, expect, it } from 'vitest';
import { LineMap } from './line-map.js';

describe('LineMap', () => {
  it("maps a copy's lines back to the file's across skipped lines", () => {
    const m = new LineMap();
    m.add(9, 3); // copy 1-3 = file 9-11
    m.add(12, 1); // contiguous: no new entry
    m.add(40, 2); // copy 5-6 = file 40-41
    expect([1, 3, 4, 5, 6].map((l) => m.fileLine(l))).toEqual([9, 11, 12, 40, 41]);
    expect(new LineMap().fileLine(7)).toBe(7);
  });
});
