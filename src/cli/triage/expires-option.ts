import { errorCodes, MamoriError } from '../../errors.js';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--expires 30d` (m, h, d, w from now) or an ISO date, as an ISO instant; `never` is null. */
export function parseExpires(text: string | undefined, now = new Date()): string | null | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === 'never' || t === 'none') return null;
  const rel = /^(\d+)\s*([mhdw])$/.exec(t);
  if (rel)
    return new Date(now.getTime() + Number(rel[1]) * (units[rel[2] as string] as number)).toISOString();
  const at = Date.parse(t);
  if (!Number.isNaN(at) && /^\d{4}-\d{2}-\d{2}/.test(t)) return new Date(at).toISOString();
  throw new MamoriError(
    errorCodes.usage,
    `option --expires: ${t} is neither a duration (30d, 12h, 2w) nor an ISO date (2027-01-31)`,
  );
}
