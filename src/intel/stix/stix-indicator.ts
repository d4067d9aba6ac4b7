import { clip } from '../../clip.js';
import type { IndicatorRecord, IntelItem, Tlp } from '../model.js';
import type { StixObject } from './bundle-stream.js';
import { PatternError, parsePattern } from './pattern/index.js';
import { indicatorsOfPattern } from './pattern-indicators.js';
import { flag, num, str } from './stix-fields.js';

/** How one indicator object was read, for the importer's tally. */
export type IndicatorOutcome = 'full' | 'partial' | 'none' | 'unparsed' | 'other-pattern-type';

/**
 * The items of one STIX indicator: an indicator record per matchable value of its pattern, plus an
 * observable that flags a pattern network data can match only in part (`stix-pattern-partial`) or
 * not at all (`stix-pattern`), and a problem per value that is not a valid indicator.
 */
export function indicatorItems(
  o: StixObject,
  tlp: Tlp | undefined,
  location: string,
): { items: IntelItem[]; outcome: IndicatorOutcome } {
  const problem = (message: string): IntelItem => ({ kind: 'problem', problem: { location, message } });
  const pattern = str(o, 'pattern');
  if (!pattern) return { items: [problem('indicator has no pattern')], outcome: 'unparsed' };
  const patternType = str(o, 'pattern_type') ?? 'stix';
  if (patternType !== 'stix') {
    const kind = `${patternType.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-pattern`;
    const reason = `pattern_type ${patternType} is not read (only STIX patterns are)`;
    return {
      items: [{ kind: 'observable', observable: { ref: o.id, kind, value: pattern, reason } }],
      outcome: 'other-pattern-type',
    };
  }
  let derived: ReturnType<typeof indicatorsOfPattern>;
  try {
    derived = indicatorsOfPattern(parsePattern(pattern));
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    return {
      items: [problem(`pattern does not parse: ${err.message}: ${clip(pattern, 200, { mark: '...' })}`)],
      outcome: 'unparsed',
    };
  }
  const items: IntelItem[] = derived.rejected.map((r) => problem(`pattern value ${r.reason}`));
  const reason = derived.reason ?? '';
  if (derived.matchable === 'none') {
    if (derived.rejected.length === 0)
      items.push({
        kind: 'observable',
        observable: { ref: o.id, kind: 'stix-pattern', value: pattern, reason },
      });
    return { items, outcome: 'none' };
  }
  const common = commonFields(
    o,
    tlp,
    pattern,
    derived.values.map((v) => v.value),
  );
  for (const v of derived.values) {
    const indicator: IndicatorRecord = {
      ref: o.id,
      type: v.type,
      value: v.value,
      ...(v.port !== undefined ? { port: v.port } : {}),
      ...common,
    };
    items.push({ kind: 'indicator', indicator });
  }
  if (derived.matchable === 'partial')
    items.push({
      kind: 'observable',
      observable: { ref: o.id, kind: 'stix-pattern-partial', value: pattern, reason },
    });
  return { items, outcome: derived.matchable };
}

function commonFields(
  o: StixObject,
  tlp: Tlp | undefined,
  pattern: string,
  values: readonly string[],
): Omit<IndicatorRecord, 'ref' | 'type' | 'value'> {
  const validFrom = str(o, 'valid_from');
  const validUntil = str(o, 'valid_until');
  const confidence = num(o, 'confidence');
  // Some producers name an indicator by its value, which says nothing more.
  const name = str(o, 'name');
  const description =
    str(o, 'description') ?? (name && !values.includes(name.toLowerCase()) ? name : undefined);
  return {
    pattern,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(confidence !== undefined && confidence >= 0 && confidence <= 100 ? { confidence } : {}),
    ...(tlp ? { tlp } : {}),
    ...(description ? { description } : {}),
    ...(flag(o, 'revoked') ? { revoked: true } : {}),
  };
}
