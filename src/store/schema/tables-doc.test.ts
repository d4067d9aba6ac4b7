import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { telemetryTables } from './tables.js';

describe('docs/formats.md', () => {
  it('documents every table and column the schema has', () => {
    const doc = readFileSync(new URL('../../../docs/formats.md', import.meta.url), 'utf8');
    for (const t of Object.values(telemetryTables)) {
      expect(doc, t.name).toContain(`### \`${t.name}\``);
      for (const c of t.columns) expect(doc, `${t.name}.${c.name}`).toContain(`| ${c.name} | ${c.type} |`);
    }
  });
});
