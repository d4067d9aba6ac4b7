import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-intel-skips-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeWithSharedData('13.6 intended skips', () => {
  it('13.6: course-of-action objects are skipped by design, not reported as bad records', async () => {
    const file = sharedData('intel/stix/unit42-playbook-granite-taurus-menuPass.stix20.json');
    const r = await run('intel', 'import', file, '--data', join(dir, 'text'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/skipped by design: 45 course-of-action objects not used/);
    expect(r.out).not.toMatch(/bad records/);
    const j = await run('intel', 'import', file, '--data', join(dir, 'json'), '--json');
    const outcome = (JSON.parse(j.out) as { outcomes: { problemCount: number; notes: string[] }[] })
      .outcomes[0];
    expect(outcome?.problemCount).toBe(0);
    expect(outcome?.notes.some((n) => n.includes('45 course-of-action objects not used'))).toBe(true);
  }, 60_000);
});
