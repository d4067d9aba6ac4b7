import { describe, expect, it } from 'vitest';
import { isDisguised, payloadConfig, payloadScore } from './payload-score.js';

const facts = { kinds: ['document'], executableExtensions: [], rawAddress: false, hosts: 1 };

describe('payloadScore', () => {
  it('ranks executables over documents over PDFs, and never reaches the incident threshold', () => {
    const exe = payloadScore({ ...facts, kinds: ['executable'] });
    const doc = payloadScore(facts);
    const pdf = payloadScore({ ...facts, kinds: ['pdf'] });
    expect(exe).toBeGreaterThan(doc);
    expect(doc).toBeGreaterThan(pdf);
    const worst = payloadScore({
      kinds: ['executable', 'document'],
      executableExtensions: ['gif'],
      rawAddress: true,
      hosts: 1,
    });
    expect(worst).toBe(payloadConfig.cap);
    expect(worst).toBeLessThan(0.5);
  });

  it('raises an executable behind an image extension, not behind .bin', () => {
    expect(isDisguised({ executableExtensions: ['jpg'] })).toBe(true);
    expect(isDisguised({ executableExtensions: ['bin', 'dat'] })).toBe(false);
    expect(payloadScore({ ...facts, kinds: ['executable'], executableExtensions: ['jpg'] })).toBeGreaterThan(
      payloadScore({ ...facts, kinds: ['executable'], executableExtensions: ['bin'] }),
    );
  });

  it('falls as more internal hosts reach the server, and ignores unknown kinds', () => {
    expect(payloadScore({ ...facts, hosts: 3 })).toBeLessThan(payloadScore(facts));
    expect(payloadScore({ ...facts, kinds: ['video'] })).toBe(0);
  });
});
