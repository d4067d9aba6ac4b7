import { describe, expect, it } from 'vitest';
import { deepLineIn, jsonDepthOver, valueNestsDeeper } from './json-depth.js';

describe('JSON nesting depth (M2)', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonDepthOver(`{"a":${'['.repeat(70)}${']'.repeat(70)}}`)).toBe(71);
    expect(jsonDepthOver(`{"a":"${'['.repeat(500)}"}`)).toBe(0);
    expect(jsonDepthOver(`{"a":"\\"${'{'.repeat(500)}"}`)).toBe(0);
    expect(jsonDepthOver(Buffer.from(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`))).toBe(65);
    expect(jsonDepthOver(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe(0);
  });

  it('finds the deep line of a block, and parsed values are walked without recursion', () => {
    const block = Buffer.from(`{"a":1}\n{"b":${'['.repeat(100)}${']'.repeat(100)}}\n`);
    expect(deepLineIn(block)).toEqual({ index: 1, depth: 101 });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueNestsDeeper(deep)).toBe(true);
    expect(valueNestsDeeper({ a: [{ b: 1 }] })).toBe(false);
  });
});
