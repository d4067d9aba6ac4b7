import { z } from 'zod';
import { errorCodes, MamoriError } from '../errors.js';

/** Parses a numeric CLI option with a zod schema; a bad value is a usage error naming the option. */
export function numberOption(name: string, schema: z.ZodNumber): (value: string) => number {
  return (value) => {
    const parsed = schema.safeParse(Number(value));
    if (!parsed.success || value.trim() === '') {
      const why = parsed.success ? 'a number is required' : (parsed.error.issues[0]?.message ?? 'invalid');
      throw new MamoriError(errorCodes.usage, `option ${name}: "${value}" is not valid (${why})`);
    }
    return parsed.data;
  };
}

/** Options shared by several commands. */
export const optionSchemas = {
  seconds: z.number().positive().max(86_400),
  positiveInt: z.number().int().positive(),
  unitInterval: z.number().min(0).max(1),
  // 16 MiB: the longest line every reader stores within the store's 512 MB memory limit, even when
  // spooling triples it (a field of quotes); see docs/security.md.
  lineBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024),
  decompressedBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 ** 4),
  gzipRatio: z.number().min(10).max(100_000),
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 31),
} as const;

/** A comma-separated option (`--internal`, `--sensor`) as its non-empty items; undefined for none. */
export function commaList(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

/** A memory-size option (`512MB`, `2GiB`); anything else is a usage error naming the option. */
export function memorySizeOption(name: string, pattern: RegExp): (value: string) => string {
  return (value) => {
    const text = value.trim();
    if (!pattern.test(text)) {
      throw new MamoriError(
        errorCodes.usage,
        `option ${name}: "${value}" is not a size such as 512MB or 4GB`,
      );
    }
    return text;
  };
}

/**
 * A list option whose items come from a fixed set (`--only beaconing,dga`, or `--only beaconing dga`):
 * items are split on commas and gathered across repeats; an unknown item is a usage error naming it
 * and the items allowed.
 */
export function choiceListOption<T extends string>(
  name: string,
  choices: readonly T[],
): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => {
    const items = commaList(value) ?? [];
    const unknown = items.filter((x) => !(choices as readonly string[]).includes(x));
    if (unknown.length > 0 || items.length === 0) {
      const what = unknown.length > 0 ? unknown.map((x) => `"${x}"`).join(', ') : `"${value}"`;
      throw new MamoriError(
        errorCodes.usage,
        `option ${name}: ${what} ${unknown.length > 1 ? 'are' : 'is'} not one of ${choices.join(', ')}`,
      );
    }
    return [...new Set([...(previous ?? []), ...(items as T[])])];
  };
}
