import fc from 'fast-check';
import { expect, it } from 'vitest';
import { esc } from '../../src/report/html/html-escape.js';
import { htmlFormat } from '../../src/report/html/html-format.js';
import { mdText } from '../../src/report/md/md-escape.js';
import { markdownFormat } from '../../src/report/md/md-format.js';
import {
  type HostileStrings,
  hostile,
  hostileAttribution,
  hostileIncident,
  reportInput,
} from './fixtures.js';
import { htmlShape, markdownShape, reportTags, strayAngles, tableProblems } from './structure.js';

/** Strings rich in the characters that matter to HTML and Markdown, plus any Unicode. */
const nasty = fc.oneof(
  fc.string({
    unit: fc.constantFrom(...'<>&"\'`|\\*_[]()#!~-+=/\n\r\t\u0000\u2028 .ab:;{}$'.split('')),
    minLength: 1,
    maxLength: 40,
  }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
);

/** Server names keep every nasty character but stay blockable names (two labels, none empty). */
const serverName = nasty.map(
  (v) =>
    `${v
      .split('.')
      .map((l) => `x${l}x`)
      .join('.')}.example`,
);
const serverKeys = new Set(['domain', 'domainPipes', 'domainMarkdown', 'domainNewline']);

const strings = fc.record(
  Object.fromEntries(Object.keys(hostile).map((k) => [k, serverKeys.has(k) ? serverName : nasty])) as {
    [K in keyof HostileStrings]: typeof nasty;
  },
);

// A server name that is no blockable name (a bare label) is left out of the block list, so the
// structure is compared over names that are.
const plain = Object.fromEntries(
  Object.keys(hostile).map((k, i) => [k, `plain${i}.example`]),
) as HostileStrings;

/**
 * The structure may legitimately change when two strings coincide (two servers with one name are
 * matched as one) or a name is "unknown" (the unknown-actor hypothesis renders differently).
 */
const comparable = (s: HostileStrings) =>
  new Set(Object.values(s).map((v) => v.toLowerCase())).size === Object.keys(s).length &&
  s.actor !== 'unknown';

const input = (s: HostileStrings) =>
  reportInput({ incidents: [{ incident: hostileIncident(s), attribution: hostileAttribution(s) }] });

it('HTML: random domains, URIs, user agents, subjects and actor names never open a tag or attribute', () => {
  const baseline = htmlShape(htmlFormat.render(input(plain)));
  fc.assert(
    fc.property(strings, (s) => {
      fc.pre(comparable(s));
      const html = htmlFormat.render(input(s));
      expect(strayAngles(html, reportTags)).toEqual([]);
      expect(htmlShape(html)).toEqual(baseline);
    }),
    { numRuns: 150 },
  );
});

it('Markdown: random attacker strings never break a table, add a block or let a raw < through', () => {
  const baseline = markdownShape(markdownFormat.render(input(plain)));
  fc.assert(
    fc.property(strings, (s) => {
      fc.pre(comparable(s));
      const md = markdownFormat.render(input(s));
      expect(md).not.toContain('<');
      expect(tableProblems(md)).toEqual([]);
      expect(markdownShape(md)).toEqual(baseline);
    }),
    { numRuns: 150 },
  );
});

it('the escapers leave no markup character raw', () => {
  fc.assert(
    fc.property(nasty, (s) => {
      expect(esc(s)).not.toMatch(/[<>"'`\n\r\u0000]/);
      const md = mdText(s);
      expect(md).not.toMatch(/[<>\n\r]/);
      // Every pipe, backtick, star, underscore, bracket and tilde is backslash-escaped.
      expect(md.replace(/\\\\/g, '')).not.toMatch(/(^|[^\\])[|`*_[\]~#]/);
    }),
    { numRuns: 500 },
  );
});
