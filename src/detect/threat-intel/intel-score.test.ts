import { describe, expect, it } from 'vitest';
import { severityOf } from '../../domain/finding.js';
import { intelScore } from './intel-score.js';

describe('threat-intel score', () => {
  it('a single unattributed hit is high; attribution, corroborating fields and sources raise it', () => {
    expect(intelScore({ fields: 1, sources: 1, attributed: false })).toBe(0.75);
    expect(severityOf(0.75)).toBe('high');
    expect(intelScore({ fields: 1, sources: 1, attributed: true })).toBe(0.85);
    expect(intelScore({ fields: 3, sources: 1, attributed: true })).toBe(0.95);
    expect(intelScore({ fields: 9, sources: 4, attributed: true })).toBe(0.99);
  });
});
