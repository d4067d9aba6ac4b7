import type { z } from 'zod';
import { nodeAt, rangeText } from './schema-keys.js';

/** The value at a path of a parsed file, if it has one. */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path)
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** A path as the user writes it: `detectors.beaconing.threshold`, `correlation.adminPorts[2]`. */
export function keyName(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** One validation problem in words: the key, the value given and what is allowed. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const key = keyName(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(nodeAt(issue.path)?.properties ?? {});
    const where = key === '' ? 'at the top level' : `in ${key}`;
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} ${where} (allowed: ${known.join(', ')})`;
  }
  const given = `${key} = ${shown(valueAt(raw, issue.path))} is not allowed`;
  if (issue.code === 'custom') return `${given}: ${issue.message}`;
  const node = nodeAt(issue.path);
  return `${given}: it must be ${node ? rangeText(node) : issue.message}`;
}
