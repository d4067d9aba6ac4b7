import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoScenario } from './demo-scenario.js';
import { simulatorLayouts } from './log/zeek-layouts.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('14.3 one http layout', () => {
  it('14.3: the demo scenario writes its logs in the simulator layouts, every row as wide as its header', () => {
    writeDemoScenario({ dir, hours: 2 });
    const day = join(dir, '2016-12-01');
    const files = readdirSync(day);
    expect(files.filter((f) => f.startsWith('http.'))).toHaveLength(2);
    for (const file of files) {
      const log = file.split('.')[0] as 'conn' | 'dns' | 'http';
      const layout = simulatorLayouts[log];
      const lines = gunzipSync(readFileSync(join(day, file)))
        .toString('utf8')
        .split('\n');
      expect(lines).toContain(`#fields\t${layout.fields.join('\t')}`);
      expect(lines).toContain(`#types\t${layout.types.join('\t')}`);
      const rows = lines.filter((l) => l !== '' && !l.startsWith('#'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.split('\t')).toHaveLength(layout.fields.length);
    }
    expect(simulatorLayouts.http.fields).toHaveLength(30);
  });
});
