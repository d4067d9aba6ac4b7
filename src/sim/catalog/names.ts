import { hashString, type Rng } from '../random.js';
import { brandFragments, brandSuffixes, c2Hosts, c2Tlds, nouns, tailTlds, words } from './words.js';

/** A small site's registered domain: `cedar-bakery.co.uk`, `rivertools24.de`. */
export function longTailDomain(rng: Rng): string {
  const a = rng.pick(words);
  const b = rng.chance(0.5) ? rng.pick(nouns) : rng.pick(words);
  const sep = rng.chance(0.3) ? '-' : '';
  const num = rng.chance(0.12) ? String(rng.int(1, 99)) : '';
  return `${a}${sep}${b}${num}.${rng.pick(tailTlds)}`;
}

/** A small software vendor's update host: `update.granitesoft.com`. */
export function vendorUpdateHost(rng: Rng): string {
  const base = `${rng.pick(words)}${rng.pick(['soft', 'ware', 'systems', 'labs', 'tech', 'apps'])}`;
  return `${rng.pick(['update', 'updates', 'license', 'api', 'check'])}.${base}.${rng.pick(['com', 'com', 'net', 'de', 'io'])}`;
}

/** Misspells a word the way C2 registrations do: a dropped, doubled, swapped or replaced letter. */
function misspell(rng: Rng, word: string): string {
  for (;;) {
    const i = rng.int(1, word.length - 2);
    let w: string;
    switch (rng.int(0, 3)) {
      case 0:
        w = word.slice(0, i) + word.slice(i + 1);
        break;
      case 1:
        w = word.slice(0, i) + word[i] + word.slice(i);
        break;
      case 2:
        w = word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
        break;
      default:
        w = word.replace(/o/, '0').replace(/l/, '1').replace(/i/, '1');
    }
    if (w !== word) return w;
  }
}

/**
 * An APT-style C2 name: a host under a misspelled brand-like registered domain,
 * `update.micrsoft-sync.net`. The misspelling keeps it off real top-site lists.
 */
export function lookalikeDomain(rng: Rng): { host: string; registered: string } {
  const brand = misspell(rng, rng.pick(brandFragments));
  const registered = `${brand}${rng.chance(0.5) ? '-' : ''}${rng.pick(brandSuffixes)}.${rng.pick(c2Tlds)}`;
  return { host: `${rng.pick(c2Hosts)}.${registered}`, registered };
}

const consonants = 'bcdfghjklmnpqrstvwxz';
const vowels = 'aeiouy';

/** A DGA name: alternating consonants and vowels (Simda-like) or plain random letters. */
export function dgaLabel(rng: Rng, style: 'syllables' | 'random'): string {
  const n = rng.int(7, style === 'random' ? 16 : 11);
  if (style === 'random') return rng.chars('abcdefghijklmnopqrstuvwxyz', n);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.chars(i % 2 === 0 ? consonants : vowels, 1);
  return s;
}

/** The single-label names Chrome queries at start-up to detect NXDOMAIN hijacking. */
export function chromeProbeLabel(rng: Rng): string {
  return rng.chars('abcdefghijklmnopqrstuvwxyz', rng.int(7, 15));
}

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A CDN label derived from a name, the same in every run: `d1x4k2q9z7m3ab.cloudfront.net`. */
export function hashedLabel(name: string, length: number, alphabet = base32): string {
  let s = '';
  let h = hashString(name);
  for (let i = 0; i < length; i++) {
    if (i % 6 === 5) h = hashString(name, h);
    s += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length);
  }
  return s;
}

/** A mistyped name that does not exist: a doubled letter, a dropped dot, a mangled TLD. */
export function typoName(rng: Rng, name: string): string {
  switch (rng.int(0, 2)) {
    case 0: {
      const i = rng.int(0, name.length - 1);
      return name[i] === '.' ? `${name}x` : name.slice(0, i) + name[i] + name.slice(i);
    }
    case 1:
      return name.replace(/^www\./, 'www').replace(/\.(?=[^.]+$)/, '.c');
    default:
      return `${name}${rng.pick(['m', 'mm', 'k', '.'])}`.replace(/\.$/, '.ocm');
  }
}
