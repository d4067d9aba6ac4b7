import { z } from 'zod';
import { configSchema } from './config-schema.js';

/** One key of the config (a leaf), as the sample config, the docs and `config check` describe it. */
export interface ConfigKey {
  /** The key's path from the root (`detectors.beaconing.threshold`). */
  readonly path: readonly string[];
  readonly description: string;
  /** The default; undefined when the key is unset by default. */
  readonly default: unknown;
  /** What values are allowed, in words ("a number from 0 to 1"). */
  readonly range: string;
}

/** One group of keys (an object of the schema), with its description. */
export interface ConfigGroup {
  readonly path: readonly string[];
  readonly description: string;
}

interface JsonNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  readonly items?: JsonNode;
  readonly properties?: Record<string, JsonNode>;
}

// zod's own whole-number bounds are the safe-integer limits: no user means them as a range.
const unbounded = (n: number | undefined) => n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER;

/** A JSON-schema node's allowed values, in words. */
export function rangeText(n: JsonNode): string {
  if (n.type === 'array')
    return `a list of ${n.items?.description ?? (n.items ? plural(rangeText(n.items)) : 'values')}`;
  if (n.type === 'boolean') return 'true or false';
  if (n.type === 'object') return 'a table of keys';
  if (n.type === 'string') return 'a non-empty string';
  const what = n.type === 'integer' ? 'a whole number' : 'a number';
  const lo = unbounded(n.minimum) ? undefined : n.minimum;
  const hi = unbounded(n.maximum) ? undefined : n.maximum;
  if (n.exclusiveMinimum !== undefined) return `${what} greater than ${n.exclusiveMinimum}`;
  if (lo !== undefined && hi !== undefined) return `${what} from ${lo} to ${hi}`;
  if (lo !== undefined) return `${what} of at least ${lo}`;
  if (hi !== undefined) return `${what} of at most ${hi}`;
  return what;
}

// "a whole number from 1 to 65535" → "whole numbers from 1 to 65535".
const plural = (s: string) =>
  s
    .replace(/^an? /, '')
    .replace(/^(whole )?number/, '$1numbers')
    .replace(/^non-empty string/, 'non-empty strings');

/** The config schema as JSON Schema (input side: defaults, descriptions and bounds). */
const jsonSchema = z.toJSONSchema(configSchema, { io: 'input' }) as JsonNode;

/** The config as a tree: groups hold keys and further groups, in schema order. */
export type ConfigNode =
  | (ConfigGroup & { readonly kind: 'group'; readonly children: readonly ConfigNode[] })
  | (ConfigKey & { readonly kind: 'key' });

function treeOf(node: JsonNode, path: readonly string[]): ConfigNode[] {
  return Object.entries(node.properties ?? {}).map(([name, child]): ConfigNode => {
    const here = [...path, name];
    const description = child.description ?? '';
    return child.type === 'object'
      ? { kind: 'group', path: here, description, children: treeOf(child, here) }
      : { kind: 'key', path: here, description, default: child.default, range: rangeText(child) };
  });
}

/** The config's top-level groups, each with its keys. */
export const configTree = (): ConfigNode[] => treeOf(jsonSchema, []);

/** Every group and key of the config, in schema order. */
export function configEntries(): { groups: ConfigGroup[]; keys: ConfigKey[] } {
  const groups: ConfigGroup[] = [];
  const keys: ConfigKey[] = [];
  const walk = (nodes: readonly ConfigNode[]) => {
    for (const n of nodes)
      if (n.kind === 'group') {
        groups.push({ path: n.path, description: n.description });
        walk(n.children);
      } else keys.push({ path: n.path, description: n.description, default: n.default, range: n.range });
  };
  walk(configTree());
  return { groups, keys };
}

/** The JSON-schema node at a path (numeric parts step into a list's items), if there is one. */
export function nodeAt(path: readonly PropertyKey[]): JsonNode | undefined {
  let node: JsonNode | undefined = jsonSchema;
  for (const part of path) node = typeof part === 'number' ? node?.items : node?.properties?.[String(part)];
  return node;
}
