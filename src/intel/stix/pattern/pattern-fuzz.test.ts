import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComparisonExpr,
  type Literal,
  type ObjectPath,
  type ObservationExpr,
  PatternError,
  parsePattern,
  printPattern,
} from './index.js';

const objectType = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
const path: fc.Arbitrary<ObjectPath> = fc.record({
  objectType,
  steps: fc
    .tuple(
      fc.string({ maxLength: 8 }),
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 8 }).map((name) => ({ kind: 'prop' as const, name })),
          fc
            .oneof(fc.constant('*' as const), fc.integer({ min: -50, max: 50 }))
            .map((index) => ({ kind: 'index' as const, index })),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([first, rest]) => [{ kind: 'prop' as const, name: first }, ...rest]),
});

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const timestamp = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
  })
  .map(
    (t) =>
      `${pad(t.y, 4)}-${pad(t.mo, 2)}-${pad(t.d, 2)}T${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}${t.frac ? `.${t.frac}` : ''}Z`,
  );

const orderable: fc.Arbitrary<Literal> = fc.oneof(
  fc.string({ maxLength: 12 }).map((value) => ({ kind: 'string' as const, value })),
  fc.maxSafeInteger().map((value) => ({ kind: 'int' as const, value })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ kind: 'float' as const, value })),
  timestamp.map((value) => ({ kind: 'timestamp' as const, value })),
  fc.base64String({ maxLength: 16 }).map((value) => ({ kind: 'binary' as const, value })),
  fc.stringMatching(/^(?:[0-9a-fA-F]{2}){0,6}$/).map((value) => ({ kind: 'hex' as const, value })),
);
const literal: fc.Arbitrary<Literal> = fc.oneof(
  orderable,
  fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
);

const leaf: fc.Arbitrary<ComparisonExpr> = fc.oneof(
  fc.record({
    kind: fc.constant('compare' as const),
    path,
    op: fc.constantFrom('=' as const, '!=' as const),
    negated: fc.boolean(),
    value: literal,
  }),
  fc.record({
    kind: fc.constant('compare' as const),
    path,
    op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const),
    negated: fc.boolean(),
    value: orderable,
  }),
  fc.record({
    kind: fc.constant('compare' as const),
    path,
    op: fc.constantFrom('LIKE' as const, 'MATCHES' as const, 'ISSUBSET' as const, 'ISSUPERSET' as const),
    negated: fc.boolean(),
    value: fc.string({ maxLength: 12 }).map((value) => ({ kind: 'string' as const, value })),
  }),
  fc.record({
    kind: fc.constant('in' as const),
    path,
    negated: fc.boolean(),
    values: fc.array(literal, { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('exists' as const), path }),
);

const trees = fc.letrec<{ cmp: ComparisonExpr; obs: ObservationExpr }>((tie) => ({
  cmp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constant('comparisons' as const),
      op: fc.constantFrom('AND' as const, 'OR' as const),
      operands: fc.array(tie('cmp'), { minLength: 2, maxLength: 3 }),
    }),
  ),
  obs: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('observation' as const), comparison: tie('cmp') }),
    fc.record({
      kind: fc.constant('observations' as const),
      op: fc.constantFrom('AND' as const, 'OR' as const, 'FOLLOWEDBY' as const),
      operands: fc.array(tie('obs'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('qualified' as const),
      expr: tie('obs'),
      qualifiers: fc.array(
        fc.oneof(
          fc
            .double({ min: 0, max: 1e9, noNaN: true })
            .map((seconds) => ({ kind: 'within' as const, seconds })),
          fc.nat().map((times) => ({ kind: 'repeats' as const, times })),
          fc
            .tuple(timestamp, timestamp)
            .map(([start, stop]) => ({ kind: 'start-stop' as const, start, stop })),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  ),
}));

/** Parses, or returns the PatternError; anything else thrown fails the property. */
function tryParse(text: string): ObservationExpr | PatternError {
  try {
    return parsePattern(text);
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
}

const tokenSoup = fc
  .array(
    fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      'file:name',
      'a:b.c',
      "x:'q'[*]",
      '[0]',
      '=',
      '!=',
      '>=',
      'IN',
      'LIKE',
      'NOT',
      'EXISTS',
      'AND',
      'OR',
      'FOLLOWEDBY',
      'WITHIN',
      '5',
      'SECONDS',
      'REPEATS',
      'TIMES',
      'START',
      'STOP',
      "t'2020-01-01T00:00:00Z'",
      "'s'",
      "'a\\'b'",
      '-1.5',
      'true',
      "h'0a'",
      "b'aGk='",
      ',',
      '.',
      ':',
      "'",
      '\\',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(' '));

describe('pattern parser properties', () => {
  it('prints any tree to text that parses back to the same tree', () => {
    fc.assert(
      fc.property(trees.obs, (ast) => {
        expect(parsePattern(printPattern(ast))).toEqual(ast);
      }),
      { numRuns: 1500 },
    );
  });

  it('throws nothing but PatternError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        tryParse(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips whatever token soup happens to parse, and reports columns inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          tokenSoup,
          tokenSoup.map((s) => `[${s}]`),
        ),
        (text) => {
          const result = tryParse(text);
          if (result instanceof PatternError) {
            expect(result.column).toBeGreaterThanOrEqual(1);
            expect(result.column).toBeLessThanOrEqual(text.length + 1);
          } else {
            expect(parsePattern(printPattern(result))).toEqual(result);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
