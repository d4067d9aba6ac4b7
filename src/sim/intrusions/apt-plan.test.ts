import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { compromiseTimes, planExfil } from './apt-plan.js';
import { inOperatorHours } from './apt-schedule.js';

const start = Date.parse('2016-06-01T00:00:00Z') / 1000;
const day = 86_400;

describe('apt plan', () => {
  it('sends exactly the exfil volume, in uploads of 5–30 MB, in the operator hours', () => {
    const chunks = planExfil(new Rng(1), 200e6, start + 3600, start + 3 * day, 480, [9, 18], 'none');
    expect(chunks.reduce((s, c) => s + c.bytes, 0)).toBe(200e6);
    expect(chunks.every((c) => c.bytes >= 5e6 && c.bytes <= 30e6)).toBe(true);
    // Uploads start in the operator's working hours (a run of them may spill into the next hour).
    expect(
      chunks.every((c) => inOperatorHours(c.ts, 480, [9, 18]) || inOperatorHours(c.ts - 3600, 480, [9, 18])),
    ).toBe(true);
    expect(new Set(chunks.map((c) => Math.floor(c.ts / 3600))).size).toBeGreaterThan(1);
  });

  it('still sends everything when the window holds no working hour', () => {
    const chunks = planExfil(new Rng(2), 50e6, start + 1800, start + 6 * 3600, 480, [20, 21], 'none');
    expect(chunks.reduce((s, c) => s + c.bytes, 0)).toBe(50e6);
    expect(planExfil(new Rng(2), 0, start, start + day, 0, [9, 18], 'none')).toEqual([]);
  });

  it('compromises the first host early and the others later, within the window', () => {
    const t = compromiseTimes(new Rng(3), 5, start, start + 2 * day);
    expect(t).toHaveLength(5);
    expect(Math.min(...t)).toBe(t[0]);
    expect(t.every((x) => x > start && x < start + 2 * day * 0.7)).toBe(true);
  });
});
