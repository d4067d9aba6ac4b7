import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { errorCodes, MamoriError, messageOf } from '../errors.js';

/** The formats a config file can be written in, by extension. */
export const configFormats = ['yaml', 'toml', 'json'] as const;
export type ConfigFormat = (typeof configFormats)[number];

/** The names a data directory's config file may have, in the order they are looked for. */
export const configFileNames = [
  'mamori.config.yaml',
  'mamori.config.yml',
  'mamori.config.toml',
  'mamori.config.json',
];

/** A config file's format, from its extension. */
export function configFormatOf(path: string): ConfigFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.toml') return 'toml';
  if (ext === '.json') return 'json';
  throw new MamoriError(
    errorCodes.usage,
    `config file ${path}: unknown format ${ext || '(no extension)'}: name it .yaml, .yml, .toml or .json`,
  );
}

/**
 * The config file a run reads: `--config FILE` when given, else the one `mamori.config.*` in the
 * data directory, else none. Two of them in one directory is an error: neither is chosen silently.
 */
export function findConfigFile(dataDir: string, explicit?: string): string | null {
  if (explicit !== undefined) {
    if (!existsSync(explicit))
      throw new MamoriError(errorCodes.usage, `config file ${explicit} does not exist`);
    return explicit;
  }
  const found = configFileNames.map((n) => join(dataDir, n)).filter((p) => existsSync(p));
  if (found.length > 1)
    throw new MamoriError(
      errorCodes.usage,
      `several config files in ${dataDir} (${found.join(', ')}): keep one`,
    );
  return found[0] ?? null;
}

// A JSON file has no comments; the sample keeps each key's description under "$comment" instead.
function withoutComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutComments);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== '$comment')
      .map(([k, x]) => [k, withoutComments(x)]),
  );
}

/** A config file's contents, parsed but not yet validated (an empty file is an empty config). */
export function readConfigFile(path: string): unknown {
  const format = configFormatOf(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MamoriError(errorCodes.usage, `config file ${path}: ${messageOf(err)}`, { cause: err });
  }
  try {
    if (format === 'toml') return parseToml(text);
    if (format === 'yaml') return parseYaml(text) ?? {};
    return text.trim() === '' ? {} : withoutComments(JSON.parse(text));
  } catch (err) {
    throw new MamoriError(
      errorCodes.usage,
      `config file ${path} is not valid ${format.toUpperCase()}: ${messageOf(err)}`,
      {
        cause: err,
      },
    );
  }
}
