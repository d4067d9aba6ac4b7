import { describe, expect, it } from 'vitest';
import type { Incident } from '../../api/types.js';
import { tablesAreSmall } from './incident-tables.js';

function incidentWith(rows: number): Incident {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));
  return { servers: many(rows), timeline: many(rows), findings: many(rows) } as unknown as Incident;
}

describe('incident tables', () => {
  it('15.8: a small incident renders its tables with the page; a thousand-host one waits for the graph and charts', () => {
    expect(tablesAreSmall(incidentWith(10))).toBe(true);
    expect(tablesAreSmall(incidentWith(100))).toBe(true);
    expect(tablesAreSmall(incidentWith(101))).toBe(false);
    expect(tablesAreSmall(incidentWith(1000))).toBe(false);
  });
});
