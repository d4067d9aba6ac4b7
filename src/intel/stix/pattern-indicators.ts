import { plural } from '../../plural.js';
import { normalizeAs } from '../indicators/normalize.js';
import type { IndicatorType } from '../model.js';
import type { ComparisonExpr, Literal, ObservationExpr } from './pattern/index.js';
import { printPath } from './pattern/index.js';
import { classifyPath, type PathClass } from './pattern-paths.js';

/** One network-matchable value derived from a pattern. */
export interface PatternValue {
  readonly type: IndicatorType;
  readonly value: string;
  readonly port?: number;
}

/**
 * What network data can match of a pattern. `full`: seeing any one value satisfies the pattern and
 * every way to satisfy it is covered; `partial`: values are emitted, but the pattern needs more
 * (another observation, a condition on something else) or has alternatives we cannot check;
 * `none`: nothing to match. `rejected` lists values of a matchable path that failed normalisation.
 */
export interface PatternIndicators {
  readonly values: PatternValue[];
  readonly matchable: 'full' | 'partial' | 'none';
  readonly reason?: string;
  readonly rejected: { readonly value: string; readonly reason: string }[];
}

interface Candidate {
  readonly cls: PathClass & { readonly kind: 'value' };
  readonly raw: string;
  readonly ports?: readonly number[];
}

/** An analysed sub-expression. */
interface Part {
  readonly values: Candidate[];
  /** Each value alone satisfies this part. */
  readonly sufficient: boolean;
  /** Every way to satisfy this part shows one of the values. */
  readonly complete: boolean;
  readonly reasons: string[];
  /** `network-traffic:dst_port` values, which only narrow addresses in the same observation. */
  readonly ports?: readonly number[];
  /** A condition that always holds for the values here (`dst_ref.type = 'ipv4-addr'`). */
  readonly neutral?: boolean;
}

const hashTypes = new Set<IndicatorType>(['md5', 'sha1', 'sha256', 'x509']);

