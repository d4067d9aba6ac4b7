import { baselineText } from './name-baseline.js';

// Symbols: a–z, one class for all digits, one for '-' and '_', and a word boundary (start and end).
const digit = 26;
const dash = 27;
const boundary = 28;
const symbols = 29;
/** Weight of the letter frequencies behind each letter-pair estimate (Dirichlet smoothing). */
const priorMass = 4;
/** Weight of the letter pair across two words of the baseline, as in a compound name. */
const compoundWeight = 0.5;

function symbolOf(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return digit;
  return dash;
}

/** log2 P(next | previous) for every pair, learnt from the baseline text. */
function trainPairs(text: string): Float64Array {
  const pairs = new Float64Array(symbols * symbols);
  const singles = new Float64Array(symbols);
  const count = (a: number, b: number, weight = 1) => {
    pairs[a * symbols + b] = (pairs[a * symbols + b] ?? 0) + weight;
    singles[b] = (singles[b] ?? 0) + weight;
  };
  let lastOfPrevious = -1;
  for (const word of text.toLowerCase().split(/[^a-z0-9_-]+/)) {
    if (word === '') continue;
    let prev = boundary;
    for (const ch of word) {
      const next = symbolOf(ch);
      count(prev, next);
      prev = next;
    }
    count(prev, boundary);
    // Domain names glue words together (cheapflights, runningclub): the pair across a word
    // boundary is ordinary too, at a lower weight than pairs inside words.
    if (lastOfPrevious >= 0) count(lastOfPrevious, symbolOf(word[0] ?? '-'), compoundWeight);
    lastOfPrevious = prev;
  }
  const total = singles.reduce((a, b) => a + b, 0);
  const logp = new Float64Array(symbols * symbols);
  for (let a = 0; a < symbols; a++) {
    let row = 0;
    for (let b = 0; b < symbols; b++) row += pairs[a * symbols + b] ?? 0;
    for (let b = 0; b < symbols; b++) {
      const single = ((singles[b] ?? 0) + 1) / (total + symbols);
      logp[a * symbols + b] = Math.log2(
        ((pairs[a * symbols + b] ?? 0) + priorMass * single) / (row + priorMass),
      );
    }
  }
  return logp;
}

const pairLog = trainPairs(baselineText);

/**
 * Average surprise of a label, in bits per character, under the letter-pair model of ordinary
 * names: about 3 for words and brands, 5–6 for random letters, hex or base32.
 */
export function bitsPerChar(label: string): number {
  if (label === '') return 0;
  let prev = boundary;
  let bits = 0;
  for (const ch of `${label}\u0000`) {
    const next = ch === '\u0000' ? boundary : symbolOf(ch);
    bits -= pairLog[prev * symbols + next] ?? 0;
    prev = next;
  }
  return bits / (label.length + 1);
}

/** Where the bits-per-character scale turns from name-like to random; documented in the READMEs. */
export const randomnessScale = { wordLike: 4, random: 5, shortest: 5, confident: 8 } as const;

const ramp = (x: number, lo: number, hi: number) => Math.min(1, Math.max(0, (x - lo) / (hi - lo)));

/**
 * How random a DNS label looks, 0–1: its surprise under the baseline, trusted less for short
 * labels (a four-letter abbreviation says little either way).
 */
export function labelRandomness(label: string): number {
  const s = randomnessScale;
  const confidence = ramp(label.length, s.shortest - 1, s.confident);
  return Math.round(ramp(bitsPerChar(label), s.wordLike, s.random) * confidence * 1000) / 1000;
}
