import { errorCodes, MamoriError } from '../errors.js';
import { findConfigFile, readConfigFile } from './config-file.js';
import { describeIssue, keyName, valueAt } from './config-issues.js';
import { configSchema, type MamoriConfig } from './config-schema.js';
import { configEntries, nodeAt } from './schema-keys.js';

/** A command-line flag that sets one config key (flags win over the file). */
export interface ConfigFlag {
  /** The key it sets, e.g. `['network', 'internal']`. */
  readonly path: readonly string[];
  /** The flag as the user typed it, e.g. `--internal`: shown as the value's source. */
  readonly flag: string;
  readonly value: unknown;
}

/** The effective config, the file it was read from and where each key's value came from. */
export interface LoadedConfig {
  readonly config: MamoriConfig;
  readonly file: string | null;
  /** Per key (`detectors.beaconing.threshold`): `default`, the file's path, or the flag. */
  readonly sources: Readonly<Record<string, string>>;
}

/**
 * Validates a parsed config file (`source` names it in messages) and returns it with every default
 * filled in. A bad value is a usage error naming each bad key, the value and what is allowed.
 */
export function parseConfig(raw: unknown, source: string): MamoriConfig {
  const parsed = configSchema.safeParse(withoutEmptyGroups(raw ?? {}, []));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => describeIssue(i, raw));
  throw new MamoriError(
    errorCodes.usage,
    `${source}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`,
    { cause: parsed.error },
  );
}

// A YAML group whose keys are all commented out (`store:`) reads as null: it means "all defaults".
function withoutEmptyGroups(v: unknown, path: readonly string[]): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k, x]) => !(x === null && nodeAt([...path, k])?.type === 'object'))
      .map(([k, x]) => [k, withoutEmptyGroups(x, [...path, k])]),
  );
}

function withFlags(raw: unknown, flags: readonly ConfigFlag[]): unknown {
  const root: Record<string, unknown> = structuredClone(
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {},
  );
  for (const f of flags) {
    let at = root;
    for (const p of f.path.slice(0, -1)) {
      const next = at[p];
      const group = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
      at[p] = group;
      at = group as Record<string, unknown>;
    }
    at[f.path[f.path.length - 1] as string] = f.value;
  }
  return root;
}

/**
 * The effective config of a command: the defaults, then `--config FILE` (else the data directory's
 * `mamori.config.*`), then the flags the user gave. Flags are checked as the file is.
 */
export function loadConfig(opts: {
  readonly dataDir: string;
  readonly file?: string;
  readonly flags?: readonly ConfigFlag[];
}): LoadedConfig {
  const file = findConfigFile(opts.dataDir, opts.file);
  const raw = file ? readConfigFile(file) : {};
  const source = file ? `config file ${file}` : 'defaults';
  if (file && (raw === null || typeof raw !== 'object' || Array.isArray(raw)))
    throw new MamoriError(errorCodes.usage, `${source}: the top level must be a table of keys`);
  // The file alone first, so that its problems are reported against it and not against a flag.
  parseConfig(raw, source);
  const flags = (opts.flags ?? []).filter((f) => f.value !== undefined);
  const config = parseConfig(withFlags(raw, flags), `${source} with ${flags.map((f) => f.flag).join(', ')}`);
  const sources: Record<string, string> = {};
  for (const { path } of configEntries().keys) {
    const name = keyName(path);
    const flag = flags.find((f) => keyName(f.path) === name);
    sources[name] = flag ? flag.flag : file && valueAt(raw, path) !== undefined ? file : 'default';
  }
  return { config, file, sources };
}