/** Derives the network-matchable indicator values of a parsed pattern. */
export function indicatorsOfPattern(pattern: ObservationExpr): PatternIndicators {
  const part = observationPart(pattern);
  const rejected: { value: string; reason: string }[] = [];
  const values: PatternValue[] = [];
  const seen = new Set<string>();
  const reasons = [...part.reasons];
  for (const c of part.values) {
    const n = normalizeAs(c.cls.type, c.raw);
    if (!n.ok) {
      rejected.push({ value: c.raw, reason: n.reason });
      continue;
    }
    const portable = n.type === 'ipv4' || n.type === 'ipv6';
    const ports: (number | undefined)[] = c.ports && portable ? [...c.ports] : [n.port];
    if (c.ports && !portable) reasons.push(`the port condition is not kept for ${n.type} ${n.value}`);
    for (const port of ports) {
      const key = `${n.type}|${n.value}|${port ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(
        port === undefined ? { type: n.type, value: n.value } : { type: n.type, value: n.value, port },
      );
    }
  }
  if (rejected.length > 0) reasons.push(`${rejected.length} value(s) are not valid indicators`);
  const reason = summarize(reasons);
  if (values.length === 0) {
    return { values, matchable: 'none', reason: reason ?? 'no value that network data can match', rejected };
  }
  const full = part.sufficient && part.complete && reasons.length === 0;
  return full ? { values, matchable: 'full', rejected } : { values, matchable: 'partial', reason, rejected };
}

function observationPart(expr: ObservationExpr): Part {
  switch (expr.kind) {
    case 'observation':
      return finishObservation(comparisonPart(expr.comparison));
    case 'qualified': {
      const inner = observationPart(expr.expr);
      const reasons = [...inner.reasons];
      for (const q of expr.qualifiers) {
        if (q.kind === 'repeats' && q.times > 1) reasons.push(`must be seen ${q.times} times`);
        if (q.kind === 'start-stop') reasons.push(`only counts between ${q.start} and ${q.stop}`);
        if (q.kind === 'within' && expr.expr.kind !== 'observation')
          reasons.push(`observations must fall within ${plural(q.seconds, 'second')}`);
      }
      return { ...inner, sufficient: inner.sufficient && reasons.length === inner.reasons.length, reasons };
    }
    case 'observations': {
      const parts = expr.operands.map(observationPart);
      if (expr.op === 'OR') return anyOf(parts, 'observations');
      const joined = expr.op === 'AND' ? 'together' : 'in sequence (FOLLOWEDBY)';
      return {
        values: parts.flatMap((p) => p.values),
        sufficient: false,
        complete: parts.some((p) => p.complete && p.values.length > 0),
        reasons: [`needs ${parts.length} observations ${joined}`, ...parts.flatMap((p) => p.reasons)],
      };
    }
  }
}

/** A port or neutral condition left alone in an observation matches nothing by itself. */
function finishObservation(p: Part): Part {
  if (p.ports) return { values: [], sufficient: false, complete: false, reasons: ['only a port is given'] };
  if (p.neutral) return { values: [], sufficient: false, complete: false, reasons: ['no value is given'] };
  return p;
}

function comparisonPart(expr: ComparisonExpr): Part {
  switch (expr.kind) {
    case 'compare':
    case 'in':
      return leafPart(expr);
    case 'exists':
      return unchecked(`EXISTS ${printPath(expr.path)} cannot be checked on network data`);
    case 'comparisons': {
      const parts = expr.operands.map(comparisonPart);
      return expr.op === 'OR' ? anyOf(parts, 'conditions') : allOf(parts);
    }
  }
}

function anyOf(parts: Part[], what: string): Part {
  const withValues = parts.filter((p) => p.values.length > 0);
  const reasons = parts.flatMap((p) => p.reasons);
  const missing = parts.length - withValues.length;
  if (missing > 0 && withValues.length > 0)
    reasons.unshift(`${missing} alternative ${what} cannot be checked`);
  return {
    values: withValues.flatMap((p) => p.values),
    sufficient: withValues.every((p) => p.sufficient),
    complete: missing === 0 && parts.every((p) => p.complete),
    reasons,
  };
}

function allOf(parts: Part[]): Part {
  const portParts = parts.filter((p) => p.ports);
  const valueParts = parts.filter((p) => p.values.length > 0);
  const others = parts.filter((p) => !p.ports && !p.neutral && p.values.length === 0);
  const reasons = others.flatMap((p) => p.reasons);
  if (valueParts.length === 0) {
    if (others.length === 0 && portParts.length > 0) return { ...portParts[0], values: [] } as Part;
    if (others.length === 0)
      return { values: [], sufficient: false, complete: false, reasons, neutral: true };
    return { values: [], sufficient: false, complete: false, reasons };
  }
  let values = valueParts.flatMap((p) => p.values);
  let sufficient = valueParts.every((p) => p.sufficient) && others.length === 0;
  if (others.length > 0 && reasons.length === 0) reasons.push('other conditions cannot be checked');
  if (valueParts.length > 1 && !sameFileHashes(valueParts)) {
    sufficient = false;
    reasons.push(`needs ${valueParts.length} values together`);
  }
  if (portParts.length === 1) {
    const ports = portParts[0]?.ports ?? [];
    if (values.some((c) => !c.cls.portable)) {
      sufficient = false;
      reasons.push('the port condition is on another object');
    }
    values = values.map((c) => (c.cls.portable ? { ...c, ports } : c));
  } else if (portParts.length > 1) {
    sufficient = false;
    reasons.push('several port conditions');
  }
  return { values, sufficient, complete: valueParts.some((p) => p.complete), reasons };
}

/** Several hashes ANDed in one observation name a single file (or certificate): each identifies it. */
function sameFileHashes(parts: Part[]): boolean {
  const types = new Set(parts.flatMap((p) => p.values.map((v) => `${v.cls.objectType}`)));
  return types.size === 1 && parts.every((p) => p.values.every((v) => hashTypes.has(v.cls.type)));
}

function leafPart(expr: ComparisonExpr & { kind: 'compare' | 'in' }): Part {
  const cls = classifyPath(expr.path);
  const where = printPath(expr.path);
  const equality = !expr.negated && (expr.kind === 'in' || expr.op === '=');
  const literals = expr.kind === 'in' ? expr.values : [expr.value];
  if (cls.kind === 'neutral' && equality) {
    return { values: [], sufficient: true, complete: true, reasons: [], neutral: true };
  }
  if (cls.kind === 'port' && equality) {
    const ports = literals.flatMap((l) =>
      l.kind === 'int' && l.value >= 0 && l.value <= 65535 ? [l.value] : [],
    );
    if (ports.length === literals.length)
      return { values: [], sufficient: true, complete: true, reasons: [], ports };
    return unchecked(`${where} has a value that is not a port number`);
  }
  if (cls.kind !== 'value') return unchecked(`${where} cannot be checked on network data`);
  if (!equality) {
    const op = expr.kind === 'in' ? 'IN' : expr.op;
    return unchecked(`${expr.negated ? 'NOT ' : ''}${op} on ${where} is not an exact value`);
  }
  const strings = literals.filter((l): l is Literal & { kind: 'string' } => l.kind === 'string');
  const values = strings.map((l) => ({ cls: refine(cls, l.value), raw: l.value }));
  const complete = strings.length === literals.length;
  return {
    values,
    sufficient: true,
    complete,
    reasons: complete ? [] : [`${where} is compared with a value that is not a string`],
  };
}

/** `network-traffic:dst_ref.value` may hold an address or a domain name; the value says which. */
function refine(cls: PathClass & { kind: 'value' }, raw: string): PathClass & { kind: 'value' } {
  if (cls.type !== 'domain' || !cls.portable) return cls;
  const looksLikeAddress = /^[0-9.]+(?:\/\d+)?$/.test(raw.trim()) || raw.includes(':');
  return looksLikeAddress ? { ...cls, type: 'cidr' } : cls;
}

function unchecked(reason: string): Part {
  return { values: [], sufficient: false, complete: false, reasons: [reason] };
}

function summarize(reasons: readonly string[]): string | undefined {
  const unique = [...new Set(reasons)];
  if (unique.length === 0) return undefined;
  const shown = unique.slice(0, 4).join('; ');
  return unique.length > 4 ? `${shown}; and ${unique.length - 4} more` : shown;
}
