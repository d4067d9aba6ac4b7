import { describe, expect, it } from 'vitest';
import { bitsPerChar, labelRandomness } from './name-randomness.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (labels: string[], at = 0.5) =>
  labels.filter((l) => labelRandomness(l) >= at).length / labels.length;

describe('label randomness', () => {
  it('keeps words, brands and everyday host names low (names not in the baseline)', () => {
    const benign = [
      'weatherchannel',
      'livescience',
      'theverge',
      'arstechnica',
      'bostonglobe',
      'denverpost',
      'houstonchronicle',
      'sandiegouniontribune',
      'aftonbladet',
      'derstandard',
      'lesechos',
      'computerbild',
      'stackexchange',
      'bankofamerica',
      'starbucks',
      'mercurynews',
      'gooogle',
      'amazom',
      'paypall',
      'steamcontent',
    ];
    expect(share(benign)).toBe(0);
    expect(mean(benign.map(labelRandomness))).toBeLessThan(0.1);
  });

  it('scores random letters, hex and base32 high', () => {
    for (const l of [
      'xkqzjwexv',
      'jepntwjomiaq',
      'cxewiwbohq',
      'psvykcmk',
      'a3f9c2e1b7d4',
      'mzxw6ytboi2dmmrrgu4tk',
    ])
      expect(labelRandomness(l), l).toBeGreaterThanOrEqual(0.9);
    expect(bitsPerChar('da97042df41e3bf7fb1bb0bd3ae2b21c')).toBeGreaterThan(bitsPerChar('footprintdns') + 2);
  });

  it('flags most pronounceable DGA names (Simda) as random-looking', () => {
    const simda = [
      'gacyfew',
      'lyryjir',
      'qexylup',
      'vowyzuk',
      'puzymig',
      'gatykow',
      'qegysoq',
      'lymytux',
      'vocyzit',
      'purydyv',
      'qekyqop',
      'gadyfuh',
    ];
    expect(share(simda)).toBeGreaterThanOrEqual(0.8);
  });

  it('lets through only a few compound and foreign names (the cost of an English baseline)', () => {
    const compound = [
      'bestpizzadeals',
      'oldcompanyportal',
      'myweddingphotos',
      'localgardenclub',
      'greenvalleyfarm',
      'vintagebicycles',
      'runningclubnews',
      'homebrewsupplies',
      'lakehousefishing',
      'sunsetyogastudio',
      'downtowndentist',
      'mobilerepairshop',
      'classiccarclub',
      'bluemoonbakery',
      'smartphonedeals',
      'dogwalkingclub',
      'sueddeutsche',
      'handelsblatt',
      'ouestfrance',
      'lavanguardia',
    ];
    expect(share(compound)).toBeLessThanOrEqual(0.1);
  });

  it('trusts short labels less', () => {
    expect(labelRandomness('xqz')).toBe(0);
    expect(labelRandomness('qzxkv')).toBeLessThan(labelRandomness('qzxkvjwpt'));
    expect(labelRandomness('')).toBe(0);
  });
});
